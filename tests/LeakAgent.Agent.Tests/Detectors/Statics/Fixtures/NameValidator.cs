namespace LeakAgent.Agent.Tests.Detectors.Statics.Fixtures;

internal sealed class NameValidator
{
    public List<string> SupportedExtensions { get; } = [];
}
