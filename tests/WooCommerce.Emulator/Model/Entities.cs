using System.Text.Json.Nodes;

namespace WooCommerce.Emulator.Model;

public sealed class MetaEntry
{
    public int Id { get; set; }
    public string Key { get; set; } = "";
    public JsonNode? Value { get; set; }
}

public sealed class Image
{
    public int Id { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string Src { get; set; } = "";
    public string Name { get; set; } = "";
    public string Alt { get; set; } = "";
}

public sealed class ProductAttribute
{
    /// <summary>Global attribute id (pa_*), 0 for a custom attribute local to the product.</summary>
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int Position { get; set; }
    public bool Visible { get; set; } = true;
    public bool Variation { get; set; } = true;
    public List<string> Options { get; set; } = [];
}

public sealed class VariationAttribute
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Option { get; set; } = "";
}

/// <summary>A product or a variation (WooCommerce stores both as posts and shares their id sequence).</summary>
public sealed class Product
{
    public int Id { get; set; }
    public int ParentId { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Type { get; set; } = "simple";
    public string Status { get; set; } = "publish";
    public bool Featured { get; set; }
    public string CatalogVisibility { get; set; } = "visible";
    public string Description { get; set; } = "";
    public string ShortDescription { get; set; } = "";
    public string Sku { get; set; } = "";
    public decimal? RegularPrice { get; set; }
    public decimal? SalePrice { get; set; }
    /// <summary>The prices as the client sent them ("25" stays "25"); null for seeded products, shown with the store's decimals.</summary>
    public string? RegularPriceText { get; set; }
    public string? SalePriceText { get; set; }
    public string PostPassword { get; set; } = "";
    /// <summary>A grouped product's children (grouped_products).</summary>
    public List<int> GroupedIds { get; set; } = [];
    public int TotalSales { get; set; }
    public bool Virtual { get; set; }
    public bool Downloadable { get; set; }
    public string TaxStatus { get; set; } = "taxable";
    public string TaxClass { get; set; } = "";
    public bool ManageStock { get; set; }
    public int? StockQuantity { get; set; }
    public string Backorders { get; set; } = "no";
    public int? LowStockAmount { get; set; }
    /// <summary>Set explicitly only when stock is not managed; derived from the quantity otherwise.</summary>
    public string ManualStockStatus { get; set; } = "instock";
    public bool SoldIndividually { get; set; }
    public string Weight { get; set; } = "";
    public string Length { get; set; } = "";
    public string Width { get; set; } = "";
    public string Height { get; set; } = "";
    public int ShippingClassId { get; set; }
    public bool ReviewsAllowed { get; set; } = true;
    public string PurchaseNote { get; set; } = "";
    public int MenuOrder { get; set; }
    public List<int> CategoryIds { get; set; } = [];
    public List<int> TagIds { get; set; } = [];
    public List<Image> Images { get; set; } = [];
    public List<ProductAttribute> Attributes { get; set; } = [];
    public List<VariationAttribute> DefaultAttributes { get; set; } = [];
    public List<VariationAttribute> VariationAttributes { get; set; } = [];
    public List<MetaEntry> MetaData { get; set; } = [];
    public DateTime CreatedUtc { get; set; }
    public DateTime ModifiedUtc { get; set; }

    public bool IsVariation => Type == "variation";

    public decimal? Price => SalePrice ?? RegularPrice;

    public bool OnSale => SalePrice is not null && RegularPrice is not null && SalePrice < RegularPrice;

    public string StockStatus => ManageStock && StockQuantity is int q
        ? q > 0 ? "instock" : Backorders == "no" ? "outofstock" : "onbackorder"
        : ManualStockStatus;
}

public sealed class Category
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public int Parent { get; set; }
    public string Description { get; set; } = "";
    public string Display { get; set; } = "default";
    public Image? Image { get; set; }
    public int MenuOrder { get; set; }
}

public sealed class Tag
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Description { get; set; } = "";
}

public sealed class ShippingClass
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Description { get; set; } = "";
}

public sealed class GlobalAttribute
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Type { get; set; } = "select";
    public string OrderBy { get; set; } = "menu_order";
    public bool HasArchives { get; set; }
}

