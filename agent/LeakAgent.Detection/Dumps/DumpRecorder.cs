using System.Diagnostics;
using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Configuration.Parsing;
using LeakAgent.Detection.Dumps.Upload;
using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Collection;
using LeakAgent.Snapshots.Format;

namespace LeakAgent.Detection.Dumps;

/// <summary>
/// The dumps of one process, with the same rules wherever the snapshot is taken from (the agent inside the
/// process, or <c>leakagent watch</c> outside it): the policy (cooldown, count, size budget), a memory safety
/// check, a complete snapshot or none, the dump and its JSON leak report written through a temporary name, and
/// the first dump kept as the baseline later reports are diffed against. Not thread-safe: one attempt at a time.
/// </summary>
internal sealed class DumpRecorder
{
    private const int TopRows = 20;

    private readonly DumpOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly DumpStore _store;
    private readonly DumpPolicy _policy;
    private readonly DumpUploader? _uploader;
    private IReadOnlyDictionary<string, (int Count, long Bytes)>? _baseline;
    private string? _baselinePath;
    private double _averageObjectBytes = Memory.SnapshotCost.DefaultAverageObjectBytes;

    /// <param name="options">Directory and limits.</param>
    /// <param name="time">The clock (tests drive it).</param>
    /// <param name="log">Where progress lines go (the agent's self-log, the watch's logger).</param>
    /// <param name="uploader">Uploads complete dumps (<c>LEAKAGENT_DUMP_UPLOAD</c>); null: they stay local only.</param>
    public DumpRecorder(DumpOptions options, TimeProvider time, Action<string> log, DumpUploader? uploader = null)
    {
        _uploader = uploader;
        _options = options;
        _time = time;
        _log = log;
        _store = new DumpStore(options.Directory);
        _policy = new DumpPolicy(options);
    }

    /// <summary>The dump directory, resolved.</summary>
    public string Directory => _store.Directory;

    /// <summary>Bytes per object of this process's heap, as its last complete snapshot measured them (a default before).</summary>
    public double AverageObjectBytes => Volatile.Read(ref _averageObjectBytes);

    /// <summary>As <see cref="AttemptAsync(DumpRequest, Func{SnapshotPlan}, Func{DateTimeOffset, GcDumpMetadata}, CancellationToken)"/>,
    /// with a plain check and a fixed buffer (<c>leakagent watch</c>: the parsing runs in the watcher).</summary>
    public Task<DumpAttempt> AttemptAsync(DumpRequest request, Func<DumpDecision> safetyCheck, int bufferSizeMB, Func<DateTimeOffset, GcDumpMetadata> metadata, CancellationToken cancellationToken) =>
        AttemptAsync(request, () => new SnapshotPlan(safetyCheck(), bufferSizeMB), metadata, cancellationToken);

    /// <summary>True when complete dumps are uploaded.</summary>
    public bool Uploads => _uploader is not null;

