using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Analysis;

/// <summary>
/// Names a retainer by what the app should fix rather than by the framework object at its top: the app's own object
/// nearest the point where the bytes accumulate (on the shortest root path to that point), and a memory cache on the
/// way there. An object the DI container holds says so: <c>singleton service Storefront.PriceHistory</c>;
/// a cache: <c>memory cache Microsoft.Extensions.Caching.Memory.MemoryCache in singleton service
/// Storefront.QuoteService</c>. When the cache hangs directly off the container (registered <c>IMemoryCache</c>), the
/// app objects that reference it are named instead (<c>used by</c>). Null when the path has neither: the caller
/// keeps the framework title.
/// </summary>
internal sealed class RetainerHeadline
{
    private const string MemoryCacheType = "Microsoft.Extensions.Caching.Memory.MemoryCache";
    private const string ContainerNamespace = "Microsoft.Extensions.DependencyInjection.";
    private const int MaxUsers = 3;

    private readonly HeapGraph _graph;
    private readonly bool[] _appTypes;
    private readonly ShortestPaths _paths;

    public RetainerHeadline(HeapGraph graph, ExcludedTypes excluded, ShortestPaths paths)
    {
        _graph = graph;
        _appTypes = AppTypes.Compute(graph, excluded);
        _paths = paths;
    }

    /// <summary>The headline for a retainer whose bytes accumulate at the end of <paramref name="path"/>, or null.</summary>
    public string? For(RootPath path)
    {
        var nodes = path.Nodes;
        int cache = -1;
        for (int i = nodes.Count - 1; i >= 0; i--)
        {
            int node = nodes[i];
            if (!_graph.IsObject(node))
            {
                continue;
            }

            if (_appTypes[_graph.GetTypeIndex(node)])
            {
                string owner = Describe(nodes, i);
                return cache < 0 ? owner : $"memory cache {_graph.GetNodeTypeName(cache)} in {owner}";
            }

            if (cache < 0 && _graph.GetNodeTypeName(node) == MemoryCacheType)
            {
                cache = node;
            }
        }

        if (cache < 0)
        {
            return null;
        }

        string held = HeldByContainer(nodes, nodes.Count) ? "singleton " : string.Empty;
        var users = Users(cache);
        return users.Count == 0
            ? $"{held}memory cache {MemoryCacheType}"
            : $"{held}memory cache {MemoryCacheType} used by {string.Join(", ", users)}";
    }

    /// <summary>The app object at <paramref name="index"/> of the path, as a service when the container holds it.</summary>
    private string Describe(IReadOnlyList<int> nodes, int index)
    {
        string type = _graph.GetNodeTypeName(nodes[index]);
        return HeldByContainer(nodes, index) ? "singleton service " + type : type;
    }

    private bool HeldByContainer(IReadOnlyList<int> nodes, int before)
    {
        for (int i = 0; i < before; i++)
        {
            if (_graph.IsObject(nodes[i]) && _graph.GetNodeTypeName(nodes[i]).StartsWith(ContainerNamespace, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>App objects that reference <paramref name="target"/> directly (one pass over the edges).</summary>
    private List<string> Users(int target)
    {
        var users = new List<string>();
        for (int node = 0; node < _graph.NodeCount && users.Count < MaxUsers; node++)
        {
            if (!_graph.IsObject(node) || !_appTypes[_graph.GetTypeIndex(node)] || !_graph.GetChildren(node).Contains(target))
            {
                continue;
            }

            var path = _paths.GetPath(node).Nodes;
            string name = path.Count > 0 ? Describe(path, path.Count - 1) : _graph.GetNodeTypeName(node);
            if (!users.Contains(name))
            {
                users.Add(name);
            }
        }
        return users;
    }
}