public sealed class AttributeTerm
{
    public int Id { get; set; }
    public int AttributeId { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Description { get; set; } = "";
    public int MenuOrder { get; set; }
}

public sealed class Address
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Company { get; set; } = "";
    public string Address1 { get; set; } = "";
    public string Address2 { get; set; } = "";
    public string City { get; set; } = "";
    public string State { get; set; } = "";
    public string Postcode { get; set; } = "";
    public string Country { get; set; } = "";
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";

    public Address Clone() => (Address)MemberwiseClone();
}

public sealed class Customer
{
    public int Id { get; set; }
    public string Email { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Role { get; set; } = "customer";
    public string Username { get; set; } = "";
    public Address Billing { get; set; } = new();
    public Address Shipping { get; set; } = new();
    public bool IsPayingCustomer { get; set; }
    public List<MetaEntry> MetaData { get; set; } = [];
    public DateTime CreatedUtc { get; set; }
    public DateTime ModifiedUtc { get; set; }
}

public sealed class TaxAmount
{
    public int RateId { get; set; }
    public decimal Total { get; set; }
    public decimal? Subtotal { get; set; }
}

public sealed class ItemMeta
{
    public int Id { get; set; }
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
    public string DisplayKey { get; set; } = "";
    public string DisplayValue { get; set; } = "";
}

/// <summary>An order item of any kind; which fields matter depends on <see cref="Kind"/>.</summary>
public sealed class OrderItem
{
    public int Id { get; set; }
    public string Kind { get; set; } = "line_item"; // line_item, shipping, fee, coupon, tax
    public string Name { get; set; } = "";
    public int ProductId { get; set; }
    public int VariationId { get; set; }
    public int Quantity { get; set; }
    public string TaxClass { get; set; } = "";
    public decimal Subtotal { get; set; }
    public decimal SubtotalTax { get; set; }
    public decimal Total { get; set; }
    public decimal TotalTax { get; set; }
    public List<TaxAmount> Taxes { get; set; } = [];
    public List<ItemMeta> MetaData { get; set; } = [];
    public string Sku { get; set; } = "";
    public string MethodId { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string Code { get; set; } = "";
    public string DiscountType { get; set; } = "";
    public decimal NominalAmount { get; set; }
    public int RateId { get; set; }
    public bool Compound { get; set; }
    /// <summary>The rate's percentage when the tax line was made; null on lines made before it was recorded.</summary>
    public decimal? RatePercent { get; set; }
    public decimal TaxTotal { get; set; }
    public decimal ShippingTaxTotal { get; set; }
}

public sealed class Order
{
    public int Id { get; set; }
    public int ParentId { get; set; }
    public string Status { get; set; } = "pending";
    public string Currency { get; set; } = "USD";
    public bool PricesIncludeTax { get; set; }
    public int CustomerId { get; set; }
    public string OrderKey { get; set; } = "";
    public Address Billing { get; set; } = new();
    public Address Shipping { get; set; } = new();
    public string PaymentMethod { get; set; } = "";
    public string PaymentMethodTitle { get; set; } = "";
    public string TransactionId { get; set; } = "";
    public string CreatedVia { get; set; } = "rest-api";
    public string CustomerNote { get; set; } = "";
    public List<MetaEntry> MetaData { get; set; } = [];
    public List<OrderItem> Items { get; set; } = [];
    public DateTime CreatedUtc { get; set; }
    public DateTime ModifiedUtc { get; set; }
    public DateTime? CompletedUtc { get; set; }
    public DateTime? PaidUtc { get; set; }

    public IEnumerable<OrderItem> OfKind(string kind) => Items.Where(i => i.Kind == kind);
}

public sealed class Refund
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public decimal Amount { get; set; }
    public string Reason { get; set; } = "";
    public int RefundedBy { get; set; } = 1;
    public bool RefundedPayment { get; set; }
    public List<MetaEntry> MetaData { get; set; } = [];
    public List<OrderItem> Items { get; set; } = [];
}

public sealed class OrderNote
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public string Author { get; set; } = "WooCommerce";
    public DateTime CreatedUtc { get; set; }
    public string Note { get; set; } = "";
    public bool CustomerNote { get; set; }
}