    /// <summary>Uploads a written dump and its report; null when no upload is configured or nothing was written.</summary>
    public async Task<UploadResult?> UploadAsync(DumpAttempt attempt, CancellationToken cancellationToken) =>
        _uploader is null || attempt.Path is null ? null : await _uploader.UploadAsync(attempt.Path, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Uploads the complete dumps of <paramref name="service"/> that a previous process left without an upload marker:
    /// one OOM-killed right after its dump, before the upload ended. The dump directory on a volume that outlives the
    /// container (an emptyDir) is what makes them reach the bucket after all.
    /// </summary>
    public async Task<IReadOnlyList<UploadResult>> UploadLeftoversAsync(string service, CancellationToken cancellationToken)
    {
        if (_uploader is null)
        {
            return [];
        }

        var results = new List<UploadResult>();
        foreach (var path in _store.NotUploaded(service))
        {
            results.Add(await _uploader.UploadAsync(path, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Decides, snapshots and writes; every anticipated failure is an outcome, never an exception.</summary>
    /// <param name="request">Which process, and what the report should say.</param>
    /// <param name="planner">The memory check that applies where the snapshot is taken, and the buffer (run after the policy).</param>
    /// <param name="metadata">The dump's metadata at the given time.</param>
    /// <param name="cancellationToken">Abandons the snapshot (shutdown); nothing is written then.</param>
    public async Task<DumpAttempt> AttemptAsync(DumpRequest request, Func<SnapshotPlan> planner, Func<DateTimeOffset, GcDumpMetadata> metadata, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var (count, bytes) = _store.Usage();
        var decision = _policy.Decide(now, count, bytes);
        SnapshotPlan? plan = null;
        if (decision.Allowed)
        {
            plan = planner();
            decision = plan.Decision;
        }

        if (!decision.Allowed || plan is null)
        {
            return DumpAttempt.Skipped(decision);
        }

        var bufferSizeMB = plan.BufferSizeMB;

        try
        {
            _store.EnsureDirectory();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DumpAttempt.Failed($"the dump directory {_store.Directory} cannot be created ({ex.Message}); set LEAKAGENT_DUMP_DIR to a writable folder", TimeSpan.Zero);
        }

        _log($"taking a heap snapshot of process {request.ProcessId} ({bufferSizeMB} MB event buffer, timeout {DurationParser.Format(_options.Timeout)})");
        var stopwatch = Stopwatch.StartNew();
        var snapshot = await HeapSnapshotCollector.CollectAsync(request.ProcessId, new HeapSnapshotOptions
        {
            Timeout = _options.Timeout,
            CircularBufferSizeMB = bufferSizeMB,
            StaticFieldNamer = request.StaticFieldNamer,
            GraphGuard = plan.Room is { } room ? (nodes, edges) => MemorySafetyCheck.CheckGraph(room(), nodes, edges) : null,
        }, cancellationToken).ConfigureAwait(false);
        if (snapshot.Statistics.NodeCount >= 10_000 && snapshot.Statistics.TotalBytes > 0)
        {
            Volatile.Write(ref _averageObjectBytes, (double)snapshot.Statistics.TotalBytes / snapshot.Statistics.NodeCount);
        }

        if (!snapshot.IsCompleted)
        {
            return DumpAttempt.Failed($"the heap snapshot did not complete, so no dump was written: {snapshot}", stopwatch.Elapsed);
        }

        var path = _store.NewDumpPath(request.Service, request.ProcessId, now);
        var reportPath = Path.ChangeExtension(path, DumpStore.ReportExtension);
        try
        {
            DumpStore.WriteAtomically(path, stream => GcDumpWriter.Write(new GcDump(snapshot.Graph!, metadata(now)), stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DumpAttempt.Failed($"the dump could not be written to {_store.Directory} ({ex.Message}); set LEAKAGENT_DUMP_DIR to a writable folder", stopwatch.Elapsed);
        }

        _policy.RecordWritten(now);

        // The file has the addresses now; the report does not need them, and near a limit every byte counts.
        snapshot.Graph!.ReleaseAddresses();
        var agentTypes = ExcludedTypes.OfModules(snapshot.Graph!, request.AgentModulePaths);
        var reduced = plan.Room is { } readRoom ? MemorySafetyCheck.CheckReport(readRoom(), snapshot.Statistics.NodeCount, snapshot.Statistics.EdgeCount) : null;
        if (reduced is not null)
        {
            _log($"leak report reduced: {reduced}");
        }

        var report = LeakReportBuilder.Build(snapshot.Graph!, snapshot.Statistics, agentTypes, request, _baseline, _baselinePath, now, path, TopRows, reduced);
        if (_uploader?.Targets(path) is { } targets)
        {
            report = report with { Upload = new UploadTargets(targets.Dump.Url, targets.Report.Url) };
        }

        try
        {
            DumpStore.WriteAtomically(reportPath, stream => LeakReportWriter.Write(report, stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The dump is complete and useful on its own; only the report is missing.
            _log($"the leak report {reportPath} could not be written: {ex.Message}");
        }

        if (_baseline is null)
        {
            _baseline = HeapDiff.Census(snapshot.Graph!, agentTypes);
            _baselinePath = path;
        }

        // The first dump of a process has nothing to grow from: its "growth" would be every type's whole count.
        var top = report.BaselinePath is null
            ? "first dump (no baseline yet), most objects: " + string.Join(", ", report.TopGrowingTypes.Take(3).Select(t => $"{t.TypeName} {t.CountAfter:N0}"))
            : "top growth since " + Path.GetFileName(report.BaselinePath) + ": " + string.Join(", ", report.TopGrowingTypes.Take(3).Select(t => $"{t.TypeName} +{t.CountDelta:N0}"));
        return new DumpAttempt(DumpOutcomes.Written, $"gcdump written: {path} ({snapshot.Statistics.NodeCount:N0} objects, {SizeParser.Format(snapshot.Statistics.TotalBytes)}, {stopwatch.Elapsed.TotalSeconds:0.0}s); report {reportPath}; {top}", path, report, stopwatch.Elapsed);
    }
}
