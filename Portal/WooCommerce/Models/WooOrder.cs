using System.Text.Json.Serialization;

namespace Portal.WooCommerce;

public sealed record WooOrder
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public long? ParentId { get; init; }
    public string? Number { get; init; }
    public string? OrderKey { get; init; }
    public string? CreatedVia { get; init; }
    public string? Version { get; init; }
    public string? Status { get; init; }
    public string? Currency { get; init; }
    public string? CurrencySymbol { get; init; }
    public bool? PricesIncludeTax { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateCreatedGmt { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateModifiedGmt { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateCompletedGmt { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DatePaidGmt { get; init; }
    public decimal? DiscountTotal { get; init; }
    public decimal? DiscountTax { get; init; }
    public decimal? ShippingTotal { get; init; }
    public decimal? ShippingTax { get; init; }
    public decimal? CartTax { get; init; }
    public decimal? Total { get; init; }
    public decimal? TotalTax { get; init; }
    public long? CustomerId { get; init; }
    public string? CustomerNote { get; init; }
    public WooAddress? Billing { get; init; }
    public WooAddress? Shipping { get; init; }
    public string? PaymentMethod { get; init; }
    public string? PaymentMethodTitle { get; init; }
    public string? TransactionId { get; init; }
    public string? CustomerIpAddress { get; init; }
    public string? CustomerUserAgent { get; init; }
    public string? CartHash { get; init; }
    public string? PaymentUrl { get; init; }
    public bool? IsEditable { get; init; }
    public bool? NeedsPayment { get; init; }
    public bool? NeedsProcessing { get; init; }
    /// <summary>Request only: mark a new order paid.</summary>
    public bool? SetPaid { get; init; }
    public IReadOnlyList<WooMetaData>? MetaData { get; init; }
    public IReadOnlyList<WooLineItem>? LineItems { get; init; }
    public IReadOnlyList<WooTaxLine>? TaxLines { get; init; }
    public IReadOnlyList<WooShippingLine>? ShippingLines { get; init; }
    public IReadOnlyList<WooFeeLine>? FeeLines { get; init; }
    public IReadOnlyList<WooCouponLine>? CouponLines { get; init; }
    public IReadOnlyList<WooOrderRefundSummary>? Refunds { get; init; }
}

public sealed record WooLineTax
{
    public long Id { get; init; }
    public decimal? Total { get; init; }
    public decimal? Subtotal { get; init; }
}

public sealed record WooLineItem
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public string? Name { get; init; }
    public long? ProductId { get; init; }
    public long? VariationId { get; init; }
    public int? Quantity { get; init; }
    public string? TaxClass { get; init; }
    public decimal? Subtotal { get; init; }
    public decimal? SubtotalTax { get; init; }
    public decimal? Total { get; init; }
    public decimal? TotalTax { get; init; }
    public string? Sku { get; init; }
    public string? GlobalUniqueId { get; init; }
    /// <summary>A number on the wire, unlike the other amounts.</summary>
    public decimal? Price { get; init; }
    public string? ParentName { get; init; }
    /// <summary>Request only (refunds): the amount refunded for this line.</summary>
    public decimal? RefundTotal { get; init; }
    public IReadOnlyList<WooLineTax>? Taxes { get; init; }
    public IReadOnlyList<WooMetaData>? MetaData { get; init; }
}

public sealed record WooTaxLine
{
    public long Id { get; init; }
    public string? RateCode { get; init; }
    public long? RateId { get; init; }
    public string? Label { get; init; }
    public bool? Compound { get; init; }
    public decimal? TaxTotal { get; init; }
    public decimal? ShippingTaxTotal { get; init; }
    public decimal? RatePercent { get; init; }
    public IReadOnlyList<WooMetaData>? MetaData { get; init; }
}

public sealed record WooShippingLine
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public string? MethodTitle { get; init; }
    public string? MethodId { get; init; }
    public string? InstanceId { get; init; }
    public decimal? Total { get; init; }
    public decimal? TotalTax { get; init; }
    public string? TaxStatus { get; init; }
    public IReadOnlyList<WooLineTax>? Taxes { get; init; }
    public IReadOnlyList<WooMetaData>? MetaData { get; init; }
}

public sealed record WooFeeLine
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public string? Name { get; init; }
    public string? TaxClass { get; init; }
    public string? TaxStatus { get; init; }
    public decimal? Amount { get; init; }
    public decimal? Total { get; init; }
    public decimal? TotalTax { get; init; }
    public IReadOnlyList<WooLineTax>? Taxes { get; init; }
    public IReadOnlyList<WooMetaData>? MetaData { get; init; }
}

public sealed record WooCouponLine
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public string? Code { get; init; }
    public decimal? Discount { get; init; }
    public decimal? DiscountTax { get; init; }
    public string? DiscountType { get; init; }
    public decimal? NominalAmount { get; init; }
    public bool? FreeShipping { get; init; }
    public IReadOnlyList<WooMetaData>? MetaData { get; init; }
}

/// <summary>The short refund entries inside an order.</summary>
public sealed record WooOrderRefundSummary
{
    public long Id { get; init; }
    public string? Reason { get; init; }
    public decimal? Total { get; init; }
}

public sealed record WooRefund
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public long? ParentId { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateCreatedGmt { get; init; }
    public decimal? Amount { get; init; }
    public string? Reason { get; init; }
    public long? RefundedBy { get; init; }
    public bool? RefundedPayment { get; init; }
    /// <summary>Request only: ask the gateway to pay the money back (fails with 500 on gateways without support).</summary>
    public bool? ApiRefund { get; init; }
    /// <summary>Request only: put the refunded quantities back in stock.</summary>
    public bool? ApiRestock { get; init; }
    public IReadOnlyList<WooMetaData>? MetaData { get; init; }
    public IReadOnlyList<WooLineItem>? LineItems { get; init; }
    public IReadOnlyList<WooShippingLine>? ShippingLines { get; init; }
    public IReadOnlyList<WooTaxLine>? TaxLines { get; init; }
    public IReadOnlyList<WooFeeLine>? FeeLines { get; init; }
}

public sealed record WooOrderNote
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public string? Author { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateCreatedGmt { get; init; }
    public string? Note { get; init; }
    public bool? CustomerNote { get; init; }
    /// <summary>Request only.</summary>
    public bool? AddedByUser { get; init; }
}

public sealed record WooOrderStatus
{
    public string? Slug { get; init; }
    public string? Name { get; init; }
}
