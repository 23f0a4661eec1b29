namespace Contoso.Customers;

/// <summary>Processes customer transactions; remembers each customer "for later" in its cache.</summary>
public sealed class Processor
{
    private readonly CustomerCache cache = new();

    public int Cached => cache.Count;

    public void ProcessTransaction(Customer customer) => cache.Add(customer);
}
