using System.Text.Json;
using Portal.Domain.Customers;
using Portal.Domain.Integrations;
using Portal.Domain.Reference;
using Portal.Domain.Sales;
using Portal.Domain.Stock;

namespace Portal.Features.Integrations;

public sealed class PaymentMapping
{
    public string GatewayId { get; set; } = "";
    public string GatewayTitle { get; set; } = "";
    /// <summary>An account that can receive payments, or null: payments of this gateway are not recorded.</summary>
    public int? AccountId { get; set; }
}

public sealed class TaxRateMapping
{
    public long RateId { get; set; }
    public string TaxClass { get; set; } = "";
    public string Description { get; set; } = "";
    public int? TaxRuleId { get; set; }
}

public sealed class ShippingMetaRow
{
    public string MetaKey { get; set; } = "";
    public ShippingMetaValue Value { get; set; } = ShippingMetaValue.TrackingNumber;

    public static string Describe(ShippingMetaValue value) => value switch
    {
        ShippingMetaValue.Carrier => "Carrier",
        ShippingMetaValue.TrackingUrl => "Tracking URL",
        ShippingMetaValue.ShipDate => "Ship date",
        _ => "Tracking number",
    };
}

public enum ShippingMetaValue { TrackingNumber = 1, Carrier = 2, TrackingUrl = 3, ShipDate = 4 }

/// <summary>
/// A store's integration settings, kept as one JSON document on the store. The wizard fills them step by step and
/// the tabbed page edits them afterwards; both validate through <see cref="Validate"/> and show fields through the
/// visibility rules here, so the two cannot disagree.
/// </summary>
public sealed class StoreSettings
{
    public const int Steps = 7;
    public static readonly string[] StepNames = ["Orders", "Prices", "Fulfilment", "Accounts", "Catalog", "Taxes", "Shipping metadata"];

    // 1. Orders
    public OrderCapture OrderCapture { get; set; } = OrderCapture.Created;
    public Consolidation Consolidation { get; set; } = Consolidation.None;
    public TimeOnly? ConsolidationTime { get; set; }
    /// <summary>No consolidation: each pending order becomes a sale as soon as it is captured; off, on Process.</summary>
    public bool ProcessOrdersAutomatically { get; set; } = true;
    public int? CustomerId { get; set; }

    // 2. Prices
    /// <summary>The tier of WooCommerce's regular price, or <see cref="PriceNotSent"/>.</summary>
    public int RegularPriceTier { get; set; } = 1;
    /// <summary>The tier of WooCommerce's sale price, or <see cref="PriceNotSent"/>.</summary>
    public int SalePriceTier { get; set; } = 2;

    /// <summary>The price is neither sent to the store nor taken from it by a download.</summary>
    public const int PriceNotSent = 0;

    /// <summary>The tier a price maps to, or null when that price is not sent.</summary>
    public static int? TierOf(int setting) => setting == PriceNotSent ? null : setting;

    // 3. Fulfilment
    public AutoFulfilmentMode Fulfilment { get; set; } = AutoFulfilmentMode.None;
    public AutoAssemblyMode AutoAssembly { get; set; } = AutoAssemblyMode.ForOrderedQuantity;
    public bool IgnoreRestockForNonFulfilled { get; set; }
    /// <summary>Null means All Locations.</summary>
    public int? LocationId { get; set; }
    public InvoiceStatus InvoiceStatus { get; set; } = InvoiceStatus.Draft;

    // 4. Accounts
    public int? RevenueAccountId { get; set; }
    public int? SalesRepresentativeId { get; set; }
    public List<PaymentMapping> PaymentMappings { get; set; } = [];

    // 5. Catalog
    public bool ListProductsAsDraft { get; set; }
    public bool UpdateStockLevels { get; set; }
    public bool UseBufferInventory { get; set; }
    public int BufferInventory { get; set; }

    /// <summary>
    /// The buffer field's text as typed, while the page is open (never stored): text that is not a whole number
    /// leaves <see cref="BufferInventory"/> at its old value, so the step is refused instead of saving that.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? BufferInventoryText { get; set; }
    public bool WooCommerceIsMasterForCategoriesAndDescriptions { get; set; }
    public bool ExportShippingInformation { get; set; }
    public bool LoadCouponCodesAsProducts { get; set; }
    public bool AddCompanyToAddress { get; set; }

    // 6. Taxes
    public int? TaxFreeRuleId { get; set; }
    public int? ShippingTaxRuleId { get; set; }
    /// <summary>The rule of fee lines (gift wrapping, handling); null: the shipping rule.</summary>
    public int? FeesTaxRuleId { get; set; }
    public List<TaxRateMapping> TaxRates { get; set; } = [];

    // 7. Shipping metadata
    public List<ShippingMetaRow> ShippingMeta { get; set; } = [];

    /// <summary>The stock-level choices as the sync reads them (<see cref="BufferChoice.SyncQuantity"/>).</summary>
    public BufferChoice Buffer => new(UpdateStockLevels, UseBufferInventory, BufferInventory);

    public bool ShowConsolidationTime => Consolidation == Consolidation.Daily;

    public bool ShowIgnoreRestock => Fulfilment == AutoFulfilmentMode.PickPackShip;

    public bool ShowBufferInventory => UpdateStockLevels;

    public bool ShowBufferQuantity => Buffer.BufferApplies;

