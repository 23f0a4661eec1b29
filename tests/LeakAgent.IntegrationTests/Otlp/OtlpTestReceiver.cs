using System.Buffers.Binary;
using Google.Protobuf;
using LeakAgent.IntegrationTests.Otlp.Proto;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeakAgent.IntegrationTests.Otlp;

/// <summary>
/// A real OTLP receiver on loopback for tests: OTLP/HTTP (protobuf) on one port, OTLP/gRPC (HTTP/2 cleartext,
/// gRPC framing and trailers done by hand: the gRPC server packages are not on our registry) on another.
/// It decodes the real protobuf bytes with a minimal .proto of our own and keeps what arrived.
/// </summary>
public sealed class OtlpTestReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<ReceivedMetric> _metrics = [];
    private readonly List<ReceivedSpan> _spans = [];

    private OtlpTestReceiver(WebApplication app) => _app = app;

    /// <summary>The OTLP/HTTP endpoint (for <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>).</summary>
    public string HttpEndpoint { get; private set; } = string.Empty;

    /// <summary>The OTLP/gRPC endpoint (for <c>OTEL_EXPORTER_OTLP_PROTOCOL=grpc</c>).</summary>
    public string GrpcEndpoint { get; private set; } = string.Empty;

    /// <summary>When set, every export waits this long before it is answered (a slow collector).</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>How many export requests arrived, of any kind.</summary>
    public int RequestCount { get; private set; }

    public IReadOnlyList<ReceivedMetric> Metrics
    {
        get
        {
            lock (_gate)
            {
                return _metrics.ToList();
            }
        }
    }

    public IReadOnlyList<ReceivedSpan> Spans
    {
        get
        {
            lock (_gate)
            {
                return _spans.ToList();
            }
        }
    }

    public static async Task<OtlpTestReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        var receiver = new OtlpTestReceiver(app);
        app.MapPost("/v1/metrics", context => receiver.HandleHttpAsync(context, ExportMetricsServiceRequest.Parser, r => receiver.Add(OtlpDecoder.Metrics(r, "http/protobuf"))));
        app.MapPost("/v1/traces", context => receiver.HandleHttpAsync(context, ExportTraceServiceRequest.Parser, r => receiver.Add(OtlpDecoder.Spans(r, "http/protobuf"))));
        app.MapPost("/opentelemetry.proto.collector.metrics.v1.MetricsService/Export", context => receiver.HandleGrpcAsync(context, ExportMetricsServiceRequest.Parser, r => receiver.Add(OtlpDecoder.Metrics(r, "grpc"))));
        app.MapPost("/opentelemetry.proto.collector.trace.v1.TraceService/Export", context => receiver.HandleGrpcAsync(context, ExportTraceServiceRequest.Parser, r => receiver.Add(OtlpDecoder.Spans(r, "grpc"))));
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        receiver.HttpEndpoint = addresses[0];
        receiver.GrpcEndpoint = addresses[1];
        return receiver;
    }

    /// <summary>All received data points of one metric, oldest first.</summary>
    public IReadOnlyList<(ReceivedMetric Metric, ReceivedPoint Point)> PointsOf(string metricName)
    {
        return Metrics.Where(m => m.Name == metricName).SelectMany(m => m.Points.Select(p => (m, p))).ToList();
    }

    /// <summary>Waits until a received metric satisfies <paramref name="predicate"/> (polling what real processes send).</summary>
    public async Task<ReceivedMetric?> WaitForMetricAsync(Func<ReceivedMetric, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var found = Metrics.FirstOrDefault(predicate);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        return null;
    }

    /// <summary>Waits until a received span satisfies <paramref name="predicate"/>.</summary>
    public async Task<ReceivedSpan?> WaitForSpanAsync(Func<ReceivedSpan, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var found = Spans.FirstOrDefault(predicate);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private void Add(IEnumerable<ReceivedMetric> metrics)
    {
        lock (_gate)
        {
            RequestCount++;
            _metrics.AddRange(metrics);
        }
    }

    private void Add(IEnumerable<ReceivedSpan> spans)
    {
        lock (_gate)
        {
            RequestCount++;
            _spans.AddRange(spans);
        }
    }

    private async Task HandleHttpAsync<T>(HttpContext context, MessageParser<T> parser, Action<T> store)
        where T : IMessage<T>
    {
        var body = await ReadBodyAsync(context);
        store(parser.ParseFrom(body));
        await DelayAsync(context);
        context.Response.ContentType = "application/x-protobuf";
        context.Response.StatusCode = 200;
    }

    private async Task HandleGrpcAsync<T>(HttpContext context, MessageParser<T> parser, Action<T> store)
        where T : IMessage<T>
    {
        // gRPC framing: 1 byte compressed flag, 4 bytes big-endian length, then the message.
        var body = await ReadBodyAsync(context);
        if (body.Length < 5 || body[0] != 0)
        {
            context.Response.StatusCode = 400;
            return;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(1, 4));
        store(parser.ParseFrom(body, 5, length));
        await DelayAsync(context);
        context.Response.ContentType = "application/grpc";
        context.Response.StatusCode = 200;
        await context.Response.Body.WriteAsync(new byte[5]);
        context.Response.AppendTrailer("grpc-status", "0");
    }

    private async Task DelayAsync(HttpContext context)
    {
        if (ResponseDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(ResponseDelay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up on us: that is the point of a slow collector.
            }
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
