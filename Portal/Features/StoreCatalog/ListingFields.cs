using System.Globalization;
using Portal.Domain.Catalog;
using Portal.Features.Integrations;
using Portal.WooCommerce;

namespace Portal.Features.StoreCatalog;

/// <summary>
/// What listing and updating send of a portal product (the guide's mapping table, outbound): SKU, prices of the store's
/// tiers (none when a tier is "not sent"), weight and dimensions, category and description (not when WooCommerce is
/// master), tags, stock managed with the sync quantity. Brand is never sent. Shared by the product dialog and the bulk
/// listing so both send exactly the same.
/// </summary>
internal static class ListingFields
{
    public static WooProduct Simple(Product product, StoreSettings settings, int syncQuantity, IReadOnlyList<WooRef>? categories,
        IReadOnlyList<WooRef> tags)
    {
        var master = settings.WooCommerceIsMasterForCategoriesAndDescriptions;
        return new WooProduct
        {
            Name = product.Name,
            Sku = product.Sku,
            RegularPrice = Price(product, settings.RegularPriceTier),
            SalePrice = Price(product, settings.SalePriceTier),
            Description = master ? null : product.Description ?? "",
            Categories = master ? null : categories,
            Tags = tags,
            Weight = Text(product.Weight),
            Dimensions = new WooDimensions { Length = Text(product.Length), Width = Text(product.Width), Height = Text(product.Height) },
            ManageStock = true,
            StockQuantity = syncQuantity,
        };
    }

    /// <summary>A new simple product: its name, type and status (draft when List Products as Draft is on).</summary>
    public static WooProduct NewSimple(Product product, StoreSettings settings, int syncQuantity, IReadOnlyList<WooRef>? categories,
        IReadOnlyList<WooRef> tags) =>
        Simple(product, settings, syncQuantity, categories, tags) with
        {
            Type = "simple",
            Status = settings.ListProductsAsDraft ? "draft" : "publish",
        };

    /// <summary>The variable product of a family: name, description, category and tags of its first variant, and one
    /// attribute per option with the values of <paramref name="variants"/>.</summary>
    public static WooProduct Parent(ProductFamily family, IReadOnlyList<Product> variants, StoreSettings settings,
        IReadOnlyList<WooRef>? categories, IReadOnlyList<WooRef> tags)
    {
        var master = settings.WooCommerceIsMasterForCategoriesAndDescriptions;
        return new WooProduct
        {
            Name = family.Name,
            Description = master ? null : variants[0].Description ?? "",
            Categories = master ? null : categories,
            Tags = tags,
            Attributes = family.OptionNames.Select((name, index) => new WooProductAttribute
            {
                Name = name,
                Position = index,
                Visible = true,
                Variation = true,
                Options = variants.Select(p => Value(p, index)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            }).ToList(),
        };
    }

    public static WooProduct NewParent(ProductFamily family, IReadOnlyList<Product> variants, StoreSettings settings,
        IReadOnlyList<WooRef>? categories, IReadOnlyList<WooRef> tags) =>
        Parent(family, variants, settings, categories, tags) with
        {
            Type = "variable",
            Status = settings.ListProductsAsDraft ? "draft" : "publish",
        };

    public static WooVariation Variation(Product product, StoreSettings settings, int syncQuantity, ProductFamily family) => new()
    {
        Sku = product.Sku,
        RegularPrice = Price(product, settings.RegularPriceTier),
        SalePrice = Price(product, settings.SalePriceTier),
        Weight = Text(product.Weight),
        Dimensions = new WooDimensions { Length = Text(product.Length), Width = Text(product.Width), Height = Text(product.Height) },
        ManageStock = WooStockManagement.On,
        StockQuantity = syncQuantity,
        Attributes = family.OptionNames.Select((name, index) => new WooVariationAttribute { Name = name, Option = Value(product, index) }).ToList(),
    };

    private static string? Value(Product product, int index) =>
        index switch { 0 => product.Option1Value, 1 => product.Option2Value, _ => product.Option3Value };

    private static decimal? Price(Product product, int tierSetting) =>
        StoreSettings.TierOf(tierSetting) is { } tier ? product.Price(tier) : null;

    private static string Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}

/// <summary>
/// The store's product categories and tags by name, read once (only when first needed) and created when missing, so a
/// listing of many products reads each list once.
/// </summary>
internal sealed class StoreTerms(WooClient client)
{
    private Dictionary<string, long>? _categories;
    private Dictionary<string, long>? _tags;

    /// <summary>The store category of that name (created at the top when missing), as the product's only category.</summary>
    public async Task<IReadOnlyList<WooRef>?> CategoryAsync(string? name, CancellationToken ct)
    {
        if (name is null)
        {
            return null;
        }

        if (_categories is null)
        {
            _categories = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            await foreach (var category in client.IterateCategoriesAsync(ct))
            {
                _categories.TryAdd(System.Net.WebUtility.HtmlDecode(category.Name ?? ""), category.Id);
            }
        }

        if (!_categories.TryGetValue(name, out var id))
        {
            id = (await client.CreateCategoryAsync(new WooCategory { Name = name }, ct)).Id;
            _categories[name] = id;
        }

        return [new WooRef { Id = id }];
    }

    public async Task<IReadOnlyList<WooRef>> TagsAsync(IEnumerable<string> names, CancellationToken ct)
    {
        var wanted = names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        if (_tags is null)
        {
            _tags = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            await foreach (var tag in client.IterateTagsAsync(ct))
            {
                _tags.TryAdd(System.Net.WebUtility.HtmlDecode(tag.Name ?? ""), tag.Id);
            }
        }

        var refs = new List<WooRef>();
        foreach (var name in wanted)
        {
            if (!_tags.TryGetValue(name, out var id))
            {
                id = (await client.CreateTagAsync(new WooTerm { Name = name }, ct)).Id;
                _tags[name] = id;
            }

            refs.Add(new WooRef { Id = id });
        }

        return refs;
    }
}
