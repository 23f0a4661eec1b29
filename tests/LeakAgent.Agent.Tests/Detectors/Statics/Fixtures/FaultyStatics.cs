using System.Collections;

namespace LeakAgent.Agent.Tests.Detectors.Statics.Fixtures;

/// <summary>Statics whose measurement fails, next to a healthy one that must still be measured.</summary>
internal static class FaultyStatics
{
    public static readonly ThrowingCollection Broken = new();
    public static readonly WeirdCollection Weird = new();
    public static readonly List<int> Healthy = [1, 2, 3];

    internal sealed class ThrowingCollection : ICollection<int>
    {
        public int Count => throw new InvalidOperationException("collection is busy");

        public bool IsReadOnly => true;

        public void Add(int item) => throw new NotSupportedException();

        public void Clear() => throw new NotSupportedException();

        public bool Contains(int item) => false;

        public void CopyTo(int[] array, int arrayIndex)
        {
        }

        public IEnumerator<int> GetEnumerator() => Enumerable.Empty<int>().GetEnumerator();

        public bool Remove(int item) => false;

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A non-generic collection that claims a negative size.</summary>
    internal sealed class WeirdCollection : ICollection
    {
        public int Count => -5;

        public bool IsSynchronized => false;

        public object SyncRoot => this;

        public void CopyTo(Array array, int index)
        {
        }

        public IEnumerator GetEnumerator() => Array.Empty<int>().GetEnumerator();
    }
}
