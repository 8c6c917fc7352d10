using Portal.Domain.Customers;
using Portal.Domain.Sales;

namespace Portal.Domain.Integrations.Orders;

/// <summary>
/// The sale to make from one store order (or from a day's orders): everything decided, nothing saved. The integrator
/// resolves the customer, the sales representative, the carrier and the products, then builds the <see cref="Sale"/>.
/// </summary>
public sealed record SalePlan
{
    public required SaleCustomerPlan Customer { get; init; }
    public string? Contact { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public required string Reference { get; init; }
    public Address BillingAddress { get; init; } = Address.Empty;
    public Address ShippingAddress { get; init; } = Address.Empty;
    public string? ShipToCompany { get; init; }
    public string? ShipToContact { get; init; }
    public string? ShippingNotes { get; init; }
    public string? Comments { get; init; }
    /// <summary>A carrier found or created by this name (<c>Local Pickup</c> when the order has no shipping method).</summary>
    public required string CarrierName { get; init; }
    public required int LocationId { get; init; }
    public required int PriceTier { get; init; }
    public int? PaymentTermId { get; init; }
    public int PaymentTermDays { get; init; }
    public required SalesRepresentativePlan SalesRepresentative { get; init; }
    public int? RevenueAccountId { get; init; }
    /// <summary>The capture instant: the sale's date.</summary>
    public required DateTime SaleDateUtc { get; init; }
    /// <summary>The capture date in the store's time zone: invoice date and required-by date.</summary>
    public required DateOnly InvoiceDate { get; init; }
    public DateOnly DueDate => InvoiceDate.AddDays(PaymentTermDays);
    public DateOnly RequiredBy => InvoiceDate;
    public string Currency { get; init; } = "";
    public IReadOnlyList<SalePlanLine> Lines { get; init; } = [];
    public IReadOnlyList<SalePlanCharge> Charges { get; init; } = [];
    public IReadOnlyList<SalePlanPayment> Payments { get; init; } = [];
    public AutoFulfilmentMode Fulfilment { get; init; }
    public AutoAssemblyMode AutoAssembly { get; init; }
    public InvoiceStatus InvoiceStatus { get; init; }
    /// <summary>The store's figures against the planned sale's; <see cref="TotalsCheck.Warning"/> says when they differ.</summary>
    public required TotalsCheck Totals { get; init; }
    /// <summary>The store order numbers this sale is made from (one, or a day's).</summary>
    public IReadOnlyList<string> OrderNumbers { get; init; } = [];

    /// <summary>With the invoice left Draft, payments are held on the sale until the invoice is authorised.</summary>
    public bool PaymentsHeldUntilInvoiceAuthorised => InvoiceStatus == InvoiceStatus.Draft && Payments.Count > 0;
}

/// <summary>Which portal customer the sale is for.</summary>
public sealed record SaleCustomerPlan
{
    /// <summary>The store's default customer (no customer on the order, or a consolidated sale).</summary>
    public int? DefaultCustomerId { get; init; }
    /// <summary>Otherwise: match portal customers by this e-mail, then this company (<see cref="StoreCustomerMatching"/>);
    /// create the customer with these details when none matches.</summary>
    public string? Name { get; init; }
    public string? Company { get; init; }
    public string? Contact { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public Address BillingAddress { get; init; } = Address.Empty;
    public Address ShippingAddress { get; init; } = Address.Empty;

    public bool IsDefault => DefaultCustomerId is not null;

    public static SaleCustomerPlan Default(int id) => new() { DefaultCustomerId = id };
}

/// <summary>The settings' representative, or one named after the store (found, or created once).</summary>
public sealed record SalesRepresentativePlan(int? Id, string? Name);

/// <summary>A sale line: a store product (found through its catalog link or SKU) or, for a coupon, a service product
/// named by the coupon code.</summary>
public sealed record SalePlanLine
{
    public long StoreItemId { get; init; }
    public string? Sku { get; init; }
    public required string Name { get; init; }
    public string? CouponCode { get; init; }
    public required decimal Quantity { get; init; }
    public required decimal Price { get; init; }
    public required int TaxRuleId { get; init; }
    /// <summary>The store's tax, given to the sale line as is.</summary>
    public required decimal Tax { get; init; }
    /// <summary>The store's tax per rate (several on a line with a state and a city rate).</summary>
    public IReadOnlyList<StoreRateAmount> RateTaxes { get; init; } = [];

    public decimal Amount => Amounts.RoundMoney(Quantity * Price);
}

public enum SaleChargeKind { Discount = 1, Shipping = 2, Fee = 3 }

/// <summary>An additional charge (negative for the order's discount).</summary>
public sealed record SalePlanCharge(SaleChargeKind Kind, string Description, decimal Amount, int TaxRuleId, decimal Tax);

public sealed record SalePlanPayment(int AccountId, decimal Amount, DateTime PaidAtUtc, string Reference);
