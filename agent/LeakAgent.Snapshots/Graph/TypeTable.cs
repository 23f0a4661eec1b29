namespace LeakAgent.Snapshots.Graph;

/// <summary>The type table under construction: type 0 is UNDEFINED; names are interned per module, as upstream does.</summary>
internal sealed class TypeTable
{
    private readonly Dictionary<(string Name, string? Module), int> _indices = [];

    public TypeTable()
    {
        Names.Add(HeapRootNames.UndefinedType);
        Modules.Add(null);
    }

    public List<string> Names { get; } = [];

    public List<string?> Modules { get; } = [];

    public int Intern(string name, string? module)
    {
        if (!_indices.TryGetValue((name, module), out int index))
        {
            index = Names.Count;
            Names.Add(name);
            Modules.Add(module);
            _indices.Add((name, module), index);
        }
        return index;
    }
}
