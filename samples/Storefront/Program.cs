// Storefront: the commonest ASP.NET Core leak shapes, held by the host rather than by a static.
//   GET /price/{sku}  records the price in the PriceHistory singleton (a list that only grows)
//   GET /quote/{sku}  caches a quote in IMemoryCache under a new key (no size limit, no expiry)
// In every mode, RecentlyViewed keeps a bounded MemoryCache with statistics on (64 fixed keys, warmed at start).
// Options:
//   --mode leaky|singleton|cache|healthy   which leak to drive (healthy: bounded history and cache, same traffic)
//   --urls <url>                           where to listen (port 0 picks a free one)
//   --drive <per second>                   request ourselves at that rate, so the app leaks with no client
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Caching.Memory;
using Storefront;

var mode = ParseMode(args);
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5090");
}

builder.Services.AddSingleton(new StorefrontSettings(mode));
builder.Services.AddSingleton<PriceHistory>();
builder.Services.AddSingleton<BoundedPriceHistory>();
builder.Services.AddSingleton<QuoteService>();
builder.Services.AddSingleton<RecentlyViewed>();
if (mode == StorefrontMode.Healthy)
{
    builder.Services.AddMemoryCache(o => o.SizeLimit = 1024);
}
else
{
    builder.Services.AddMemoryCache();
}

var app = builder.Build();
if (mode == StorefrontMode.Healthy)
{
    // A healthy service warms its bounded cache before it serves: every key it will ever use is there from the start.
    app.Services.GetRequiredService<QuoteService>().WarmUp();
}

app.MapGet("/price/{sku}", (string sku, IServiceProvider services, RecentlyViewed recent) =>
{
    recent.Touch(sku);
    var point = new PricePoint(sku, 9.99m, DateTimeOffset.UtcNow, new string('p', 150));
    if (mode == StorefrontMode.Healthy)
    {
        services.GetRequiredService<BoundedPriceHistory>().Record(point);
    }
    else
    {
        services.GetRequiredService<PriceHistory>().Record(point);
    }

    return Results.Text("ok\n");
});
app.MapGet("/quote/{sku}", (string sku, QuoteService quotes) => Results.Text(quotes.Quote(sku).Length + "\n"));
app.MapGet("/", (IMemoryCache cache) => Results.Text($"mode {mode}, cache entries {(cache as MemoryCache)?.Count}\n"));

await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
var drive = SelfDriver.Parse(args);
Console.WriteLine($"Storefront ({mode}) listening on {address}" + (drive is null ? string.Empty : $", driving {drive} requests/s"));
var driving = drive is null
    ? Task.CompletedTask
    : SelfDriver.RunAsync(new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), drive.Value, mode, app.Lifetime.ApplicationStopping);
await app.WaitForShutdownAsync();
await driving;

static StorefrontMode ParseMode(string[] args)
{
    var index = Array.IndexOf(args, "--mode");
    return index >= 0 && index + 1 < args.Length && Enum.TryParse<StorefrontMode>(args[index + 1], ignoreCase: true, out var parsed)
        ? parsed
        : StorefrontMode.Leaky;
}
