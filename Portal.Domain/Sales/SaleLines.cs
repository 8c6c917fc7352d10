using Portal.Domain.Organizations;

namespace Portal.Domain.Sales;

/// <summary>
/// An order line: a stock product (allocated, picked), or a service (a service product or a line without a
/// product, such as a web order line whose SKU matched nothing).
/// </summary>
public class SaleLine : IOrganizationOwned
{
    private SaleLine()
    {
    }

    internal SaleLine(
        int organizationId, int? productId, string? sku, string name, bool isStock, decimal quantity, decimal price,
        decimal discountPercent, LineTax tax, decimal total)
    {
        OrganizationId = organizationId;
        ProductId = productId;
        Sku = sku;
        Name = name;
        IsStock = isStock;
        Quantity = quantity;
        Price = price;
        DiscountPercent = discountPercent;
        Tax = tax;
        Total = total;
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int SaleId { get; private set; }
    public int? ProductId { get; private set; }
    public string? Sku { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsStock { get; private set; }
    public decimal Quantity { get; private set; }
    public decimal Price { get; private set; }
    public decimal DiscountPercent { get; private set; }
    public LineTax Tax { get; private set; } = null!;

    /// <summary>Quantity × price less the discount, rounded to cents; includes the tax when the tax is inclusive.</summary>
    public decimal Total { get; private set; }

    public string Label => Sku is null ? Name : $"{Sku} – {Name}";
}

/// <summary>An amount on the whole sale (shipping, a fee; negative for a discount) with its own tax.</summary>
public class SaleCharge : IOrganizationOwned
{
    private SaleCharge()
    {
    }

    internal SaleCharge(int organizationId, string description, decimal amount, LineTax tax)
    {
        OrganizationId = organizationId;
        Description = description;
        Amount = amount;
        Tax = tax;
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int SaleId { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Amount { get; private set; }
    public LineTax Tax { get; private set; } = null!;
}

public class SalePayment : IOrganizationOwned
{
    private SalePayment()
    {
    }

    internal SalePayment(int organizationId, int accountId, decimal amount, DateTime paidAt, string? reference)
    {
        OrganizationId = organizationId;
        AccountId = accountId;
        Amount = amount;
        PaidAt = paidAt;
        Reference = reference;
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int SaleId { get; private set; }
    public int AccountId { get; private set; }
    public decimal Amount { get; private set; }
    public DateTime PaidAt { get; private set; }
    public string? Reference { get; private set; }

    /// <summary>When the payment was reversed (a bounced transfer, a payment keyed twice); null while it stands.</summary>
    public DateTime? ReversedAt { get; private set; }

    /// <summary>Why it was reversed, as the user gave it.</summary>
    public string? ReversalReason { get; private set; }

    public bool IsReversed => ReversedAt is not null;

    internal void Reverse(string reason, DateTime at)
    {
        ReversedAt = at;
        ReversalReason = reason;
    }
}

public class SaleTrackingNumber : IOrganizationOwned
{
    private SaleTrackingNumber()
    {
    }

    internal SaleTrackingNumber(int organizationId, string number)
    {
        OrganizationId = organizationId;
        Number = number;
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int SaleId { get; private set; }
    public string Number { get; private set; } = "";
}
