namespace Portal.Domain.Sales;

/// <summary>
/// What a user should see before authorising an order: a line at price 0 (given away, or a price never entered) and
/// a line without a tax rule (no tax will be charged on it). Neither is refused — a free sample is a real sale —
/// but neither is authorised without the user having seen it.
/// </summary>
public static class AuthorisationWarnings
{
    public static IReadOnlyList<string> For(IEnumerable<(string Line, decimal Price, bool HasTaxRule)> lines)
    {
        var warnings = new List<string>();
        foreach (var (line, price, hasTaxRule) in lines)
        {
            if (price == 0m)
            {
                warnings.Add($"{line}: the price is 0.");
            }

            if (!hasTaxRule)
            {
                warnings.Add($"{line}: no tax rule, so no tax is charged on it.");
            }
        }

        return warnings;
    }

    /// <summary>The warnings for a saved sale's lines.</summary>
    public static IReadOnlyList<string> For(Sale sale) =>
        For(sale.Lines.Select(l => (l.Sku is { } sku ? $"{sku} – {l.Name}" : l.Name, l.Price, l.Tax.TaxRuleId is not null)));
}
