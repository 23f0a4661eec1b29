using Xunit;

namespace LeakAgent.Agent.Tests;

/// <summary>Tests that capture the process-wide self-log run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SelfLogCollection
{
    public const string Name = "SelfLog";
}
