using System.Reflection;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>An instance field the scan follows, with the name it adds to a path.</summary>
internal readonly record struct InstanceField(FieldInfo Field, string Name);
