using Microsoft.Extensions.Caching.Memory;

namespace Storefront;

/// <summary>
/// The cache leak: every quote is cached under a new key in the shared <see cref="IMemoryCache"/>, with no size
/// limit and no expiry, so the cache only grows. In the healthy mode the keys come from a small fixed set.
/// </summary>
public sealed class QuoteService(IMemoryCache cache, StorefrontSettings settings)
{
    private const int HealthyKeys = 32;
    private long _requests;

    /// <summary>Fills the healthy mode's whole key set.</summary>
    public void WarmUp()
    {
        for (var i = 0; i < HealthyKeys; i++)
        {
            Quote("warm-up");
        }
    }

    public string Quote(string sku)
    {
        var n = Interlocked.Increment(ref _requests);
        var key = settings.Mode == StorefrontMode.Healthy ? $"quote:{n % HealthyKeys}" : $"quote:{sku}:{Guid.NewGuid():N}";
        var quote = cache.GetOrCreate(key, entry =>
        {
            if (settings.Mode == StorefrontMode.Healthy)
            {
                entry.SetSize(1).SetSlidingExpiration(TimeSpan.FromMinutes(5));
            }

            return new string('q', 200) + key;
        });
        return quote!;
    }
}
