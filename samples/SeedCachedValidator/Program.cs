// SeedCachedValidator: seed 2 translated to ASP.NET Core. Every POST /upload appends ".pdf" to
// Validators.Name.SupportedExtensions, a list on a cached singleton. Options:
//   --urls <url>          where to listen (default http://127.0.0.1:5080; port 0 picks a free one)
//   --drive <per second>  post to ourselves at that rate, so the app leaks with no external client
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SeedCachedValidator;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

var app = builder.Build();
app.MapPost("/upload", (string? fileName) => UploadHandler.Handle(fileName));
app.MapGet("/", () => Results.Text($"SupportedExtensions: {Validators.Name.SupportedExtensions?.Count ?? 0}\n"));

await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
var drive = SelfDriver.Parse(args);
Console.WriteLine($"SeedCachedValidator listening on {address}" + (drive is null ? string.Empty : $", driving {drive} requests/s"));
var driving = drive is null
    ? Task.CompletedTask
    : SelfDriver.RunAsync(new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), drive.Value, app.Lifetime.ApplicationStopping);
await app.WaitForShutdownAsync();
await driving;
