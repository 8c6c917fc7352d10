using Portal.Domain.Organizations;

namespace Portal.Domain.Customers;

public enum CustomerCreditSource
{
    /// <summary>A payment exceeded what its sale owed (WooCommerce and the portal round differently): the excess is kept.</summary>
    Overpayment = 1,

    /// <summary>Credit used to pay a later invoice.</summary>
    AppliedToInvoice = 2,
}

/// <summary>
/// One movement of a customer's credit: money the customer has with the merchant, kept from an overpayment and used
/// on a later invoice. Insert-only; the balance is the sum of a customer's entries, never below zero.
/// </summary>
public class CustomerCreditEntry : IOrganizationOwned
{
    private CustomerCreditEntry()
    {
    }

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int CustomerId { get; private set; }
    /// <summary>Positive: credit kept; negative: credit used.</summary>
    public decimal Amount { get; private set; }
    public CustomerCreditSource Source { get; private set; }
    /// <summary>The overpaid sale, or the sale whose invoice the credit paid.</summary>
    public int SaleId { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string Description { get; private set; } = "";

    internal static CustomerCreditEntry Create(
        int organizationId, int customerId, decimal amount, CustomerCreditSource source, int saleId, DateTime atUtc, string description) =>
        new()
        {
            OrganizationId = organizationId, CustomerId = customerId, Amount = amount, Source = source, SaleId = saleId,
            AtUtc = Amounts.Utc(atUtc, nameof(atUtc)), Description = description,
        };
}

public static class CustomerCredit
{
    public static decimal Balance(IEnumerable<CustomerCreditEntry> entries) => entries.Sum(e => e.Amount);
}
