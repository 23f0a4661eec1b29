using Microsoft.Extensions.Caching.Memory;

namespace Storefront;

/// <summary>
/// A healthy cache in every mode: its own <see cref="MemoryCache"/> with a size limit and statistics on, over a fixed
/// set of 64 keys filled at start-up, so its entry count is flat and its estimated size is known (64 units).
/// </summary>
public sealed class RecentlyViewed : IDisposable
{
    private const int Keys = 64;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 256, TrackStatistics = true });
    private long _views;

    public RecentlyViewed()
    {
        for (var i = 0; i < Keys; i++)
        {
            Touch("warm-up");
        }
    }

    public void Touch(string sku)
    {
        var slot = Interlocked.Increment(ref _views) % Keys;
        _cache.Set("recent:" + slot, sku, new MemoryCacheEntryOptions { Size = 1 });
    }

    public void Dispose() => _cache.Dispose();
}
