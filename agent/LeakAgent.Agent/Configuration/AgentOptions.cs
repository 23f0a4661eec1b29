using LeakAgent.Agent.Diagnostics;
using LeakAgent.Detection.Configuration;

namespace LeakAgent.Agent.Configuration;

/// <summary>All of the agent's settings, read and validated once at start.</summary>
internal sealed class AgentOptions
{
    /// <summary>Reads the process environment.</summary>
    public AgentOptions()
        : this(SettingsReader.EnvironmentSnapshot())
    {
    }

    /// <summary>Reads the given environment-style values (tests inject them).</summary>
    public AgentOptions(IReadOnlyDictionary<string, string?> values)
    {
        var settings = new SettingsReader(values, SelfLog.Write);
        Output = new OutputOptions(settings);
        Telemetry = new TelemetryOptions(settings);
        Heap = new HeapOptions(settings);
        Tasks = new TasksOptions(settings);
        Statics = new StaticsOptions(settings);
        Services = new ServicesOptions(settings, Statics);
        Dump = new DumpOptions(settings);
    }

    public OutputOptions Output { get; }

    public TelemetryOptions Telemetry { get; }

    public HeapOptions Heap { get; }

    public TasksOptions Tasks { get; }

    public StaticsOptions Statics { get; }

    public ServicesOptions Services { get; }

    public DumpOptions Dump { get; }

    /// <summary>Whether the human summary is printed, resolving <c>auto</c>.</summary>
    public bool ConsoleSummaryEnabled => Output.Console switch
    {
        "on" => true,
        "off" => false,
        _ => !Telemetry.ExportConfigured,
    };
}
