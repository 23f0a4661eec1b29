namespace LeakAgent.Cli.Watch.Targets;

/// <summary>A .NET process the watch can see, with the names alerts and <c>--name</c> may use for it.</summary>
/// <param name="ProcessId">The process id.</param>
/// <param name="ProcessName">The OS process name (<c>dotnet</c> for <c>dotnet app.dll</c>).</param>
/// <param name="ServiceName">
/// What the in-process agent would call it: <c>OTEL_SERVICE_NAME</c> from the process's environment if readable,
/// else the app's entry assembly name (<c>app</c> for <c>dotnet app.dll</c>), else the process name.
/// </param>
/// <param name="InstanceId">
/// <c>service.instance.id</c> from the process's <c>OTEL_RESOURCE_ATTRIBUTES</c>, else the agent's default
/// <c>host:pid</c> (this machine's name: a sidecar shares the pod's host name).
/// </param>
internal sealed record TargetProcess(int ProcessId, string ProcessName, string ServiceName, string InstanceId);
