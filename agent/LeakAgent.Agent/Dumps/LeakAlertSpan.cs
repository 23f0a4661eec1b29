using System.Diagnostics;
using LeakAgent.Agent.Telemetry;
using LeakAgent.Detection.Dumps;
using LeakAgent.Detection.Dumps.Upload;
using LeakAgent.Detection.Telemetry;

namespace LeakAgent.Agent.Dumps;

/// <summary>
/// The <c>leakagent.leak_alert</c> span: one per dump attempt, a root span (never a child of whatever the app was
/// doing), carrying the slope, fit, window, live size, the dump path, its object URL once uploaded, and the top suspects, so the alert shows up
/// in Jaeger beside the app's own traces.
/// </summary>
internal static class LeakAlertSpan
{
    public static void Emit(ActivitySource source, string trigger, string outcome, string reason, TriggerFacts heap, string? dumpPath, LeakReport? report, UploadResult? upload)
    {
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            using var activity = source.StartActivity(MetricNames.LeakAlertSpan, ActivityKind.Internal);
            if (activity is null)
            {
                return;
            }

            activity.SetTag(MetricNames.TriggerAttribute, trigger);
            activity.SetTag(MetricNames.OutcomeAttribute, outcome);
            activity.SetTag("leakagent.outcome.reason", reason);
            activity.SetTag(MetricNames.HeapGrowthRate, heap.SlopeBytesPerSecond);
            activity.SetTag(MetricNames.HeapGrowthFit, heap.Fit);
            activity.SetTag("leakagent.heap.window", heap.Window.TotalSeconds);
            if (heap.LiveBytes is { } live)
            {
                activity.SetTag(MetricNames.HeapLiveSize, live);
            }

            if (dumpPath is not null)
            {
                activity.SetTag("leakagent.gcdump.path", dumpPath);
                activity.SetTag("leakagent.gcdump.report", Path.ChangeExtension(dumpPath, DumpStore.ReportExtension));
            }

            if (upload is not null)
            {
                activity.SetTag("leakagent.gcdump.upload.outcome", upload.Outcome);
                if (upload.Uploaded)
                {
                    activity.SetTag("leakagent.gcdump.url", upload.DumpUrl);
                    activity.SetTag("leakagent.gcdump.report_url", upload.ReportUrl);
                }
                else
                {
                    activity.SetTag("leakagent.gcdump.upload.reason", upload.Line);
                }
            }

            if (report is not null)
            {
                activity.SetTag("leakagent.suspects.types", report.TopGrowingTypes.Take(5).Select(t => $"{t.TypeName} +{t.CountDelta}").ToArray());
                activity.SetTag("leakagent.suspects.fields", report.GrowingStaticFields.Take(5).Select(f => f.Path).ToArray());
                activity.SetTag("leakagent.suspects.pending", report.PendingAsync.Take(5).Select(p => $"{p.Method} x{p.Count}").ToArray());
                activity.SetTag("leakagent.suspects.retainers", report.Retainers.Take(5).Select(r => r.Title).ToArray());
                foreach (var growth in report.TopGrowingTypes.Take(5))
                {
                    activity.AddEvent(new ActivityEvent("leakagent.type_growth", tags: new ActivityTagsCollection
                    {
                        ["type"] = growth.TypeName,
                        ["count_delta"] = growth.CountDelta,
                        ["bytes_delta"] = growth.BytesDelta,
                    }));
                }
            }

            activity.SetStatus(outcome == DumpOutcomes.Failed ? ActivityStatusCode.Error : ActivityStatusCode.Ok, outcome == DumpOutcomes.Failed ? reason : null);
        }
        finally
        {
            Activity.Current = previous;
        }
    }
}
