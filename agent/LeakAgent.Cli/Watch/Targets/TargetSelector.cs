namespace LeakAgent.Cli.Watch.Targets;

/// <summary>Which processes a watch follows: given ids, processes by name, or every .NET process it can see.</summary>
internal sealed class TargetSelector
{
    private TargetSelector(IReadOnlySet<int> processIds, string? name)
    {
        ProcessIds = processIds;
        Name = name;
    }

    /// <summary>The ids asked for with <c>--pid</c> (empty otherwise).</summary>
    public IReadOnlySet<int> ProcessIds { get; }

    /// <summary>The name asked for with <c>--name</c>, or null.</summary>
    public string? Name { get; }

    /// <summary>Every process (<c>--all</c>).</summary>
    public bool All => ProcessIds.Count == 0 && Name is null;

    public static TargetSelector ForIds(IEnumerable<int> ids) => new(ids.ToHashSet(), null);

    public static TargetSelector ForName(string name) => new(new HashSet<int>(), name);

    public static TargetSelector ForAll() => new(new HashSet<int>(), null);

    /// <summary>
    /// Whether <paramref name="process"/> is a target: its id was asked for, or <c>--name</c> equals its process
    /// name or service name (case-insensitive), or <c>--all</c>. The watch never watches itself.
    /// </summary>
    public bool Matches(TargetProcess process)
    {
        if (process.ProcessId == Environment.ProcessId)
        {
            return false;
        }

        if (ProcessIds.Count > 0)
        {
            return ProcessIds.Contains(process.ProcessId);
        }

        return Name is null
            || string.Equals(Name, process.ProcessName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Name, process.ServiceName, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>For the start-up line: <c>pid 123</c>, <c>name 'shop'</c>, <c>every .NET process</c>.</summary>
    public override string ToString() =>
        ProcessIds.Count > 0 ? "pid " + string.Join(", ", ProcessIds.Order()) : Name is not null ? $"processes named '{Name}'" : "every .NET process";
}
