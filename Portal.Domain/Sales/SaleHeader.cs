using Portal.Domain.Customers;

namespace Portal.Domain.Sales;

/// <summary>The header fields of a sale as entered (a manual sale) or mapped (a web order).</summary>
public sealed record SaleHeader
{
    public required int CustomerId { get; init; }
    public string? Contact { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Reference { get; init; }
    public Address BillingAddress { get; init; } = Address.Empty;
    public Address ShippingAddress { get; init; } = Address.Empty;
    public string? ShipToCompany { get; init; }
    public string? ShipToContact { get; init; }
    public string? ShippingNotes { get; init; }
    public string? Comments { get; init; }
    public DateTime? RequiredBy { get; init; }
    public int? CarrierId { get; init; }
    public string? CarrierService { get; init; }
    public required int LocationId { get; init; }
    public int PriceTier { get; init; } = 1;
    public int? PaymentTermId { get; init; }

    /// <summary>The days of the payment term, copied so the due date does not move when the term is edited later.</summary>
    public int PaymentTermDays { get; init; }

    public int? SalesRepresentativeId { get; init; }
    public int? RevenueAccountId { get; init; }
    public int? TaxRuleId { get; init; }

    /// <summary>The sale date; the creation instant when not given.</summary>
    public DateTime? SaleDate { get; init; }
}

public enum SaleSource
{
    Manual = 1,
    Store = 2,
}

/// <summary>Where a sale came from: typed in, or a store's order (the store, its order number and — what identifies
/// the order, since plugins rewrite numbers — its WooCommerce order id and the store's normalized address, which
/// outlive a disconnect and let a reconnected store find the sale again).</summary>
public sealed record SaleOrigin(SaleSource Source, int? StoreId, string? StoreOrderNumber, long? WooOrderId = null, string? StoreAddress = null)
{
    public static readonly SaleOrigin Manual = new(SaleSource.Manual, null, null);

    public static SaleOrigin FromStore(int storeId, string orderNumber, long? wooOrderId = null, string? storeAddress = null) =>
        new(SaleSource.Store, storeId, Names.Optional(orderNumber)
            ?? throw new DomainException("A store order needs its order number."),
            wooOrderId is > 0 ? wooOrderId : null, Names.Optional(storeAddress));
}
