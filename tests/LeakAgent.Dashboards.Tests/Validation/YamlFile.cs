using YamlDotNet.RepresentationModel;

namespace LeakAgent.Dashboards.Tests.Validation;

/// <summary>Loads a YAML document and walks it by key; a missing key is null, never an exception.</summary>
public static class YamlFile
{
    /// <summary>The root mapping of the file's single document.</summary>
    public static YamlMappingNode Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    /// <summary>The mapping under <paramref name="key"/>, or null.</summary>
    public static YamlMappingNode? Map(this YamlNode? node, string key) => Child(node, key) as YamlMappingNode;

    /// <summary>The sequence under <paramref name="key"/>, or an empty list.</summary>
    public static IReadOnlyList<YamlNode> Seq(this YamlNode? node, string key) =>
        Child(node, key) is YamlSequenceNode s ? s.Children.ToList() : [];

    /// <summary>The scalar under <paramref name="key"/>, or null.</summary>
    public static string? Scalar(this YamlNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    /// <summary>The keys of a mapping.</summary>
    public static IReadOnlyList<string> Keys(this YamlMappingNode? node) =>
        node is null ? [] : node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty).ToList();

    /// <summary>The scalar values of a sequence of scalars.</summary>
    public static IReadOnlyList<string> Scalars(this IReadOnlyList<YamlNode> nodes) =>
        nodes.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).ToList();

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;
}
