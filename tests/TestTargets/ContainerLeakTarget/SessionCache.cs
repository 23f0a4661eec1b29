namespace ContainerLeakTarget;

/// <summary>The leak: a static cache that is only ever added to (the statics detector can name it).</summary>
internal static class SessionCache
{
    public static readonly List<SessionRecord> Sessions = [];
}
