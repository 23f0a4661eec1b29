namespace Storefront;

/// <summary>The mode as a service (DI registers reference types only).</summary>
public sealed record StorefrontSettings(StorefrontMode Mode);
