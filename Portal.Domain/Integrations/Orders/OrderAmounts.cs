using System.Globalization;

namespace Portal.Domain.Integrations.Orders;

/// <summary>
/// The money of one store order as sale lines, additional charges and payments: the part the single sale and the daily
/// consolidated sale share. Prices are the line subtotal ÷ quantity (before coupons), taxes are the store's subtotal
/// taxes, never recalculated; the order's discount is one negative charge, or coupon lines with Load Coupon Codes.
/// </summary>
public static class OrderAmounts
{
    public const string ShippingPrefix = "Shipping";

    public static IReadOnlyList<SalePlanLine> Lines(StoreOrder order, OrderMappingSettings settings)
    {
        // The guide skips an order whose rates are not all mapped: a rate left out would be booked under another's rule.
        foreach (var rate in order.TaxLines.Select(t => t.RateId).Concat(order.Lines.SelectMany(l => l.Taxes).Select(t => t.RateId)))
        {
            MappedRule(order, rate, settings);
        }

        var lines = order.Lines.Select(line => ProductLine(order, line, settings)).ToList();
        if (settings.LoadCouponCodes)
        {
            var rule = DiscountRule(order, order.DiscountTax, settings);
            lines.AddRange(order.Coupons.Select(c => new SalePlanLine
            {
                Name = c.Code, CouponCode = c.Code, Quantity = 1, Price = -c.Discount,
                TaxRuleId = c.DiscountTax == 0 ? settings.TaxFreeRuleId : rule, Tax = -c.DiscountTax,
            }));
        }

        return lines;
    }

    public static IReadOnlyList<SalePlanCharge> Charges(StoreOrder order, OrderMappingSettings settings)
    {
        var charges = new List<SalePlanCharge>();
        if (!settings.LoadCouponCodes && (order.DiscountTotal != 0 || order.DiscountTax != 0))
        {
            var codes = order.Coupons.Count == 0 ? "" : $" ({string.Join(", ", order.Coupons.Select(c => c.Code))})";
            charges.Add(new SalePlanCharge(SaleChargeKind.Discount, "Discount" + codes, -order.DiscountTotal,
                DiscountRule(order, order.DiscountTax, settings), -order.DiscountTax));
        }

        // A free shipping line or a zero fee carries no money: the carrier still comes from it, no charge does.
        charges.AddRange(order.ShippingLines.Where(s => s.Total != 0 || s.TotalTax != 0).Select(s => new SalePlanCharge(
            SaleChargeKind.Shipping, $"{ShippingPrefix}: {Names.Optional(s.MethodTitle) ?? "shipping"}", s.Total,
            s.Taxable || s.TotalTax != 0 ? settings.ShippingTaxRuleId : settings.TaxFreeRuleId, s.TotalTax)));
        // WooCommerce taxes a negative fee across the cart's rates even when the fee says "none": the store's tax
        // is kept, so such a fee takes the fees rule; only a fee without tax is Tax Free.
        charges.AddRange(order.Fees.Where(f => f.Total != 0 || f.TotalTax != 0).Select(f => new SalePlanCharge(
            SaleChargeKind.Fee, f.Name, f.Total,
            f.Taxable || f.TotalTax != 0 ? settings.EffectiveFeesTaxRuleId : settings.TaxFreeRuleId, f.TotalTax)));
        return charges;
    }

    /// <summary>The order's payment when it is paid and its gateway is mapped to an account; none otherwise.</summary>
    public static IReadOnlyList<SalePlanPayment> Payments(StoreOrder order, OrderMappingSettings settings) =>
        order is { IsPaid: true, Total: > 0 } && order.PaymentMethod is { } gateway
            && settings.PaymentAccounts.TryGetValue(gateway, out var account)
            ? [new SalePlanPayment(account, order.Total, order.PaidAtUtc!.Value, PaymentReference(order))]
            : [];

    /// <summary>The rule of a line: the mapping of its first rate; a line without any rate is Tax Free.</summary>
    public static int RuleOf(StoreOrder order, IReadOnlyList<StoreRateAmount> taxes, OrderMappingSettings settings) =>
        taxes.Count == 0 ? settings.TaxFreeRuleId : MappedRule(order, taxes[0].RateId, settings);

    private static SalePlanLine ProductLine(StoreOrder order, StoreOrderLine line, OrderMappingSettings settings)
    {
        if (line.Quantity <= 0)
        {
            throw new DomainException($"Order {order.Number}: the line {line.Name} has no quantity.");
        }

        return new SalePlanLine
        {
            StoreItemId = line.StoreItemId, Sku = Names.Optional(line.Sku), Name = line.Name, Quantity = line.Quantity,
            // The stored scale is four decimals: 10.00 ÷ 3 becomes 3.3333, which still totals 10.00.
            Price = decimal.Round(line.Subtotal / line.Quantity, Amounts.StoredDecimals, MidpointRounding.AwayFromZero),
            TaxRuleId = RuleOf(order, line.Taxes, settings), Tax = line.SubtotalTax, RateTaxes = line.Taxes,
        };
    }

    /// <summary>The discount's rule: Tax Free when it carries no tax, else the mapping of the order's first rate.</summary>
    private static int DiscountRule(StoreOrder order, decimal discountTax, OrderMappingSettings settings)
    {
        if (discountTax == 0)
        {
            return settings.TaxFreeRuleId;
        }

        var firstRate = order.TaxLines.Select(t => (long?)t.RateId).FirstOrDefault()
            ?? order.Lines.SelectMany(l => l.Taxes).Select(t => (long?)t.RateId).FirstOrDefault();
        return firstRate is { } rate ? MappedRule(order, rate, settings) : settings.TaxFreeRuleId;
    }

    private static int MappedRule(StoreOrder order, long rateId, OrderMappingSettings settings)
    {
        if (settings.TaxRules.TryGetValue(rateId, out var rule))
        {
            return rule;
        }

        var code = order.TaxLines.FirstOrDefault(t => t.RateId == rateId)?.RateCode;
        throw new DomainException(string.Create(CultureInfo.InvariantCulture,
            $"Order {order.Number}: the tax rate {rateId}{(code is null ? "" : $" ({code})")} is not mapped to a tax rule; map it in the store's tax settings."));
    }

    private static string PaymentReference(StoreOrder order) =>
        Names.Optional(order.TransactionId) ?? $"WooCommerce order {order.Number} ({Names.Optional(order.PaymentMethodTitle) ?? order.PaymentMethod})";
}
