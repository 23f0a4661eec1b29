using System.Collections;
using System.Reflection;

namespace LeakAgent.Agent.Detectors.Services;

/// <summary>
/// Lists the singletons a <c>Microsoft.Extensions.DependencyInjection.ServiceProvider</c> has created, without
/// creating one. The provider resolves through call sites cached in
/// <c>ServiceProvider.CallSiteFactory._callSiteCache</c> (a <c>ConcurrentDictionary&lt;ServiceCacheKey,
/// ServiceCallSite&gt;</c>); a singleton's call site has <c>Cache.Location == Root</c>, and
/// <c>CallSiteRuntimeResolver.VisitRootCache</c> stores the created instance in the call site's <c>Value</c>
/// (registered instances are there from the start: <c>ConstantCallSite</c>). So reading <c>Value</c> of the cached
/// root call sites gives exactly the realized singletons; a registration never resolved has no call site or a null
/// Value, and is skipped. Enumerating a ConcurrentDictionary takes no lock.
/// </summary>
/// <remarks>
/// These are internals of Microsoft.Extensions.DependencyInjection (same names in 8, 9 and 10); every member is looked
/// up by name once per provider type and checked, and a provider whose shape differs (another DI container, a
/// future version) is reported once and not read. Nothing is invoked but auto-property getters.
/// </remarks>
internal sealed class RealizedSingletons
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private const string ProviderTypeName = "Microsoft.Extensions.DependencyInjection.ServiceProvider";

    private readonly PropertyInfo _callSiteFactory;
    private readonly FieldInfo _callSiteCache;
    private PropertyInfo? _cache;
    private PropertyInfo? _location;
    private PropertyInfo? _value;
    private PropertyInfo? _serviceType;
    private object? _root;

    private RealizedSingletons(PropertyInfo callSiteFactory, FieldInfo callSiteCache)
    {
        _callSiteFactory = callSiteFactory;
        _callSiteCache = callSiteCache;
    }

    /// <summary>A reader for providers of <paramref name="providerType"/>, or null (with why) when its shape is unknown.</summary>
    public static RealizedSingletons? For(Type providerType, out string? problem)
    {
        if (providerType.FullName != ProviderTypeName)
        {
            problem = $"{providerType.FullName} is not Microsoft.Extensions.DependencyInjection's ServiceProvider";
            return null;
        }

        var factory = providerType.GetProperty("CallSiteFactory", Instance);
        var cache = factory?.PropertyType.GetField("_callSiteCache", Instance);
        if (factory is null || cache is null || !typeof(IDictionary).IsAssignableFrom(cache.FieldType))
        {
            problem = $"{providerType.AssemblyQualifiedName} has no CallSiteFactory._callSiteCache dictionary";
            return null;
        }

        problem = null;
        return new RealizedSingletons(factory, cache);
    }

    /// <summary>Adds the realized singletons of <paramref name="provider"/> to <paramref name="into"/>.</summary>
    /// <returns>False (with why) when a call site's shape is not the expected one.</returns>
    public bool TryRead(object provider, List<RealizedService> into, out string? problem)
    {
        problem = null;
        if (_callSiteFactory.GetValue(provider) is not { } factory || _callSiteCache.GetValue(factory) is not IDictionary callSites)
        {
            return true;
        }

        var entries = callSites.GetEnumerator();
        while (entries.MoveNext())
        {
            var callSite = entries.Value;
            if (callSite is null)
            {
                continue;
            }

            if (_value is null && !Bind(callSite.GetType(), out problem))
            {
                return false;
            }

            if (_cache!.GetValue(callSite) is not { } resultCache || !_root!.Equals(_location!.GetValue(resultCache)))
            {
                continue;
            }

            if (_value!.GetValue(callSite) is { } instance)
            {
                into.Add(new RealizedService(_serviceType?.GetValue(callSite) as Type, instance));
            }
        }

        return true;
    }

    private bool Bind(Type callSiteType, out string? problem)
    {
        // Members of the abstract ServiceCallSite (bound on it, not on the first derived call site met, so that the
        // virtual ServiceType dispatches on every kind of call site).
        var baseType = callSiteType;
        while (baseType is not null && baseType.Name != "ServiceCallSite")
        {
            baseType = baseType.BaseType;
        }

        callSiteType = baseType ?? callSiteType;
        var cache = callSiteType.GetProperty("Cache", Instance);
        var location = cache?.PropertyType.GetProperty("Location", Instance);
        var value = callSiteType.GetProperty("Value", Instance);
        if (cache is null || location is null || value is null || value.PropertyType != typeof(object)
            || !location.PropertyType.IsEnum || !Enum.TryParse(location.PropertyType, "Root", out var root))
        {
            problem = $"{callSiteType.FullName} has no Cache.Location (with Root) and Value";
            return false;
        }

        // CallSiteResultCacheLocation.Root is the singleton lifetime (Scope, Dispose, None are the others).
        _root = root;

        _cache = cache;
        _location = location;
        _serviceType = callSiteType.GetProperty("ServiceType", Instance);
        _value = value;
        problem = null;
        return true;
    }
}
