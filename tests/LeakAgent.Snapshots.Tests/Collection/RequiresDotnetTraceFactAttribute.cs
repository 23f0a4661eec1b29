namespace LeakAgent.Snapshots.Tests.Collection;

/// <summary>A fact that is skipped, with the install command in the message, only when dotnet-trace is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresDotnetTraceFactAttribute : FactAttribute
{
    public RequiresDotnetTraceFactAttribute()
    {
        if (!DotnetTraceTool.IsInstalled)
        {
            Skip = DotnetTraceTool.MissingMessage;
        }
    }
}
