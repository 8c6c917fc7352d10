namespace WooCommerce.Emulator.Model;

/// <summary>
/// WooCommerce's tax rules (WC_Tax) as an order applies them: which rates match an address, one per priority, and how
/// much each adds — simple rates on the price, compound rates on the price plus the taxes before them. A line in New
/// York City so carries the state rate (priority 1) and the city rate (priority 2).
/// </summary>
public static class TaxPricing
{
    /// <summary>
    /// The rates of <paramref name="taxClass"/> ("" or "standard" for the standard class) that apply at
    /// <paramref name="address"/>: the most specific rate of each priority, as WC_Tax::get_matched_tax_rates.
    /// </summary>
    public static List<TaxRate> MatchingRates(Store store, string taxClass, Address address, bool forShipping = false)
    {
        var cls = taxClass.Length == 0 ? "standard" : taxClass;
        var country = address.Country.Trim().ToUpperInvariant();
        var state = address.State.Trim().ToUpperInvariant();
        var postcode = NormalizePostcode(address.Postcode);
        var city = address.City.Trim().ToUpperInvariant();
        return store.TaxRates
            .Where(r => r.Class == cls && (!forShipping || r.Shipping))
            .Where(r => r.Country.Length == 0 || r.Country.Equals(country, StringComparison.OrdinalIgnoreCase))
            .Where(r => r.State.Length == 0 || r.State.Equals(state, StringComparison.OrdinalIgnoreCase))
            .Where(r => r.Postcodes.Count == 0 || r.Postcodes.Any(p => PostcodeMatches(p, postcode)))
            .Where(r => r.Cities.Count == 0 || r.Cities.Any(c => c.Equals(city, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(r => r.Priority)
            .ThenBy(r => r.Country.Length == 0).ThenBy(r => r.State.Length == 0)
            .ThenBy(r => r.Postcodes.Count == 0).ThenBy(r => r.Cities.Count == 0)
            .ThenBy(r => r.Order).ThenBy(r => r.Id)
            .GroupBy(r => r.Priority).Select(g => g.First())
            .ToList();
    }

    /// <summary>The tax each rate adds to a price that excludes tax (WC_Tax::calc_exclusive_tax), unrounded.</summary>
    public static List<(TaxRate Rate, decimal Amount)> Exclusive(decimal price, IReadOnlyList<TaxRate> rates)
    {
        var taxes = rates.Where(r => !r.Compound).Select(r => (Rate: r, Amount: price * r.Rate / 100m)).ToList();
        var before = taxes.Sum(t => t.Amount);
        foreach (var rate in rates.Where(r => r.Compound))
        {
            var amount = (price + before) * rate.Rate / 100m;
            taxes.Add((rate, amount));
            before += amount;
        }
        return taxes;
    }

    /// <summary>PHP's round() to the store's decimals: half away from zero, as wc_round_tax_total.</summary>
    public static decimal Round(decimal value, int decimals = 2) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Recalculates an order's taxes as WC_Abstract_Order::calculate_taxes does with taxes rounded per line: each
    /// line, fee and shipping line gets one tax per matching rate, and the order one tax line per rate.
    /// </summary>
    public static void Apply(Store store, Order order)
    {
        order.Items.RemoveAll(i => i.Kind == "tax");
        if (!store.Settings.CalcTaxes) return;
        var address = string.IsNullOrEmpty(order.Shipping.Country) ? order.Billing : order.Shipping;
        var decimals = store.Settings.PriceDecimals;
        var perRate = new Dictionary<int, (TaxRate Rate, decimal Cart, decimal Shipping)>();
        var shippingClass = ShippingTaxClass(store, order);
        foreach (var item in order.Items.Where(i => i.Kind is "line_item" or "fee" or "shipping"))
        {
            var isShipping = item.Kind == "shipping";
            var rates = MatchingRates(store, isShipping ? shippingClass : item.TaxClass, address, forShipping: isShipping);
            item.Taxes.Clear();
            var totals = Exclusive(item.Total, rates).ToDictionary(t => t.Rate.Id, t => Round(t.Amount, decimals));
            var subtotals = item.Kind == "line_item"
                ? Exclusive(item.Subtotal, rates).ToDictionary(t => t.Rate.Id, t => Round(t.Amount, decimals))
                : null;
            foreach (var rate in rates)
            {
                item.Taxes.Add(new TaxAmount { RateId = rate.Id, Total = totals[rate.Id], Subtotal = subtotals?[rate.Id] });
                var sums = perRate.TryGetValue(rate.Id, out var s) ? s : (Rate: rate, Cart: 0m, Shipping: 0m);
                perRate[rate.Id] = isShipping ? (rate, sums.Cart, sums.Shipping + totals[rate.Id]) : (rate, sums.Cart + totals[rate.Id], sums.Shipping);
            }
            item.TotalTax = totals.Values.Sum();
            item.SubtotalTax = subtotals?.Values.Sum() ?? 0;
        }
        foreach (var coupon in order.OfKind("coupon").ToList())
            coupon.TotalTax = order.OfKind("line_item").Sum(l => l.SubtotalTax - l.TotalTax);
        foreach (var (rateId, sums) in perRate.OrderBy(kv => kv.Value.Rate.Priority).ThenBy(kv => kv.Key))
        {
            order.Items.Add(new OrderItem
            {
                Id = store.TakeItemId(), Kind = "tax", RateId = rateId, Name = sums.Rate.Name, TaxTotal = sums.Cart, ShippingTaxTotal = sums.Shipping,
                Compound = sums.Rate.Compound, RatePercent = sums.Rate.Rate, Code = RateCode(sums.Rate),
            });
        }
    }

    /// <summary>WC_Tax::get_rate_code: country, state, name (or TAX) and priority, the empty parts left out.</summary>
    public static string RateCode(TaxRate rate) =>
        string.Join("-", new[] { rate.Country, rate.State, rate.Name.Length == 0 ? "TAX" : rate.Name, rate.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            .Where(p => p.Length > 0)).ToUpperInvariant();

    /// <summary>
    /// woocommerce_shipping_tax_class "inherit": the standard class when a line has it, else the first class (in the
    /// store's order) that a line has.
    /// </summary>
    private static string ShippingTaxClass(Store store, Order order)
    {
        var classes = order.OfKind("line_item").Select(l => l.TaxClass.Length == 0 ? "standard" : l.TaxClass).ToHashSet();
        if (classes.Count == 0 || classes.Contains("standard")) return "standard";
        return store.TaxClasses.Select(c => c.Slug).FirstOrDefault(classes.Contains) ?? classes.First();
    }

    private static string NormalizePostcode(string postcode) =>
        new([.. postcode.Trim().ToUpperInvariant().Where(ch => ch is not (' ' or '-'))]);

    /// <summary>A postcode rule: exact, a wildcard prefix ("941*") or a numeric range ("90210...90215").</summary>
    private static bool PostcodeMatches(string rule, string postcode)
    {
        var r = rule.Trim().ToUpperInvariant();
        if (r.EndsWith('*')) return postcode.StartsWith(NormalizePostcode(r[..^1]), StringComparison.Ordinal);
        var range = r.Split("...");
        if (range.Length == 2 && long.TryParse(range[0], out var low) && long.TryParse(range[1], out var high) && long.TryParse(postcode, out var value))
            return value >= low && value <= high;
        return NormalizePostcode(r) == postcode;
    }
}
