using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.WooCommerce;

public sealed record WooCustomer
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateCreatedGmt { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateModifiedGmt { get; init; }
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Role { get; init; }
    public string? Username { get; init; }
    public WooAddress? Billing { get; init; }
    public WooAddress? Shipping { get; init; }
    public bool? IsPayingCustomer { get; init; }
    public string? AvatarUrl { get; init; }
    public IReadOnlyList<WooMetaData>? MetaData { get; init; }
}

public sealed record WooCoupon
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public string? Code { get; init; }
    public decimal? Amount { get; init; }
    public string? Status { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateCreatedGmt { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateModifiedGmt { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateExpiresGmt { get; init; }
    public string? DiscountType { get; init; }
    public string? Description { get; init; }
    public int? UsageCount { get; init; }
    public bool? IndividualUse { get; init; }
    public IReadOnlyList<long>? ProductIds { get; init; }
    public IReadOnlyList<long>? ExcludedProductIds { get; init; }
    public int? UsageLimit { get; init; }
    public int? UsageLimitPerUser { get; init; }
    public int? LimitUsageToXItems { get; init; }
    public bool? FreeShipping { get; init; }
    public IReadOnlyList<long>? ProductCategories { get; init; }
    public IReadOnlyList<long>? ExcludedProductCategories { get; init; }
    public bool? ExcludeSaleItems { get; init; }
    public decimal? MinimumAmount { get; init; }
    public decimal? MaximumAmount { get; init; }
    public IReadOnlyList<string>? EmailRestrictions { get; init; }
    public IReadOnlyList<string>? UsedBy { get; init; }
    public IReadOnlyList<WooMetaData>? MetaData { get; init; }
}

public sealed record WooTax
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public string? Country { get; init; }
    public string? State { get; init; }
    public string? Postcode { get; init; }
    public string? City { get; init; }
    public IReadOnlyList<string>? Postcodes { get; init; }
    public IReadOnlyList<string>? Cities { get; init; }
    /// <summary>Percent, e.g. "10.0000".</summary>
    public decimal? Rate { get; init; }
    public string? Name { get; init; }
    public int? Priority { get; init; }
    public bool? Compound { get; init; }
    public bool? Shipping { get; init; }
    public int? Order { get; init; }
    public string? Class { get; init; }
}

public sealed record WooTaxClass
{
    public string? Slug { get; init; }
    public string? Name { get; init; }
}

/// <summary>A setting (settings/general) or a field of a gateway or shipping method's settings.</summary>
public sealed record WooSetting
{
    public string? Id { get; init; }
    public string? Label { get; init; }
    public string? Description { get; init; }
    public string? Type { get; init; }
    public JsonElement? Value { get; init; }
    public JsonElement? Default { get; init; }
    public string? Tip { get; init; }
    public string? Placeholder { get; init; }
    /// <summary>Choices of a select; values are labels or, for grouped selects, objects.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Options { get; init; }

    [JsonIgnore]
    public string? StringValue => Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : Value?.GetRawText();
}

public sealed record WooSettingsGroup
{
    public string? Id { get; init; }
    public string? Label { get; init; }
    public string? Description { get; init; }
    public string? ParentId { get; init; }
    public IReadOnlyList<string>? SubGroups { get; init; }
}

public sealed record WooCurrency
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Symbol { get; init; }
}

public sealed record WooPaymentGateway
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public int? Order { get; init; }
    public bool? Enabled { get; init; }
    public string? MethodTitle { get; init; }
    public string? MethodDescription { get; init; }
    public IReadOnlyList<string>? MethodSupports { get; init; }
    public IReadOnlyDictionary<string, WooSetting>? Settings { get; init; }
    public bool? NeedsSetup { get; init; }
    public string? SettingsUrl { get; init; }
    public string? ConnectionUrl { get; init; }
    public string? SetupHelpText { get; init; }
}

public sealed record WooShippingMethod
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
}

public sealed record WooShippingZone
{
    public long Id { get; init; }
    public string? Name { get; init; }
    public int? Order { get; init; }
}

public sealed record WooShippingZoneLocation
{
    public string? Code { get; init; }
    public string? Type { get; init; }
}

public sealed record WooShippingZoneMethod
{
    public long Id { get; init; }
    public long? InstanceId { get; init; }
    public string? Title { get; init; }
    public int? Order { get; init; }
    public bool? Enabled { get; init; }
    public string? MethodId { get; init; }
    public string? MethodTitle { get; init; }
    public string? MethodDescription { get; init; }
    public IReadOnlyDictionary<string, WooSetting>? Settings { get; init; }
}

public sealed record WooWebhook
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public string? Name { get; init; }
    /// <summary>active, paused or disabled.</summary>
    public string? Status { get; init; }
    /// <summary>e.g. order.created; resource and event are derived from it.</summary>
    public string? Topic { get; init; }
    public string? Resource { get; init; }
    public string? Event { get; init; }
    public IReadOnlyList<string>? Hooks { get; init; }
    public string? DeliveryUrl { get; init; }
    /// <summary>Request only; WooCommerce never sends it back.</summary>
    public string? Secret { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateCreatedGmt { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateModifiedGmt { get; init; }
}

/// <summary><c>GET /wp-json/</c>: the WordPress site index.</summary>
public sealed record WooSiteIndex
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Url { get; init; }
    public string? Home { get; init; }
    /// <summary>Hours from UTC, e.g. 5.5; WordPress sends a number or a string.</summary>
    public decimal? GmtOffset { get; init; }
    /// <summary>IANA zone, or empty when the site is set to a bare UTC offset.</summary>
    public string? TimezoneString { get; init; }
    public IReadOnlyList<string>? Namespaces { get; init; }

    [JsonIgnore]
    public bool HasWooCommerceV3 => Namespaces?.Contains("wc/v3") == true;
}

/// <summary><c>GET /wp-json/wc/v3</c>: the namespace's route index.</summary>
public sealed record WooRouteIndex
{
    public string? Namespace { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? Routes { get; init; }
}

public sealed record WooSystemStatus
{
    public WooSystemEnvironment? Environment { get; init; }
    public WooSystemDatabase? Database { get; init; }
    public WooSystemSettings? Settings { get; init; }
    public IReadOnlyList<WooSystemPlugin>? ActivePlugins { get; init; }
}

public sealed record WooSystemEnvironment
{
    public string? HomeUrl { get; init; }
    public string? SiteUrl { get; init; }
    /// <summary>The WooCommerce version.</summary>
    public string? Version { get; init; }
    public string? WpVersion { get; init; }
    public string? PhpVersion { get; init; }
    public string? DefaultTimezone { get; init; }
}

public sealed record WooSystemDatabase
{
    public string? WcDatabaseVersion { get; init; }
}

public sealed record WooSystemSettings
{
    public bool? ApiEnabled { get; init; }
    public bool? ForceSsl { get; init; }
    public string? Currency { get; init; }
    public string? CurrencySymbol { get; init; }
    public string? CurrencyPosition { get; init; }
    public string? ThousandSeparator { get; init; }
    public string? DecimalSeparator { get; init; }
    public int? NumberOfDecimals { get; init; }
}

public sealed record WooSystemPlugin
{
    public string? Plugin { get; init; }
    public string? Name { get; init; }
    public string? Version { get; init; }
}
