namespace LeakAgent.Dashboards.Tests.Validation;

/// <summary>
/// A fact that is skipped, with a message naming the install script, when a validator is not on PATH. CI runs
/// dashboards/install-tools.sh first, so there the tests run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolFactAttribute : FactAttribute
{
    /// <summary>Skips the test when <paramref name="tool"/> is not on PATH.</summary>
    public RequiresToolFactAttribute(string tool)
    {
        Tool = tool;
        if (ExternalTool.Find(tool) is null)
        {
            Skip = $"{tool} not found on PATH: run dashboards/install-tools.sh (apt-get install prometheus prometheus-alertmanager) to run this check.";
        }
    }

    /// <summary>The tool the test needs.</summary>
    public string Tool { get; }
}
