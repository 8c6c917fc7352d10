using Portal.Domain.Customers;
using Portal.Domain.Sales;

namespace Portal.Domain.Integrations.Orders;

/// <summary>
/// A store's settings as the sale mapping reads them, with the organization's defaults already looked up (default
/// payment term, default sales account) so the mapping stays pure.
/// </summary>
public sealed record OrderMappingSettings
{
    public required string StoreName { get; init; }
    public required StoreTimeZone TimeZone { get; init; }
    public required DefaultCustomer DefaultCustomer { get; init; }
    /// <summary>The tier of WooCommerce's sale price; <c>0</c> (not sent) falls back to the regular price's tier.</summary>
    public int SalePriceTier { get; init; } = 2;
    public int RegularPriceTier { get; init; } = 1;
    public int? PaymentTermId { get; init; }
    public int PaymentTermDays { get; init; }
    public int? SalesRepresentativeId { get; init; }
    public int? RevenueAccountId { get; init; }
    public int? DefaultSalesAccountId { get; init; }
    /// <summary>The location the capture allocated the order's stock at.</summary>
    public required int LocationId { get; init; }
    /// <summary>WooCommerce tax rate id → the portal tax rule it is mapped to.</summary>
    public IReadOnlyDictionary<long, int> TaxRules { get; init; } = new Dictionary<long, int>();
    public required int TaxFreeRuleId { get; init; }
    public required int ShippingTaxRuleId { get; init; }
    /// <summary>The rule of fee lines (gift wrapping, handling); the shipping rule when not chosen.</summary>
    public int? FeesTaxRuleId { get; init; }
    public bool LoadCouponCodes { get; init; }
    public bool AddCompanyToAddress { get; init; }
    /// <summary>Gateway id → the account its payments are recorded on; a gateway not listed is not recorded.</summary>
    public IReadOnlyDictionary<string, int> PaymentAccounts { get; init; } = new Dictionary<string, int>();
    public AutoFulfilmentMode Fulfilment { get; init; }
    public AutoAssemblyMode AutoAssembly { get; init; }
    public InvoiceStatus InvoiceStatus { get; init; } = InvoiceStatus.Draft;

    public int PriceTier => SalePriceTier is >= 1 and <= 10 ? SalePriceTier : RegularPriceTier is >= 1 and <= 10 ? RegularPriceTier : 1;

    public int EffectiveFeesTaxRuleId => FeesTaxRuleId ?? ShippingTaxRuleId;
}

/// <summary>The store's default customer: orders without a customer, and every daily consolidated sale, use it.</summary>
public sealed record DefaultCustomer
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public string? Contact { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Company { get; init; }
    public Address BillingAddress { get; init; } = Address.Empty;
    public Address ShippingAddress { get; init; } = Address.Empty;

    public static DefaultCustomer From(Customer customer) => new()
    {
        Id = customer.Id, Name = customer.Name, Contact = customer.Contact, Phone = customer.Phone, Email = customer.Email,
        Company = customer.Company, BillingAddress = customer.BillingAddress, ShippingAddress = customer.ShippingAddress,
    };
}
