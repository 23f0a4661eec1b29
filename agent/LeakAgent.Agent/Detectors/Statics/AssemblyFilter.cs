using System.Reflection;
using System.Runtime.Loader;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// Decides which loaded assemblies the static scan reads: by default the app's own, never the framework's
/// (<c>System.*</c>, <c>Microsoft.*</c>, <c>netstandard</c>, <c>mscorlib</c>), never the agent's, never a collectible
/// one. <c>LEAKAGENT_STATICS_INCLUDE</c> replaces the default set (and may name framework assemblies);
/// <c>LEAKAGENT_STATICS_EXCLUDE</c> always wins. Patterns match assembly simple names, case-insensitively, with
/// <c>*</c> and <c>?</c> wildcards.
/// </summary>
internal sealed class AssemblyFilter
{
    private static readonly string[] s_frameworkPatterns = ["System", "System.*", "Microsoft.*", "netstandard", "mscorlib", "WindowsBase"];

    private readonly IReadOnlyList<string> _include;
    private readonly IReadOnlyList<string> _exclude;
    private readonly Assembly _agentAssembly;
    private readonly AssemblyLoadContext? _agentContext;
    private readonly Dictionary<Assembly, bool> _decisions = [];

    public AssemblyFilter(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
        : this(include, exclude, typeof(AssemblyFilter).Assembly)
    {
    }

    public AssemblyFilter(IReadOnlyList<string> include, IReadOnlyList<string> exclude, Assembly agentAssembly)
    {
        _include = include;
        _exclude = exclude;
        _agentAssembly = agentAssembly;

        // The agent's private context holds OpenTelemetry and friends; in the default context (unit tests) only the
        // agent assembly itself is left out.
        var context = AssemblyLoadContext.GetLoadContext(agentAssembly);
        _agentContext = context == AssemblyLoadContext.Default ? null : context;
    }

    public bool ShouldScan(Assembly assembly)
    {
        // Collectible assemblies are never cached (a held Assembly would keep its context alive) nor scanned.
        if (assembly.IsCollectible)
        {
            return false;
        }

        if (!_decisions.TryGetValue(assembly, out var decision))
        {
            decision = Decide(assembly);
            _decisions[assembly] = decision;
        }

        return decision;
    }

    /// <summary>Whether <paramref name="name"/> matches a glob <paramref name="pattern"/> (<c>*</c>, <c>?</c>), ignoring case.</summary>
    public static bool Matches(string name, string pattern)
    {
        return Match(name.AsSpan(), pattern.AsSpan());
    }

    /// <summary>True for the framework's assembly names (skipped unless included explicitly).</summary>
    public static bool IsFramework(string name) => MatchesAny(name, s_frameworkPatterns);

    private bool Decide(Assembly assembly)
    {
        if (assembly == _agentAssembly || (_agentContext is not null && AssemblyLoadContext.GetLoadContext(assembly) == _agentContext))
        {
            return false;
        }

        var name = assembly.GetName().Name ?? string.Empty;
        if (MatchesAny(name, _exclude))
        {
            return false;
        }

        if (_include.Count > 0)
        {
            return MatchesAny(name, _include);
        }

        return !IsFramework(name) && !name.StartsWith("LeakAgent.StartupHook", StringComparison.OrdinalIgnoreCase);
    }

    private static bool MatchesAny(string name, IReadOnlyList<string> patterns)
    {
        foreach (var pattern in patterns)
        {
            if (Matches(name, pattern))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Match(ReadOnlySpan<char> name, ReadOnlySpan<char> pattern)
    {
        // Iterative glob match with backtracking to the last '*'.
        int n = 0, p = 0, star = -1, mark = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(name[n])))
            {
                n++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
