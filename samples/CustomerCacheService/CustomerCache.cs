namespace Contoso.Customers;

/// <summary>The leak: a cache with no eviction, so every customer ever processed stays.</summary>
public sealed class CustomerCache
{
    private readonly List<Customer> cache = [];

    public int Count
    {
        get
        {
            lock (cache)
            {
                return cache.Count;
            }
        }
    }

    public void Add(Customer customer)
    {
        lock (cache)
        {
            cache.Add(customer);
        }
    }
}
