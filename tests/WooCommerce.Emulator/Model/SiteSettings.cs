namespace WooCommerce.Emulator.Model;

/// <summary>Site-wide settings the portal reads (timezone for local dates, currency it checks).</summary>
public sealed class SiteSettings
{
    public string Name { get; set; } = "WooCommerce Emulator";
    public string Description { get; set; } = "Just another WooCommerce store";
    /// <summary>IANA zone name; empty means the fixed <see cref="GmtOffsetHours"/> is used, as in WordPress.</summary>
    public string TimezoneString { get; set; } = "UTC";
    public double GmtOffsetHours { get; set; }
    public string Currency { get; set; } = "USD";
    public string CurrencyName { get; set; } = "United States (US) dollar";
    public string CurrencySymbol { get; set; } = "&#36;";
    public string CurrencyPosition { get; set; } = "left";
    public int PriceDecimals { get; set; } = 2;
    public string WordPressVersion { get; set; } = "7.0.4";
    public string WooCommerceVersion { get; set; } = "11.0.1";
    public string StoreAddress { get; set; } = "100 Harness Street";
    public string StoreCity { get; set; } = "San Francisco";
    public string StorePostcode { get; set; } = "94102";
    public string DefaultCountry { get; set; } = "US:CA";
    public bool CalcTaxes { get; set; } = true;
    /// <summary>False makes the site a plain WordPress: no wc/* namespaces, every wc route answers rest_no_route.</summary>
    public bool WooCommerceActive { get; set; } = true;
    public bool PricesIncludeTax { get; set; }
    /// <summary>Other options of the general and tax settings groups, by option id; absent means the default.</summary>
    public Dictionary<string, string> Options { get; set; } = [];

    public TimeZoneInfo TimeZone
    {
        get
        {
            if (!string.IsNullOrEmpty(TimezoneString) && TimezoneString != "UTC"
                && TimeZoneInfo.TryFindSystemTimeZoneById(TimezoneString, out var tz))
            {
                return tz;
            }
            return TimeZoneInfo.CreateCustomTimeZone("offset", TimeSpan.FromHours(GmtOffsetHours), "offset", "offset");
        }
    }

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), TimeZone);

    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZone);

    /// <summary>Offset in hours at the current instant, which is what WordPress reports for a named zone.</summary>
    public double CurrentGmtOffset(DateTime utcNow) => TimeZone.GetUtcOffset(utcNow).TotalHours;
}
