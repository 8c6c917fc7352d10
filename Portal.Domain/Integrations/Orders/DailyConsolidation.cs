using System.Globalization;

namespace Portal.Domain.Integrations.Orders;

/// <summary>
/// Daily consolidation: a day's pending orders become one sale for the store's default customer, lines added up per
/// product, price and tax rule, charges per kind and rule, payments per account, the order numbers in the comments.
/// </summary>
public static class DailyConsolidation
{
    public const string ReferencePrefix = "WooCommerce Sales for ";

    /// <summary>The sale for the day <paramref name="localDate"/> (the store's date of the run), or null when the day had no orders.</summary>
    /// <param name="runAtUtc">When the consolidation runs: the sale's date.</param>
    public static SalePlan? Build(IReadOnlyList<StoreOrder> orders, OrderMappingSettings settings, DateOnly localDate, DateTime runAtUtc)
    {
        if (orders.Count == 0)
        {
            return null;
        }

        var ordered = orders.OrderBy(o => o.CreatedAtUtc).ThenBy(o => o.Id).ToList();
        var lines = ordered.SelectMany(o => OrderAmounts.Lines(o, settings))
            .GroupBy(l => (l.StoreItemId, l.CouponCode, l.Sku, l.Price, l.TaxRuleId))
            .Select(g => g.First() with
            {
                Quantity = g.Sum(l => l.Quantity),
                Tax = g.Sum(l => l.Tax),
                RateTaxes = g.SelectMany(l => l.RateTaxes).GroupBy(t => t.RateId)
                    .Select(r => new StoreRateAmount(r.Key, r.Sum(t => t.Total), r.Sum(t => t.BeforeDiscount)))
                    .ToList(),
            })
            .ToList();
        var charges = ordered.SelectMany(o => OrderAmounts.Charges(o, settings))
            .GroupBy(c => (c.Kind, c.TaxRuleId))
            .Select(g => new SalePlanCharge(g.Key.Kind, Describe(g.Key.Kind, g), g.Sum(c => c.Amount), g.Key.TaxRuleId, g.Sum(c => c.Tax)))
            .Where(c => c.Amount != 0 || c.Tax != 0)
            .OrderBy(c => c.Kind).ThenBy(c => c.TaxRuleId)
            .ToList();
        var payments = ordered.SelectMany(o => OrderAmounts.Payments(o, settings))
            .GroupBy(p => p.AccountId)
            .Select(g => new SalePlanPayment(g.Key, g.Sum(p => p.Amount), g.Max(p => p.PaidAtUtc), Reference(localDate)))
            .ToList();
        var numbers = ordered.Select(o => o.Number).ToList();
        var notes = string.Join("\n", ordered.Where(o => Names.Optional(o.CustomerNote) is not null)
            .Select(o => $"#{o.Number}: {o.CustomerNote!.Trim()}"));
        var customer = settings.DefaultCustomer;
        return SaleMapping.Header(settings, runAtUtc) with
        {
            Contact = customer.Contact,
            Phone = customer.Phone,
            Email = customer.Email,
            Reference = Reference(localDate),
            BillingAddress = customer.BillingAddress,
            ShippingAddress = customer.ShippingAddress,
            ShipToCompany = customer.Company ?? customer.Name,
            ShipToContact = customer.Contact,
            ShippingNotes = Names.Optional(Fit(notes, MaxShippingNotes)),
            Comments = Fit($"WooCommerce orders: {string.Join(", ", numbers)}" + (notes.Length == 0 ? "" : "\n" + notes), MaxComments),
            InvoiceDate = localDate,
            Currency = ordered[0].Currency,
            Lines = lines,
            Charges = charges,
            Payments = payments,
            Totals = TotalsCheck.Of(ordered.Sum(o => o.Total), ordered.Sum(o => o.TotalTax), lines, charges) with
            {
                // Each order is rounded on its own in WooCommerce: the allowance grows with the orders.
                AmountCount = Math.Max(lines.Count + charges.Count, ordered.Sum(o => o.Lines.Count + o.Fees.Count + o.ShippingLines.Count + 1)),
            },
            OrderNumbers = numbers,
        };
    }

    // The sale's columns hold 4,000 and 2,000 characters; a busy day's numbers do not fit, and the capture log links
    // every order to the sale anyway.
    private const int MaxComments = 4000, MaxShippingNotes = 2000;

    internal static string Fit(string text, int max)
    {
        const string more = " … (more in the capture log)";
        return text.Length <= max ? text : text[..(max - more.Length)] + more;
    }

    public static string Reference(DateOnly localDate) =>
        ReferencePrefix + localDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Describe(SaleChargeKind kind, IEnumerable<SalePlanCharge> charges) => kind switch
    {
        SaleChargeKind.Discount => "Discount",
        SaleChargeKind.Shipping => OrderAmounts.ShippingPrefix,
        _ => string.Join(", ", charges.Select(c => c.Description).Distinct()),
    };
}
