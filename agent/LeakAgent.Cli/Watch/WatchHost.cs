using System.Net;
using System.Runtime.ExceptionServices;
using LeakAgent.Cli.Watch.Alerts;
using LeakAgent.Cli.Watch.Targets;
using LeakAgent.Cli.Watch.Telemetry;
using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Configuration.Parsing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace LeakAgent.Cli.Watch;

/// <summary>
/// The watch's host (Microsoft.Extensions.Hosting): one-line console logs, the watch and the webhook as hosted
/// services, and a graceful stop on SIGTERM or Ctrl-C that fits well inside Kubernetes' grace period and the 5 s
/// the watch promises: sessions stopped, a snapshot in flight abandoned (a dump is complete or absent).
/// </summary>
internal static class WatchHost
{
    /// <summary>The host's own budget for stopping the services; the rest of 5 s is the process exit.</summary>
    private static readonly TimeSpan s_shutdownTimeout = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(WatchOptions options, SettingsReader settings, (HttpListener Listener, BearerToken Token)? webhook, IReadOnlyList<string> warnings, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.FormatterName = WatchConsoleFormatter.FormatterName);
        builder.Logging.AddConsoleFormatter<WatchConsoleFormatter, ConsoleFormatterOptions>();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = s_shutdownTimeout);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WatchService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WatchService>());
        if (webhook is { } hook)
        {
            builder.Services.AddSingleton(hook.Listener);
            builder.Services.AddSingleton(hook.Token);
            builder.Services.AddHostedService<AlertWebhook>();
        }

        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LeakAgent.Watch");
        foreach (var warning in warnings)
        {
            WatchLog.SettingRejected(logger, warning);
        }

        var heap = options.Heap;
        var detector = $"heap window {DurationParser.Format(heap.Window)}, threshold {RateParser.Format(heap.GrowthThresholdBytesPerSecond)}, min fit {heap.MinFit:0.##}"
            + (options.Dump.Enabled ? string.Empty : ", no dumps on detection");
        var url = webhook is { } started ? "POST " + started.Listener.Prefixes.First().TrimEnd('/') + AlertWebhook.Path : "off (no token)";
        var targets = options.Targets.ToString();
        var directory = Path.GetFullPath(options.Dump.Directory);
        WatchLog.Started(logger, targets, directory, detector, url);
        using var meters = WatchExport.Start(settings);
        // Taken before the run: RunAsync disposes the host's services, but a service's task outlives that.
        var services = host.Services.GetServices<IHostedService>().ToList();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);

        // The host stops when a service throws and returns as if asked to; that must not look like a clean exit: the
        // exception goes on to the CLI, which prints it whole and exits 1 (a bug).
        if (FirstFailure(services) is { } failure)
        {
            WatchLog.ServiceFailed(logger, failure.Service, failure.Error.Message);
            ExceptionDispatchInfo.Throw(failure.Error);
        }

        WatchLog.Stopping(logger, "stopped");
    }

    private static (string Service, Exception Error)? FirstFailure(List<IHostedService> services)
    {
        foreach (var service in services)
        {
            if (service is BackgroundService { ExecuteTask: { IsFaulted: true } task })
            {
                return (service.GetType().Name, task.Exception!.GetBaseException());
            }
        }

        return null;
    }
}