public sealed class Coupon
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public decimal Amount { get; set; }
    public string Status { get; set; } = "publish";
    public string DiscountType { get; set; } = "fixed_cart";
    public string Description { get; set; } = "";
    public DateTime? ExpiresUtc { get; set; }
    public int UsageCount { get; set; }
    public bool IndividualUse { get; set; }
    public List<int> ProductIds { get; set; } = [];
    public List<int> ExcludedProductIds { get; set; } = [];
    public int? UsageLimit { get; set; }
    public int? UsageLimitPerUser { get; set; }
    public int? LimitUsageToXItems { get; set; }
    public bool FreeShipping { get; set; }
    public List<int> ProductCategories { get; set; } = [];
    public List<int> ExcludedProductCategories { get; set; } = [];
    public bool ExcludeSaleItems { get; set; }
    public decimal MinimumAmount { get; set; }
    public decimal MaximumAmount { get; set; }
    public List<string> EmailRestrictions { get; set; } = [];
    public List<string> UsedBy { get; set; } = [];
    public List<MetaEntry> MetaData { get; set; } = [];
    public DateTime CreatedUtc { get; set; }
    public DateTime ModifiedUtc { get; set; }
}

public sealed class TaxRate
{
    public int Id { get; set; }
    public string Country { get; set; } = "";
    public string State { get; set; } = "";
    /// <summary>Postcodes the rate is limited to (wildcards "941*" and ranges "90210...90215"); empty means any.</summary>
    public List<string> Postcodes { get; set; } = [];
    /// <summary>Cities the rate is limited to, upper-cased as WooCommerce stores them; empty means any.</summary>
    public List<string> Cities { get; set; } = [];
    public decimal Rate { get; set; }
    public string Name { get; set; } = "";
    public int Priority { get; set; } = 1;
    public bool Compound { get; set; }
    public bool Shipping { get; set; } = true;
    public int Order { get; set; }
    public string Class { get; set; } = "standard";
}

public sealed class TaxClass
{
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
}

public sealed class Webhook
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Status { get; set; } = "active";
    public string Topic { get; set; } = "";
    public string DeliveryUrl { get; set; } = "";
    public string Secret { get; set; } = "";
    public int FailureCount { get; set; }
    public bool PendingDelivery { get; set; } = true;
    public DateTime CreatedUtc { get; set; }
    public DateTime ModifiedUtc { get; set; }

    public string Resource => Topic.Split('.')[0];
    public string Event => Topic.Contains('.') ? Topic.Split('.')[1] : "";
}

public enum KeyPermission { Read, Write, ReadWrite }

public sealed class ApiKey
{
    public int KeyId { get; set; }
    public int UserId { get; set; } = 1;
    public string Description { get; set; } = "";
    public KeyPermission Permission { get; set; } = KeyPermission.ReadWrite;
    public string ConsumerKey { get; set; } = "";
    public string ConsumerSecret { get; set; } = "";
    public HashSet<string> UsedNonces { get; } = [];

    public string PermissionName => Permission switch
    {
        KeyPermission.Read => "read",
        KeyPermission.Write => "write",
        _ => "read_write",
    };
}

public sealed class PaymentGateway
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public int Order { get; set; }
    public bool Enabled { get; set; }
    public string MethodTitle { get; set; } = "";
    public string MethodDescription { get; set; } = "";
    public string Instructions { get; set; } = "";
    public bool SupportsRefunds { get; set; }
}

public sealed class ShippingMethod
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
}

public sealed class ShippingZone
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int Order { get; set; }
    public List<(string Code, string Type)> Locations { get; set; } = [];
    public List<ShippingZoneMethod> Methods { get; set; } = [];
}

public sealed class ShippingZoneMethod
{
    public int InstanceId { get; set; }
    public string MethodId { get; set; } = "";
    public string Title { get; set; } = "";
    public int Order { get; set; }
    public bool Enabled { get; set; } = true;
    public decimal Cost { get; set; }
    /// <summary>The cost setting as the shop owner typed it; null shows <see cref="Cost"/> with two decimals.</summary>
    public string? CostSetting { get; set; }
    public string TaxStatus { get; set; } = "taxable";
}
