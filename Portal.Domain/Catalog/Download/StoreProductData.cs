namespace Portal.Domain.Catalog.Download;

/// <summary>
/// A store product as the download reads it, free of the wire format: a simple product (no variations) or a
/// variable product with its variations. Built by the portal's WooCommerce adapter.
/// </summary>
public sealed record StoreProductData
{
    public long WooProductId { get; init; }
    public bool IsVariable { get; init; }
    public string Name { get; init; } = "";
    public string? Sku { get; init; }
    public string? Description { get; init; }
    public StoreItemValues Values { get; init; } = new();
    /// <summary>The root of the product's first category (the portal has one level), or null.</summary>
    public string? RootCategory { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> Images { get; init; } = [];
    /// <summary>Attributes in the store's order (position).</summary>
    public IReadOnlyList<StoreAttribute> Attributes { get; init; } = [];
    public IReadOnlyList<StoreVariationData> Variations { get; init; } = [];

    public string Describe() => $"{Name} (WooCommerce id {WooProductId})";
}

/// <summary>Fields a simple product and a variation both carry; a variation's empty ones fall back to its parent.</summary>
public sealed record StoreItemValues
{
    public decimal? RegularPrice { get; init; }
    public decimal? SalePrice { get; init; }
    public decimal? Weight { get; init; }
    public decimal? Width { get; init; }
    public decimal? Height { get; init; }
    public decimal? Length { get; init; }
    public string? TaxStatus { get; init; }
    public string? TaxClass { get; init; }
    /// <summary>The stock quantity when the store manages stock for this item; otherwise null.</summary>
    public int? Quantity { get; init; }
}

public sealed record StoreAttribute(string Name, bool UsedForVariations, IReadOnlyList<string> Values);

public sealed record StoreVariationData
{
    public long WooVariationId { get; init; }
    public string? Sku { get; init; }
    public string? Description { get; init; }
    public StoreItemValues Values { get; init; } = new();
    public string? Image { get; init; }
    /// <summary>The variation's value of each variation attribute, by attribute name.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
}
