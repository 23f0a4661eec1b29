using System.Reflection;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>One static field the scan reads, with the path it is reported under.</summary>
/// <remarks>Held only for non-collectible assemblies, so the FieldInfo never keeps an unloadable context alive.</remarks>
internal readonly record struct StaticRoot(FieldInfo Field, string Path);
