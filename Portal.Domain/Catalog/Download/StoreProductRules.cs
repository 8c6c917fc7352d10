namespace Portal.Domain.Catalog.Download;

/// <summary>
/// How a store product's attributes become a portal family's options and a product's custom fields: the first
/// three variation attributes are Options 1-3; the other attributes, up to ten, are custom fields.
/// </summary>
public static class StoreAttributes
{
    /// <summary>For a variation attribute without a value ("any colour").</summary>
    public const string AnyValue = "Any";

    public static IReadOnlyList<string> OptionNames(StoreProductData product) =>
        product.Attributes.Where(a => a.UsedForVariations).Take(ProductFamily.MaxOptions).Select(a => a.Name.Trim()).ToList();

    public static IReadOnlyList<string> OptionValues(StoreProductData product, StoreVariationData variation) =>
        OptionNames(product).Select(name => ValueOf(variation, name)).ToList();

    /// <summary>The values of the variation attributes past the third, in order: what tells two variations apart when
    /// their three option values are the same.</summary>
    public static IReadOnlyList<string> RemainingValues(StoreProductData product, StoreVariationData variation) =>
        product.Attributes.Where(a => a.UsedForVariations).Skip(ProductFamily.MaxOptions)
            .Select(a => ValueOf(variation, a.Name)).ToList();

    public static IReadOnlyList<KeyValuePair<string, string?>> CustomFields(StoreProductData product, StoreVariationData? variation)
    {
        var options = product.IsVariable ? OptionNames(product) : [];
        return product.Attributes
            .Where(a => !options.Contains(a.Name.Trim(), StringComparer.OrdinalIgnoreCase))
            .DistinctBy(a => a.Name.Trim(), StringComparer.OrdinalIgnoreCase)
            .Where(a => a.Name.Trim().Length > 0)
            .Take(Product.MaxCustomFields)
            .Select(a => new KeyValuePair<string, string?>(
                Fit(a.Name.Trim(), 100),
                Fit(a.UsedForVariations && variation is not null ? ValueOf(variation, a.Name) : string.Join(", ", a.Values), 1000)))
            .ToList();
    }

    private static string ValueOf(StoreVariationData variation, string attribute) =>
        variation.Options.TryGetValue(attribute.Trim(), out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : AnyValue;

    internal static string Fit(string value, int max) => value.Length <= max ? value : value[..max].TrimEnd();
}

/// <summary>The portal has one level of categories: a product gets the root of its first store category.</summary>
public static class StoreCategories
{
    public static string? RootOf(long? categoryId, IReadOnlyDictionary<long, (string Name, long Parent)> tree)
    {
        if (categoryId is not { } id || !tree.TryGetValue(id, out var current))
        {
            return null;
        }

        var seen = new HashSet<long> { id };
        while (current.Parent != 0 && tree.TryGetValue(current.Parent, out var parent) && seen.Add(current.Parent))
        {
            current = parent;
        }

        return string.IsNullOrWhiteSpace(current.Name) ? null : current.Name.Trim();
    }
}

/// <summary>A store's tax status and class as a portal sale tax rule.</summary>
public static class StoreTaxRules
{
    /// <summary>
    /// Tax status "none": the store's Tax Free rule. Otherwise the rule mapped to the first rate of the product's tax
    /// class (WooCommerce's empty class is "standard"), else the organization's default.
    /// </summary>
    public static int? SaleTaxRule(string? taxStatus, string? taxClass, int? taxFreeRuleId,
        IEnumerable<(string TaxClass, int? TaxRuleId)> ratesInStoreOrder, int? organizationDefault)
    {
        if (string.Equals(taxStatus?.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return taxFreeRuleId ?? organizationDefault;
        }

        var wanted = ClassKey(taxClass);
        foreach (var (rateClass, ruleId) in ratesInStoreOrder)
        {
            if (ClassKey(rateClass) == wanted)
            {
                return ruleId ?? organizationDefault;
            }
        }

        return organizationDefault;
    }

    private static string ClassKey(string? taxClass)
    {
        var key = (taxClass ?? "").Trim().ToLowerInvariant().Replace(' ', '-');
        return key.Length == 0 || key == "standard" ? "standard" : key;
    }
}

/// <summary>Portal names are unique; a name already taken is made unique the way the download reports it.</summary>
public static class UniqueNames
{
    /// <summary>
    /// <paramref name="name"/> if free; else with the <paramref name="remainingValues"/> appended; else with the SKU in
    /// parentheses; else with the store id. Returns the name and whether it differs from <paramref name="name"/>.
    /// </summary>
    public static (string Name, bool Renamed) Choose(string name, IReadOnlyList<string> remainingValues, string? sku,
        long wooId, Func<string, bool> isTaken)
    {
        var candidate = Fit(name, "");
        if (!isTaken(candidate))
        {
            return (candidate, false);
        }

        if (remainingValues.Count > 0)
        {
            candidate = Fit(name, " " + string.Join(' ', remainingValues));
            if (!isTaken(candidate))
            {
                return (candidate, true);
            }
        }

        if (!string.IsNullOrWhiteSpace(sku))
        {
            candidate = Fit(candidate, $" ({sku.Trim()})");
            if (!isTaken(candidate))
            {
                return (candidate, true);
            }
        }

        for (var n = 0; ; n++)
        {
            var numbered = Fit(candidate, n == 0 ? $" #{wooId}" : $" #{wooId}-{n + 1}");
            if (!isTaken(numbered))
            {
                return (numbered, true);
            }
        }
    }

    private static string Fit(string name, string suffix)
    {
        var head = name.Trim();
        var room = ProductRules.MaxNameLength - suffix.Length;
        return (head.Length > room ? head[..room].TrimEnd() : head) + suffix;
    }
}
