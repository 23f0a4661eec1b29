namespace LeakAgent.Cli.Output;

/// <summary>What <c>leakagent env</c> prints.</summary>
internal enum EnvFormat
{
    /// <summary>POSIX shell <c>export</c> lines.</summary>
    Sh,

    /// <summary>Dockerfile <c>COPY</c> and <c>ENV</c> lines.</summary>
    Dockerfile,

    /// <summary>A Kubernetes pod spec snippet.</summary>
    K8s,
}
