namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>How the scan reads an object's element count.</summary>
internal enum CountKind
{
    /// <summary>Not a collection: the scan may follow its fields.</summary>
    None,

    /// <summary>An array: <see cref="Array.Length"/>.</summary>
    Array,

    /// <summary>A delegate (static events are delegate fields): the invocation list's length, i.e. subscribers.</summary>
    Delegate,

    /// <summary>A collection whose <c>Count</c> is cheap (List, Dictionary, HashSet, Queue, Stack, ...).</summary>
    Collection,

    /// <summary>A concurrent collection whose <c>Count</c> takes all its locks or freezes it (bag, stack): read only every
    /// Nth scan. Dictionaries and queues are counted without locks (<see cref="LockFreeCount"/>).</summary>
    RareCollection,
}
