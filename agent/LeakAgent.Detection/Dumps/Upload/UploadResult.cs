namespace LeakAgent.Detection.Dumps.Upload;

/// <summary>How one dump's upload ended.</summary>
/// <param name="Outcome">An <see cref="UploadOutcomes"/> value.</param>
/// <param name="DumpUrl">The dump's object URL (where it is, or where it was meant to go).</param>
/// <param name="ReportUrl">The report's object URL; null when the dump had no report beside it.</param>
/// <param name="Line">The one self-log line: what arrived where, or why not and where the dump stays.</param>
/// <param name="Bytes">Bytes uploaded (dump and report).</param>
/// <param name="Elapsed">From the first try to the end.</param>
internal sealed record UploadResult(string Outcome, string DumpUrl, string? ReportUrl, string Line, long Bytes, TimeSpan Elapsed)
{
    public bool Uploaded => Outcome == UploadOutcomes.Uploaded;
}
