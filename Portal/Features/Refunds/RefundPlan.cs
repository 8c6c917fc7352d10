using System.Globalization;
using Portal.Domain.Sales;
using Portal.Features.Integrations;
using Portal.Features.Sales;
using Portal.WooCommerce;

namespace Portal.Features.Refunds;

/// <summary>
/// What one WooCommerce refund does to its sale, from the store's figures: credit lines (refunded line items at the
/// sale line's tax rule, shipping at the shipping rule, fees at the fees rule, an amount beyond the lines — or an
/// amount-only refund — as one line at the Tax Free rule), the quantities that come back, and the money paid out.
/// A refund of the whole order with no lines credits every line and charge and brings back all that was picked.
/// </summary>
public sealed record RefundPlan(IReadOnlyList<CreditLineInput> Lines, IReadOnlyDictionary<int, decimal> Restock, decimal Amount, bool Full)
{
    public const string RefundedItemMeta = "_refunded_item_id";
    public const string RefundTypeMeta = "_refund_type";

    public static RefundPlan Build(WooRefund refund, WooOrder order, Sale sale, StoreSettings settings)
    {
        var amount = refund.Amount ?? 0m;
        var items = refund.LineItems ?? [];
        var shipping = refund.ShippingLines ?? [];
        var fees = refund.FeeLines ?? [];
        var lines = new List<CreditLineInput>();
        var restock = new Dictionary<int, decimal>();
        var label = $"WooCommerce refund {refund.Id.ToString(CultureInfo.InvariantCulture)}";
        // WooCommerce marks a refund of the whole order (what was left of it) "full"; without lines it names nothing.
        var full = items.Count == 0 && shipping.Count == 0 && fees.Count == 0 && refund.MetaData.GetMeta(RefundTypeMeta) == "full";
        if (full)
        {
            var hasLines = sale.Lines.Count > 0 || sale.Charges.Count > 0;
            if (sale.AmountCredited == 0m && hasLines)
            {
                lines.AddRange(sale.Lines.Where(l => l.Total > 0).Select(l => new CreditLineInput($"{label}: {l.Label}", l.Total, l.Tax.TaxRuleId, l.Tax.Amount)));
                lines.AddRange(sale.Charges.Where(c => c.Amount > 0).Select(c => new CreditLineInput($"{label}: {c.Description}", c.Amount, c.Tax.TaxRuleId, c.Tax.Amount)));
            }
            else if (amount > 0)
            {
                // Earlier refunds credited part already (or the sale carries only an earlier order's refunds, without
                // lines): the rest of the order is the amount refunded now.
                lines.Add(new CreditLineInput($"{label}: {(hasLines ? "rest of the order" : "the whole order")}", amount, settings.TaxFreeRuleId, 0m));
            }

            foreach (var productId in sale.Lines.Where(l => l.IsStock && l.ProductId is not null).Select(l => l.ProductId!.Value).Distinct())
            {
                restock[productId] = sale.Lines.Where(l => l.ProductId == productId).Sum(l => l.Quantity);
            }

            return new RefundPlan(lines, restock, amount, true);
        }

        foreach (var item in items)
        {
            var original = (order.LineItems ?? []).FirstOrDefault(l => l.Id == OriginalId(item.MetaData));
            var sku = original?.Sku ?? item.Sku;
            var saleLine = sale.Lines.FirstOrDefault(l => sku is { Length: > 0 } && l.Sku == sku)
                           ?? sale.Lines.FirstOrDefault(l => l.Name == (original?.Name ?? item.Name));
            var net = -(item.Total ?? 0m);
            if (net > 0)
            {
                lines.Add(new CreditLineInput($"{label}: {saleLine?.Label ?? item.Name ?? "line"}", net,
                    saleLine?.Tax.TaxRuleId ?? settings.TaxFreeRuleId, -(item.TotalTax ?? 0m)));
            }

            var quantity = -(item.Quantity ?? 0);
            if (quantity > 0 && saleLine is { IsStock: true, ProductId: { } productId })
            {
                restock[productId] = restock.GetValueOrDefault(productId) + quantity;
            }
        }

        lines.AddRange(shipping.Where(s => -(s.Total ?? 0m) > 0).Select(s =>
            new CreditLineInput($"{label}: {s.MethodTitle ?? "shipping"}", -(s.Total ?? 0m), settings.ShippingTaxRuleId, -(s.TotalTax ?? 0m))));
        lines.AddRange(fees.Where(f => -(f.Total ?? 0m) > 0).Select(f =>
            new CreditLineInput($"{label}: {f.Name ?? "fee"}", -(f.Total ?? 0m), settings.FeesTaxRuleId ?? settings.ShippingTaxRuleId, -(f.TotalTax ?? 0m))));

        // What the lines do not explain (an amount-only refund, or an amount typed on top of the lines) is one line
        // without tax: WooCommerce records no tax for it.
        var explained = lines.Sum(l => l.Amount + (l.GivenTax ?? 0m));
        var rest = amount - explained;
        if (rest > 0.01m)
        {
            var reason = string.IsNullOrWhiteSpace(refund.Reason) ? "amount refunded" : refund.Reason.Trim();
            lines.Add(new CreditLineInput($"{label}: {reason}", rest, settings.TaxFreeRuleId, 0m));
        }

        return new RefundPlan(lines, restock, amount, false);
    }

    private static long OriginalId(IReadOnlyList<WooMetaData>? meta) =>
        long.TryParse(meta.GetMeta(RefundedItemMeta), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
}
