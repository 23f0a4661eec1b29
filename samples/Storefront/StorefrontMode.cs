namespace Storefront;

/// <summary>Which shape the app runs: <c>--mode singleton|cache|leaky|healthy</c>.</summary>
public enum StorefrontMode
{
    /// <summary>Both leaks at once.</summary>
    Leaky,

    /// <summary>Only the singleton's list grows (the cache endpoint is not driven).</summary>
    Singleton,

    /// <summary>Only the memory cache grows.</summary>
    Cache,

    /// <summary>Same traffic, bounded history and a bounded cache: nothing grows.</summary>
    Healthy,
}
