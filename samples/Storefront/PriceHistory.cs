namespace Storefront;

/// <summary>
/// The singleton leak: registered with <c>AddSingleton</c>, it records every price it is asked for and never
/// forgets one. Nothing static holds it; only the host's service provider does.
/// </summary>
public sealed class PriceHistory
{
    private readonly List<PricePoint> _points = [];
    private readonly Lock _sync = new();

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _points.Count;
            }
        }
    }

    public void Record(PricePoint point)
    {
        lock (_sync)
        {
            _points.Add(point);
        }
    }
}
