namespace Storefront;

/// <summary>One observed price: a few hundred bytes, so a leak of them shows in the heap trend quickly.</summary>
public sealed record PricePoint(string Sku, decimal Price, DateTimeOffset At, string Note);
