namespace LeakAgent.IntegrationTests.Containers;

/// <summary>A theory that runs only where a memory cgroup can be made; elsewhere it is skipped with the reason.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MemoryCgroupTheoryAttribute : TheoryAttribute
{
    public MemoryCgroupTheoryAttribute()
    {
        if (MemoryCgroup.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact that runs only where a memory cgroup can be made; elsewhere it is skipped with the reason.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MemoryCgroupFactAttribute : FactAttribute
{
    public MemoryCgroupFactAttribute()
    {
        if (MemoryCgroup.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
