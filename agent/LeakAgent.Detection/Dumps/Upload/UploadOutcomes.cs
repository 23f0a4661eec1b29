namespace LeakAgent.Detection.Dumps.Upload;

/// <summary>The values of <c>leakagent.outcome</c> on <c>leakagent.gcdump.upload</c>: part of the metrics contract.</summary>
internal static class UploadOutcomes
{
    /// <summary>The dump and its report are in the bucket, their stored lengths confirmed.</summary>
    public const string Uploaded = "uploaded";

    /// <summary>Every try failed, or a failure no retry can mend (refused credentials, no bucket): the dump stays on disk.</summary>
    public const string Failed = "failed";
}
