namespace LeakAgent.Cli.Tests.Peers;

/// <summary>
/// A fact that needs dotnet-gcdump. Skipped, with the install command as the reason, when the tool is absent on a
/// developer's machine; under CI (<c>CI=true</c>, set by the CI runner) it runs regardless and fails, because CI
/// installs the tool and a peer check that quietly skips there proves nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresDotnetGcdumpFactAttribute : FactAttribute
{
    public RequiresDotnetGcdumpFactAttribute()
    {
        var underCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!DotnetGcdumpTool.IsInstalled && !underCi)
        {
            Skip = DotnetGcdumpTool.MissingMessage;
        }
    }
}
