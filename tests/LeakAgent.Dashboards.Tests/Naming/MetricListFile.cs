namespace LeakAgent.Dashboards.Tests.Naming;

/// <summary>
/// Reads the tab-separated metric lists in dashboards/metrics/: <c>#</c> comment lines, a header line starting
/// with <c>name</c>, then <c>name, unit, kind[, source]</c> per line.
/// </summary>
public static class MetricListFile
{
    /// <summary>Reads one list.</summary>
    public static IReadOnlyList<MetricDefinition> Read(string path)
    {
        var result = new List<MetricDefinition>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("name\t", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length < 3)
            {
                throw new FormatException($"{path}: expected name<TAB>unit<TAB>kind, got '{line}'.");
            }

            result.Add(new MetricDefinition(fields[0], fields[1], fields[2]));
        }

        return result;
    }
}
