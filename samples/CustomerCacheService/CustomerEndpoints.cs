using System.Globalization;

namespace Contoso.Customers;

/// <summary>
/// <c>GET /api/customers/process/{count}</c> processes <c>count</c> new customers (the leak, ~2 KB each);
/// <c>GET /api/customers/cached</c> says how many the cache holds.
/// </summary>
public static class CustomerEndpoints
{
    // Held by a static, as DiagnosticScenarios' controller holds its processor: the path the statics scan follows
    // is CustomerEndpoints.s_processor.cache.cache.
    private static readonly Processor s_processor = new();
    private static long s_next;

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/customers/process/{count:int}", (int count) =>
        {
            for (var i = 0; i < Math.Clamp(count, 0, 10_000); i++)
            {
                var id = Interlocked.Increment(ref s_next).ToString(CultureInfo.InvariantCulture);
                s_processor.ProcessTransaction(new Customer(id, new string('n', 1000) + id));
            }

            return Results.Ok(s_processor.Cached);
        });
        app.MapGet("/api/customers/cached", () => Results.Ok(s_processor.Cached));
    }
}
