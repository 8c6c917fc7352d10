using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.WooCommerce;

/// <summary>A product as <c>wc/v3/products</c> sends it. Every field but the id is nullable so the same type
/// serves as a partial update: unset fields are left out of the request.</summary>
public sealed record WooProduct
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public string? Name { get; init; }
    public string? Slug { get; init; }
    public string? Permalink { get; init; }
    public string? Type { get; init; }
    public string? Status { get; init; }
    public bool? Featured { get; init; }
    public string? CatalogVisibility { get; init; }
    public string? Description { get; init; }
    public string? ShortDescription { get; init; }
    public string? Sku { get; init; }
    public string? GlobalUniqueId { get; init; }
    public decimal? Price { get; init; }
    public decimal? RegularPrice { get; init; }
    public decimal? SalePrice { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateCreatedGmt { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateModifiedGmt { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateOnSaleFromGmt { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateOnSaleToGmt { get; init; }
    public bool? OnSale { get; init; }
    public bool? Purchasable { get; init; }
    public int? TotalSales { get; init; }
    public bool? Virtual { get; init; }
    public bool? Downloadable { get; init; }
    public string? TaxStatus { get; init; }
    public string? TaxClass { get; init; }
    public bool? ManageStock { get; init; }
    public int? StockQuantity { get; init; }
    public string? StockStatus { get; init; }
    public string? Backorders { get; init; }
    public bool? BackordersAllowed { get; init; }
    public bool? Backordered { get; init; }
    public int? LowStockAmount { get; init; }
    public bool? SoldIndividually { get; init; }
    public string? Weight { get; init; }
    public WooDimensions? Dimensions { get; init; }
    public string? ShippingClass { get; init; }
    public long? ShippingClassId { get; init; }
    public long? ParentId { get; init; }
    public int? MenuOrder { get; init; }
    public IReadOnlyList<WooRef>? Categories { get; init; }
    public IReadOnlyList<WooRef>? Tags { get; init; }
    public IReadOnlyList<WooImage>? Images { get; init; }
    public IReadOnlyList<WooProductAttribute>? Attributes { get; init; }
    public IReadOnlyList<WooVariationAttribute>? DefaultAttributes { get; init; }
    public IReadOnlyList<long>? Variations { get; init; }
    public IReadOnlyList<WooMetaData>? MetaData { get; init; }
}

/// <summary>An attribute of a product (<c>options</c>) or, when read through <c>products/{variation id}</c>,
/// of a variation (<c>option</c>).</summary>
public sealed record WooProductAttribute
{
    public long? Id { get; init; }
    public string? Name { get; init; }
    public string? Slug { get; init; }
    public int? Position { get; init; }
    public bool? Visible { get; init; }
    public bool? Variation { get; init; }
    public IReadOnlyList<string>? Options { get; init; }
    public string? Option { get; init; }
}

public sealed record WooVariationAttribute
{
    public long? Id { get; init; }
    public string? Name { get; init; }
    public string? Slug { get; init; }
    public string? Option { get; init; }
}

public sealed record WooVariation
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public long? ParentId { get; init; }
    public string? Type { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Permalink { get; init; }
    public string? Sku { get; init; }
    public string? GlobalUniqueId { get; init; }
    public string? Status { get; init; }
    public decimal? Price { get; init; }
    public decimal? RegularPrice { get; init; }
    public decimal? SalePrice { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateCreatedGmt { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateModifiedGmt { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateOnSaleFromGmt { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateOnSaleToGmt { get; init; }
    public bool? OnSale { get; init; }
    public bool? Purchasable { get; init; }
    public bool? Virtual { get; init; }
    public bool? Downloadable { get; init; }
    public string? TaxStatus { get; init; }
    public string? TaxClass { get; init; }
    public WooStockManagement? ManageStock { get; init; }
    public int? StockQuantity { get; init; }
    public string? StockStatus { get; init; }
    public string? Backorders { get; init; }
    public bool? BackordersAllowed { get; init; }
    public bool? Backordered { get; init; }
    public int? LowStockAmount { get; init; }
    public string? Weight { get; init; }
    public WooDimensions? Dimensions { get; init; }
    public string? ShippingClass { get; init; }
    public long? ShippingClassId { get; init; }
    public WooImage? Image { get; init; }
    public int? MenuOrder { get; init; }
    public IReadOnlyList<WooVariationAttribute>? Attributes { get; init; }
    public IReadOnlyList<WooMetaData>? MetaData { get; init; }
}

/// <summary>A variation's <c>manage_stock</c>: true, false, or "parent" when the parent product's stock is used.</summary>
[JsonConverter(typeof(WooStockManagementConverter))]
public enum WooStockManagement
{
    Off,
    On,
    Parent,
}

public sealed class WooStockManagementConverter : JsonConverter<WooStockManagement>
{
    public override WooStockManagement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.True => WooStockManagement.On,
            JsonTokenType.False => WooStockManagement.Off,
            JsonTokenType.String when reader.GetString() == "parent" => WooStockManagement.Parent,
            _ => throw new JsonException("manage_stock must be true, false or \"parent\"."),
        };

    public override void Write(Utf8JsonWriter writer, WooStockManagement value, JsonSerializerOptions options)
    {
        if (value == WooStockManagement.Parent)
            writer.WriteStringValue("parent");
        else
            writer.WriteBooleanValue(value == WooStockManagement.On);
    }
}

public sealed record WooCategory
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public string? Name { get; init; }
    public string? Slug { get; init; }
    public long? Parent { get; init; }
    public string? Description { get; init; }
    public string? Display { get; init; }
    public WooImage? Image { get; init; }
    public int? MenuOrder { get; init; }
    public int? Count { get; init; }
}

/// <summary>A tag, an attribute term or a shipping class: the same shape on the wire.</summary>
public sealed record WooTerm
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public string? Name { get; init; }
    public string? Slug { get; init; }
    public string? Description { get; init; }
    public int? MenuOrder { get; init; }
    public int? Count { get; init; }
}

public sealed record WooAttribute
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public string? Name { get; init; }
    public string? Slug { get; init; }
    public string? Type { get; init; }
    public string? OrderBy { get; init; }
    public bool? HasArchives { get; init; }
}

public sealed record WooReview
{
    public long Id { get; init; }
    public long? ProductId { get; init; }
    public string? Status { get; init; }
    public string? Reviewer { get; init; }
    public string? ReviewerEmail { get; init; }
    public string? Review { get; init; }
    public int? Rating { get; init; }
    public bool? Verified { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateCreatedGmt { get; init; }
}
