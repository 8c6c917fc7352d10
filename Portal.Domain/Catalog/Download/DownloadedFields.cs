namespace Portal.Domain.Catalog.Download;

/// <summary>The store's settings that decide what a download writes.</summary>
/// <param name="RegularPriceTier">Tier that receives the regular price; null when prices are not sent.</param>
/// <param name="SalePriceTier">Tier that receives the sale price; null when prices are not sent.</param>
/// <param name="StoreIsMaster">"Use WooCommerce as master": categories and descriptions come from the store.</param>
public sealed record DownloadSettings(int? RegularPriceTier, int? SalePriceTier, bool StoreIsMaster);

/// <summary>The values one portal product receives: a simple product's, or a variation's merged with its parent's.</summary>
public sealed record ItemFields
{
    public string? Description { get; init; }
    public StoreItemValues Values { get; init; } = new();
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> Images { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string?>> CustomFields { get; init; } = [];

    public static ItemFields ForSimple(StoreProductData product) => new()
    {
        Description = product.Description,
        Values = product.Values,
        Tags = product.Tags,
        Images = product.Images,
        CustomFields = StoreAttributes.CustomFields(product, null),
    };

    /// <summary>A variation inherits what it leaves empty from its parent, as WooCommerce shows it.</summary>
    public static ItemFields ForVariation(StoreProductData parent, StoreVariationData variation)
    {
        var own = variation.Values;
        var inherited = parent.Values;
        return new ItemFields
        {
            Description = string.IsNullOrWhiteSpace(variation.Description) ? parent.Description : variation.Description,
            Values = own with
            {
                Weight = own.Weight ?? inherited.Weight,
                Width = own.Width ?? inherited.Width,
                Height = own.Height ?? inherited.Height,
                Length = own.Length ?? inherited.Length,
                TaxStatus = own.TaxStatus ?? inherited.TaxStatus,
                TaxClass = string.Equals(own.TaxClass, "parent", StringComparison.OrdinalIgnoreCase) || own.TaxClass is null
                    ? inherited.TaxClass
                    : own.TaxClass,
            },
            Tags = parent.Tags,
            Images = variation.Image is { Length: > 0 } image ? [image] : parent.Images,
            CustomFields = StoreAttributes.CustomFields(parent, variation),
        };
    }
}

/// <summary>
/// Writes the guide's field mapping onto a portal product. A product the download creates gets everything; a
/// linked one gets prices, weight and dimensions, tags and custom fields again, its category and description only
/// when the store is master, and images only while it has none (images are never deleted). Setters are called only
/// for values that differ, so a second download of an unchanged store changes nothing.
/// </summary>
public static class DownloadedFields
{
    /// <returns>Whether anything changed.</returns>
    public static bool Apply(Product product, ItemFields fields, Category? rootCategory, int? saleTaxRuleId,
        DownloadSettings settings, bool created)
    {
        var changed = false;
        var values = fields.Values;

        if (settings.RegularPriceTier is { } regularTier)
        {
            changed |= SetPrice(product, regularTier, values.RegularPrice);
        }

        if (settings.SalePriceTier is { } saleTier && saleTier != settings.RegularPriceTier)
        {
            changed |= SetPrice(product, saleTier, values.SalePrice);
        }

        if ((product.Weight, product.Width, product.Height, product.Length) !=
            (values.Weight, values.Width, values.Height, values.Length))
        {
            product.SetDimensions(values.Weight, values.Width, values.Height, values.Length);
            changed = true;
        }

        var tags = fields.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (!product.Tags.SequenceEqual(tags))
        {
            product.SetTags(tags);
            changed = true;
        }

        var customFields = fields.CustomFields.Select(f => new ProductCustomField(f.Key.Trim(), string.IsNullOrWhiteSpace(f.Value) ? null : f.Value.Trim())).ToList();
        if (!product.CustomFields.SequenceEqual(customFields))
        {
            product.SetCustomFields(customFields.Select(f => new KeyValuePair<string, string?>(f.Name, f.Value)));
            changed = true;
        }

        if (product.Images.Count == 0)
        {
            var images = fields.Images.Where(IsWebAddress).Distinct().ToList();
            if (images.Count > 0)
            {
                product.SetImages(images);
                changed = true;
            }
        }

        if (created || settings.StoreIsMaster)
        {
            var description = Trimmed(fields.Description, 4000);
            if (product.Description != description)
            {
                product.Description = description;
                changed = true;
            }

            if (!SameCategory(product, rootCategory))
            {
                product.Category = rootCategory;
                product.CategoryId = rootCategory is { Id: > 0 } ? rootCategory.Id : null;
                changed = true;
            }
        }

        if (created && product.SaleTaxRuleId != saleTaxRuleId)
        {
            product.SaleTaxRuleId = saleTaxRuleId;
            changed = true;
        }

        return changed;
    }

    /// <summary>The opening stock a created product receives: the store's quantity when it manages stock and has some.</summary>
    public static decimal? OpeningStock(ItemFields fields) => fields.Values.Quantity is > 0 and var q ? q : null;

    private static bool SetPrice(Product product, int tier, decimal? price)
    {
        if (product.Price(tier) == price)
        {
            return false;
        }

        product.SetPrice(tier, price);
        return true;
    }

    private static bool SameCategory(Product product, Category? category) =>
        category is null
            ? product.CategoryId is null && product.Category is null
            : category.Id > 0 ? product.CategoryId == category.Id : ReferenceEquals(product.Category, category);

    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http") && url.Length <= 2000;

    private static string? Trimmed(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : StoreAttributes.Fit(value.Trim(), max);
}
