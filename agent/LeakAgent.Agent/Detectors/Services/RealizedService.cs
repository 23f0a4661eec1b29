namespace LeakAgent.Agent.Detectors.Services;

/// <summary>A singleton the provider has already created (or was given), held only for the length of one scan.</summary>
/// <param name="ServiceType">The registered service type, e.g. <c>Storefront.PriceHistory</c> or <c>IMemoryCache</c>.</param>
/// <param name="Instance">The instance the provider caches.</param>
internal readonly record struct RealizedService(Type? ServiceType, object Instance);
