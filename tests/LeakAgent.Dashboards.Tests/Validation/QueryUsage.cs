namespace LeakAgent.Dashboards.Tests.Validation;

/// <summary>One PromQL expression and where it lives, e.g. "leakagent-leak-hunting.json: panel 'Heap floor' A".</summary>
public sealed record QueryUsage(string Location, string Expression);
