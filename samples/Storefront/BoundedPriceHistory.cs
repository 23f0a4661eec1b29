namespace Storefront;

/// <summary>The healthy control's history: the same calls, but only the latest 64 points are kept.</summary>
public sealed class BoundedPriceHistory
{
    private const int Capacity = 64;
    private readonly PricePoint?[] _recent = new PricePoint?[Capacity];
    private readonly Lock _sync = new();
    private long _next;

    public void Record(PricePoint point)
    {
        lock (_sync)
        {
            _recent[_next++ % Capacity] = point;
        }
    }
}
