using Portal.Domain.Customers;

namespace Portal.Domain.Integrations.Orders;

/// <summary>
/// A WooCommerce order as the sale mapping needs it: the store's own figures (amounts before tax, taxes per rate), read
/// from the store and never recalculated.
/// </summary>
public sealed record StoreOrder
{
    public required long Id { get; init; }
    public required string Number { get; init; }
    public string Status { get; init; } = "";
    public string Currency { get; init; } = "";
    public required DateTime CreatedAtUtc { get; init; }
    public DateTime? PaidAtUtc { get; init; }
    /// <summary>The store's customer id; 0 or null for a guest checkout.</summary>
    public long? StoreCustomerId { get; init; }
    public StoreOrderParty Billing { get; init; } = StoreOrderParty.None;
    public StoreOrderParty Shipping { get; init; } = StoreOrderParty.None;
    /// <summary>The checkout's "Ship to a different address?": unchecked, the billing address is the shipping address.</summary>
    public bool ShipToDifferentAddress { get; init; }
    public string? CustomerNote { get; init; }
    public IReadOnlyList<StoreOrderLine> Lines { get; init; } = [];
    public IReadOnlyList<StoreTaxLine> TaxLines { get; init; } = [];
    public IReadOnlyList<StoreCoupon> Coupons { get; init; } = [];
    public IReadOnlyList<StoreShippingLine> ShippingLines { get; init; } = [];
    public IReadOnlyList<StoreFee> Fees { get; init; } = [];
    public decimal DiscountTotal { get; init; }
    public decimal DiscountTax { get; init; }
    public decimal Total { get; init; }
    public decimal TotalTax { get; init; }
    /// <summary>The gateway id (<c>bacs</c>, <c>cod</c>…).</summary>
    public string? PaymentMethod { get; init; }
    public string? PaymentMethodTitle { get; init; }
    public string? TransactionId { get; init; }

    public bool IsPaid => PaidAtUtc is not null;
}

/// <summary>A billing or shipping block of an order.</summary>
public sealed record StoreOrderParty
{
    public static readonly StoreOrderParty None = new();

    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Company { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public Address Address { get; init; } = Address.Empty;

    /// <summary>First and last name, or null when both are blank.</summary>
    public string? FullName => Names.Optional($"{FirstName?.Trim()} {LastName?.Trim()}");
}

/// <summary>A store's tax amount for one of its rates (a line may carry several: a state and a city rate).</summary>
public sealed record StoreRateAmount(long RateId, decimal Total, decimal? Subtotal)
{
    /// <summary>The amount before coupons (the subtotal), which is what the sale line carries.</summary>
    public decimal BeforeDiscount => Subtotal ?? Total;
}

public sealed record StoreOrderLine
{
    public long ProductId { get; init; }
    public long VariationId { get; init; }
    public string? Sku { get; init; }
    public required string Name { get; init; }
    public required decimal Quantity { get; init; }
    /// <summary>Before coupons, before tax.</summary>
    public decimal Subtotal { get; init; }
    public decimal SubtotalTax { get; init; }
    /// <summary>After coupons, before tax.</summary>
    public decimal Total { get; init; }
    public decimal TotalTax { get; init; }
    public IReadOnlyList<StoreRateAmount> Taxes { get; init; } = [];

    /// <summary>The variation when there is one, else the product: the store item the line sold.</summary>
    public long StoreItemId => VariationId != 0 ? VariationId : ProductId;
}

public sealed record StoreTaxLine(long RateId, string RateCode, bool Compound, string Label);

public sealed record StoreCoupon(string Code, decimal Discount, decimal DiscountTax);

public sealed record StoreShippingLine
{
    public string MethodId { get; init; } = "";
    public string MethodTitle { get; init; } = "";
    public decimal Total { get; init; }
    public decimal TotalTax { get; init; }
    /// <summary>WooCommerce's <c>tax_status</c> is <c>taxable</c>.</summary>
    public bool Taxable { get; init; } = true;
    public IReadOnlyList<StoreRateAmount> Taxes { get; init; } = [];

    public bool IsLocalPickup => MethodId.StartsWith("local_pickup", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A fee line (gift wrapping, handling; negative for a loyalty discount).</summary>
public sealed record StoreFee
{
    public required string Name { get; init; }
    public decimal Total { get; init; }
    public decimal TotalTax { get; init; }
    public bool Taxable { get; init; } = true;
    public IReadOnlyList<StoreRateAmount> Taxes { get; init; } = [];
}

/// <summary>What WooCommerce order statuses mean for a sale made from the order.</summary>
public static class StoreOrderStatus
{
    /// <summary>A cancelled or trashed order (confirmed by reading the store) voids its sale.</summary>
    public static bool VoidsSale(string? status) => status is "cancelled" or "trash";
}
