using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Analysis;

/// <summary>
/// Names a retainer by what the app should fix rather than by the framework object at its top: the app's own object
/// nearest the point where the bytes accumulate (on the shortest root path to that point), and a memory cache on the
/// way there. An object the DI container holds says so: <c>singleton service Storefront.PriceHistory</c>;
/// a cache: <c>memory cache Microsoft.Extensions.Caching.Memory.MemoryCache in singleton service
/// Storefront.QuoteService</c>. When the cache hangs directly off the container (registered <c>IMemoryCache</c>), the
/// app objects that reference it are named instead (<c>used by</c>), or else the app type it holds most of. Null when
/// the path has none of these: the caller keeps the framework title.
/// </summary>
internal sealed class RetainerHeadline
{
    private const string MemoryCacheType = "Microsoft.Extensions.Caching.Memory.MemoryCache";
    private const string ContainerNamespace = "Microsoft.Extensions.DependencyInjection.";
    private const int MaxUsers = 3;

    private readonly HeapGraph _graph;
    private readonly DominatorTree _dominators;
    private readonly bool[] _appTypes;
    private readonly ShortestPaths _paths;
    private readonly Stack<int> _scratch = new();
    private int[]? _counts;
    private long[]? _bytes;

    public RetainerHeadline(DominatorTree dominators, ExcludedTypes excluded, ShortestPaths paths)
    {
        _graph = dominators.Graph;
        _dominators = dominators;
        _appTypes = AppTypes.Compute(_graph, excluded);
        _paths = paths;
    }

    /// <summary>The headline for a retainer whose bytes accumulate at the end of <paramref name="path"/>, or null.</summary>
    /// <remarks>With no app object on the path (a cache used only by transient code, a collection registered as a
    /// service), the app type most retained below the accumulation point names what piles up:
    /// <c>… holding 18,000 Storefront.Quote</c>.</remarks>
    public string? For(RootPath path)
    {
        var nodes = path.Nodes;
        var (owner, namesApp) = Owner(nodes);
        if (namesApp || nodes.Count == 0)
        {
            return owner;
        }

        if (Holding(nodes[^1]) is not { } held)
        {
            return owner ?? Holders(nodes[^1]);
        }

        string heldName = _graph.GetTypeName(held.Type);
        string what = $"holding {held.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} {heldName}";
        if (owner is not null)
        {
            return owner + " " + what;
        }

        // The outermost step that is a collection of the held type (List<App.Order> rather than App.Order[]).
        int outer = -1;
        for (int i = nodes.Count - 1; i >= 0 && _graph.IsObject(nodes[i]) && _graph.GetNodeTypeName(nodes[i]).Contains(heldName, StringComparison.Ordinal); i--)
        {
            outer = i;
        }

        if (outer < 0)
        {
            return Holders(nodes[^1]);
        }

        string prefix = HeldByContainer(nodes, outer) ? "singleton service " : string.Empty;
        return $"{prefix}{_graph.GetNodeTypeName(nodes[outer])} {what}";
    }

    /// <summary>
    /// When the bytes accumulate in a framework object with several big children (one service provider holding two
    /// leaking singletons, neither 80 % of the whole), the app objects and memory caches below it that retain at
    /// least a fifth of it, biggest first (two at most): <c>singleton service A and singleton memory cache … used by B</c>.
    /// </summary>
    private string? Holders(int accumulation)
    {
        long whole = _dominators.GetRetainedSize(accumulation);
        var found = new List<int>();
        _scratch.Clear();
        _scratch.Push(accumulation);
        while (_scratch.Count > 0)
        {
            int node = _scratch.Pop();
            if (node != accumulation && _graph.IsObject(node)
                && (_appTypes[_graph.GetTypeIndex(node)] || _graph.GetNodeTypeName(node) == MemoryCacheType))
            {
                // Below a holder, its own objects are its own: not searched.
                if (_dominators.GetRetainedSize(node) * HolderShare >= whole)
                {
                    found.Add(node);
                }

                continue;
            }

            foreach (int child in _dominators.GetDominated(node))
            {
                _scratch.Push(child);
            }
        }

        if (found.Count == 0)
        {
            return null;
        }

        found.Sort((a, b) => _dominators.GetRetainedSize(b).CompareTo(_dominators.GetRetainedSize(a)));
        var names = new List<string>();
        foreach (int holder in found.Take(2))
        {
            var path = _paths.GetPath(holder).Nodes;
            if (path.Count == 0)
            {
                continue;
            }

            names.Add(_appTypes[_graph.GetTypeIndex(holder)] ? Describe(path, path.Count - 1) : Owner(path).Name ?? MemoryCacheType);
        }

        return names.Count == 0 ? null : string.Join(" and ", names);
    }

    // A holder named under a shared accumulation point retains at least 1/HolderShare of it.
    private const int HolderShare = 5;

    /// <summary>The owner named from the path, and whether that name already has an app type in it.</summary>
    private (string? Name, bool NamesApp) Owner(IReadOnlyList<int> nodes)
    {
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
                return (cache < 0 ? owner : $"memory cache {_graph.GetNodeTypeName(cache)} in {owner}", true);
            }

            if (cache < 0 && _graph.GetNodeTypeName(node) == MemoryCacheType)
            {
                cache = node;
            }
        }

        if (cache < 0)
        {
            return (null, false);
        }

        string held = HeldByContainer(nodes, nodes.Count) ? "singleton " : string.Empty;
        var users = Users(cache);
        return users.Count == 0
            ? ($"{held}memory cache {MemoryCacheType}", false)
            : ($"{held}memory cache {MemoryCacheType} used by {string.Join(", ", users)}", true);
    }

    /// <summary>The app type with the most objects retained by <paramref name="node"/>, or null when none is.</summary>
    private (int Type, int Count)? Holding(int node)
    {
        _counts ??= new int[_graph.TypeCount];
        _bytes ??= new long[_graph.TypeCount];
        Array.Clear(_counts);
        Array.Clear(_bytes);
        DominatorWalk.TallySubtree(_dominators, node, _counts, _bytes, _scratch);
        int best = -1;
        for (int t = 0; t < _counts.Length; t++)
        {
            if (_counts[t] > 0 && _appTypes[t] && (best < 0 || _counts[t] > _counts[best]))
            {
                best = t;
            }
        }
        return best < 0 ? null : (best, _counts[best]);
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
