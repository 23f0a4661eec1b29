namespace Contoso.Customers;

/// <summary>A customer record, about 2 KB with its notes.</summary>
public sealed class Customer(string id, string notes)
{
    public string Id { get; } = id;

    public string Notes { get; } = notes;
}