    public IEnumerable<TaxRateMapping> UnmappedTaxRates => TaxRates.Where(r => r.TaxRuleId is null);

    /// <summary>Errors of one step (1-based), keyed by field; empty when the step may be left.</summary>
    public Dictionary<string, string> Validate(int step)
    {
        var errors = new Dictionary<string, string>();
        switch (step)
        {
            case 1:
                if (CustomerId is null)
                {
                    errors[nameof(CustomerId)] = "Choose the customer that WooCommerce orders are recorded for.";
                }

                Add(errors, nameof(ConsolidationTime), OrderChoices.ConsolidationTimeProblem(Consolidation, ConsolidationTime));
                Add(errors, nameof(OrderCapture), OrderChoices.CaptureProblem(OrderCapture));
                Add(errors, nameof(Consolidation), OrderChoices.ConsolidationProblem(Consolidation));
                break;
            case 3:
                Undefined(errors, Fulfilment, nameof(Fulfilment), "Choose none, pick, pick + pack or pick + pack + ship.");
                Undefined(errors, AutoAssembly, nameof(AutoAssembly), "Choose the ordered quantity or the minimum required for picking.");
                Add(errors, nameof(InvoiceStatus), OrderChoices.InvoiceStatusProblem(InvoiceStatus));
                break;
            case 2:
                if (RegularPriceTier is < PriceNotSent or > 10)
                {
                    errors[nameof(RegularPriceTier)] = "Choose one of the ten price tiers, or Not sent.";
                }

                if (SalePriceTier is < PriceNotSent or > 10)
                {
                    errors[nameof(SalePriceTier)] = "Choose one of the ten price tiers, or Not sent.";
                }
                else if (SalePriceTier != PriceNotSent && SalePriceTier == RegularPriceTier)
                {
                    errors[nameof(SalePriceTier)] = "The sale price needs a tier of its own (or Not sent).";
                }

                break;
            case 5:
                Add(errors, nameof(BufferInventory), ShowBufferQuantity && !string.IsNullOrWhiteSpace(BufferInventoryText) &&
                    !int.TryParse(BufferInventoryText.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.CurrentCulture, out _)
                        ? "Buffer Inventory is not a whole number: type digits, as in 5."
                        : Buffer.Problem);
                break;
            case 6:
                if (TaxFreeRuleId is null)
                {
                    errors[nameof(TaxFreeRuleId)] = "Choose the tax rule for untaxed lines.";
                }

                if (ShippingTaxRuleId is null)
                {
                    errors[nameof(ShippingTaxRuleId)] = "Choose the tax rule for shipping.";
                }

                break;
            case 7:
                for (var i = 0; i < ShippingMeta.Count; i++)
                {
                    var key = ShippingMeta[i].MetaKey.Trim();
                    if (key.Length == 0 || key.Length > 100)
                    {
                        errors[$"{nameof(ShippingMeta)}[{i}]"] = "Enter the meta field name (at most 100 characters) or remove the row.";
                    }
                    else if (ShippingMeta.Take(i).Any(r => r.MetaKey.Trim() == key))
                    {
                        errors[$"{nameof(ShippingMeta)}[{i}]"] = $"'{key}' is listed twice.";
                    }
                    else
                    {
                        Undefined(errors, ShippingMeta[i].Value, $"{nameof(ShippingMeta)}[{i}]",
                            "Choose tracking number, carrier, tracking URL or ship date.");
                    }
                }

                break;
        }

        return errors;
    }

    private static void Add(Dictionary<string, string> errors, string field, string? problem)
    {
        if (problem is not null)
        {
            errors[field] = problem;
        }
    }

    // A value no option offers can only come from a crafted message or an edited document.
    private static void Undefined<TEnum>(Dictionary<string, string> errors, TEnum value, string field, string message)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors[field] = message;
        }
    }

    /// <summary>
    /// Whether these settings name the reference row <paramref name="id"/> of the book <paramref name="book"/>
    /// (a location, an account, a sales representative, a tax rule or a customer): such a row must not be deleted.
    /// </summary>
    public bool Uses(Type book, int id) =>
        book == typeof(Location) ? LocationId == id
        : book == typeof(Account) ? RevenueAccountId == id || PaymentMappings.Any(m => m.AccountId == id)
        : book == typeof(SalesRepresentative) ? SalesRepresentativeId == id
        : book == typeof(TaxRule) ? TaxFreeRuleId == id || ShippingTaxRuleId == id || FeesTaxRuleId == id || TaxRates.Any(r => r.TaxRuleId == id)
        : book == typeof(Customer) && CustomerId == id;

    /// <summary>Stored form: fields hidden by the rules above are reset so a hidden value never takes effect.</summary>
    public string ToJson()
    {
        ConsolidationTime = OrderChoices.EffectiveConsolidationTime(Consolidation, ConsolidationTime);
        if (!ShowIgnoreRestock)
        {
            IgnoreRestockForNonFulfilled = false;
        }

        var buffer = Buffer.Effective();
        (UseBufferInventory, BufferInventory) = (buffer.UseBufferInventory, buffer.StoreBuffer);

        return JsonSerializer.Serialize(this);
    }

    public static StoreSettings FromJson(string? json) =>
        json is null ? new StoreSettings() : JsonSerializer.Deserialize<StoreSettings>(json) ?? new StoreSettings();
}
