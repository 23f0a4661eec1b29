namespace LeakAgent.Snapshots.Tests.Collection;

/// <summary>An <see cref="IProgress{T}"/> that calls back inline (Progress&lt;T&gt; would post to the pool).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
