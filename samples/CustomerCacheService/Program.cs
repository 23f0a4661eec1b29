using Contoso.Customers;

// Listens where ASPNETCORE_URLS (or --urls) says; tests bind it to a free loopback port.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
CustomerEndpoints.Map(app);
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine("listening " + string.Join(' ', app.Urls)));
app.Run();
