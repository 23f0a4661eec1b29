using System.Globalization;
using LeakAgent.Cli.Watch.Targets;

namespace LeakAgent.Cli.Watch.Alerts;

/// <summary>
/// Chooses the watched processes an alert names, from its labels, most specific first (docs/watch.md):
/// <list type="number">
/// <item><c>pid</c> or <c>process_pid</c> (the agent's and the watch's <c>process.pid</c>): exactly that process, or none.</item>
/// <item><c>instance</c> or <c>service_instance_id</c>: the process whose <c>service.instance.id</c> it is
/// (default <c>host:pid</c>); when none is, the next rule decides (a scrape's <c>instance</c> is often the collector's address).</item>
/// <item><c>leakagent_target_service</c> (the watch's own series), <c>service_name</c> or <c>job</c> (<c>service.name</c> as Prometheus names it): every process of that service.</item>
/// </list>
/// Only processes the watch is watching can match: an alert cannot make it dump anything outside its targets.
/// </summary>
internal static class AlertTargetMatcher
{
    private static readonly string[] s_pidLabels = ["pid", "process_pid"];
    private static readonly string[] s_instanceLabels = ["instance", "service_instance_id"];
    private static readonly string[] s_serviceLabels = ["leakagent_target_service", "service_name", "job"];

    public static IReadOnlyList<TargetProcess> Match(IReadOnlyDictionary<string, string> labels, IReadOnlyCollection<TargetProcess> targets)
    {
        if (Find(labels, s_pidLabels) is { } pidText)
        {
            return int.TryParse(pidText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                ? targets.Where(t => t.ProcessId == pid).ToList()
                : [];
        }

        if (Find(labels, s_instanceLabels) is { } instance)
        {
            var byInstance = targets.Where(t => string.Equals(t.InstanceId, instance, StringComparison.Ordinal)).ToList();
            if (byInstance.Count > 0)
            {
                return byInstance;
            }
        }

        if (Find(labels, s_serviceLabels) is { } service)
        {
            return targets.Where(t => string.Equals(t.ServiceName, service, StringComparison.Ordinal)).ToList();
        }

        return [];
    }

    private static string? Find(IReadOnlyDictionary<string, string> labels, string[] names)
    {
        foreach (var name in names)
        {
            if (labels.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }
}
