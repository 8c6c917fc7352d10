using System.Globalization;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;
using static WooCommerce.Emulator.Rest.TaxonomyApi;

namespace WooCommerce.Emulator.Rest;

/// <summary>
/// Settings groups and the options of the general and tax groups: read one or all, update one (PUT) or many
/// (batch), validated as WC_REST_Setting_Options_Controller validates each field type.
/// </summary>
public static class SettingsApi
{
    private static readonly string[] Groups = ["wc_admin", "general", "products", "tax", "shipping", "checkout", "account", "email", "integration", "advanced"];

    private static readonly (string Code, string Name, string Symbol)[] Currencies =
    [
        ("AUD", "Australian dollar", "&#36;"), ("CAD", "Canadian dollar", "&#36;"), ("CHF", "Swiss franc", "&#67;&#72;&#70;"),
        ("DKK", "Danish krone", "kr."), ("EUR", "Euro", "&euro;"), ("GBP", "Pound sterling", "&pound;"), ("JPY", "Japanese yen", "&yen;"),
        ("NZD", "New Zealand dollar", "&#36;"), ("SEK", "Swedish krona", "&#107;&#114;"), ("USD", "United States (US) dollar", "&#36;"),
    ];

    /// <summary>One option: how it is shown, and where its value lives in the model.</summary>
    private sealed record Option(string Id, string Label, string Description, string Type, string Default, Func<Store, string> Get, Action<Store, string> Set,
        Func<Store, JsonObject>? Options = null, string? Tip = null);

    private static JsonObject Map(params (string Key, string Value)[] entries) => new([.. entries.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))]);

    private static Option Stored(string id, string label, string description, string type, string @default, Func<Store, JsonObject>? options = null, string? tip = null) =>
        new(id, label, description, type, @default, s => s.Settings.Options.GetValueOrDefault(id, @default), (s, v) => s.Settings.Options[id] = v, options, tip ?? description);

    private static JsonObject Countries(Store s) => Map(
        [.. new[] { ("DE", "Germany"), ("GB", "United Kingdom (UK)"), ("US:CA", "United States (US) - California"), ("US:NY", "United States (US) - New York"),
                    ("US:OR", "United States (US) - Oregon"), ("US:WA", "United States (US) - Washington") }
            .Append((s.Settings.DefaultCountry, s.Settings.DefaultCountry)).DistinctBy(c => c.Item1)]);

    private static readonly Option[] General =
    [
        new("woocommerce_store_address", "Address line 1", "The street address for your business location.", "text", "", s => s.Settings.StoreAddress, (s, v) => s.Settings.StoreAddress = v),
        Stored("woocommerce_store_address_2", "Address line 2", "An additional, optional address line for your business location.", "text", ""),
        new("woocommerce_store_city", "City", "The city in which your business is located.", "text", "", s => s.Settings.StoreCity, (s, v) => s.Settings.StoreCity = v),
        new("woocommerce_default_country", "Country / State", "The country and state or province, if any, in which your business is located.", "select", "US:CA",
            s => s.Settings.DefaultCountry, (s, v) => s.Settings.DefaultCountry = v, Countries),
        new("woocommerce_store_postcode", "Postcode / ZIP", "The postal code, if any, in which your business is located.", "text", "", s => s.Settings.StorePostcode, (s, v) => s.Settings.StorePostcode = v),
        Stored("woocommerce_allowed_countries", "Selling location(s)", "This option lets you limit which countries you are willing to sell to.", "select", "all",
            _ => Map(("all", "Sell to all countries"), ("all_except", "Sell to all countries, except for&hellip;"), ("specific", "Sell to specific countries"))),
        new("woocommerce_calc_taxes", "Enable taxes", "Enable tax rates and calculations", "checkbox", "no", s => s.Settings.CalcTaxes ? "yes" : "no", (s, v) => s.Settings.CalcTaxes = v == "yes",
            Tip: "Rates will be configurable and taxes will be calculated during checkout."),
        Stored("woocommerce_enable_coupons", "Enable coupons", "Enable the use of coupon codes", "checkbox", "yes", tip: "Coupons can be applied from the cart and checkout pages."),
        new("woocommerce_currency", "Currency", "This controls what currency prices are listed at in the catalog and which currency gateways will take payments in.", "select", "USD",
            s => s.Settings.Currency, SetCurrency, s => Map([.. Currencies.Select(c => (c.Code, $"{c.Name} ({c.Symbol}) — {c.Code}"))])),
        new("woocommerce_currency_pos", "Currency position", "This controls the position of the currency symbol.", "select", "left", s => s.Settings.CurrencyPosition, (s, v) => s.Settings.CurrencyPosition = v,
            _ => Map(("left", "Left"), ("right", "Right"), ("left_space", "Left with space"), ("right_space", "Right with space"))),
        Stored("woocommerce_price_thousand_sep", "Thousand separator", "This sets the thousand separator of displayed prices.", "text", ","),
        Stored("woocommerce_price_decimal_sep", "Decimal separator", "This sets the decimal separator of displayed prices.", "text", "."),
        new("woocommerce_price_num_decimals", "Number of decimals", "This sets the number of decimal points shown in displayed prices.", "number", "2",
            s => s.Settings.PriceDecimals.ToString(CultureInfo.InvariantCulture), (s, v) => s.Settings.PriceDecimals = int.Parse(v, CultureInfo.InvariantCulture)),
    ];

    private static readonly Option[] Tax =
    [
        new("woocommerce_prices_include_tax", "Prices entered with tax", "", "radio", "no", s => s.Settings.PricesIncludeTax ? "yes" : "no", (s, v) => s.Settings.PricesIncludeTax = v == "yes",
            _ => Map(("yes", "Yes, I will enter prices inclusive of tax"), ("no", "No, I will enter prices exclusive of tax")),
            "This option is important as it will affect how you input prices. Changing it will not update existing products."),
        Stored("woocommerce_tax_based_on", "Calculate tax based on", "", "select", "shipping",
            _ => Map(("shipping", "Customer shipping address"), ("billing", "Customer billing address"), ("base", "Shop base address")), "This option determines which address is used to calculate tax."),
        Stored("woocommerce_shipping_tax_class", "Shipping tax class", "Optionally control which tax class shipping gets, or leave it so shipping tax is based on the cart items themselves.", "select", "inherit",
            s => Map([("inherit", "Shipping tax class based on cart items"), ("", "Standard"), .. s.TaxClasses.Where(c => c.Slug != "standard").Select(c => (c.Slug, c.Name))])),
        Stored("woocommerce_tax_round_at_subtotal", "Rounding", "Round tax at subtotal level, instead of rounding per line", "checkbox", "no", tip: ""),
        Stored("woocommerce_tax_classes", "Additional tax classes", "", "textarea", "",
            tip: "List additional tax classes you need below (1 per line, e.g. Reduced Rates). These are in addition to \"Standard rate\" which exists by default."),
        Stored("woocommerce_tax_display_shop", "Display prices in the shop", "", "select", "excl", _ => Map(("incl", "Including tax"), ("excl", "Excluding tax")), tip: ""),
        Stored("woocommerce_tax_display_cart", "Display prices during cart and checkout", "", "select", "excl", _ => Map(("incl", "Including tax"), ("excl", "Excluding tax")), tip: ""),
        Stored("woocommerce_tax_total_display", "Display tax totals", "", "select", "itemized", _ => Map(("single", "As a single total"), ("itemized", "Itemized")), tip: ""),
    ];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/settings", (HttpContext c) =>
        {
            var render = c.Render();
            return Http.Json(new JsonArray([.. Groups.Select(g => (JsonNode)new JsonObject
            {
                ["id"] = g,
                ["label"] = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(g.Replace('_', ' ')),
                ["description"] = "",
                ["parent_id"] = "",
                ["sub_groups"] = new JsonArray(),
                ["_links"] = new JsonObject { ["options"] = new JsonArray(new JsonObject { ["href"] = $"{render.Api}/settings/{g}" }) },
            })]));
        });
        api.MapGet("/settings/{group}", (HttpContext c, string group) => Locked(c, store =>
            Http.Json(new JsonArray([.. OptionsOf(group).Select(o => (JsonNode)Json(c, store, group, o, withGroup: false))]))));
        api.MapGet("/settings/{group}/{id}", (HttpContext c, string group, string id) => Locked(c, store =>
            Http.Json(Json(c, store, group, Find(group, id), withGroup: true))));
        api.MapMethods("/settings/{group}/{id}", ["POST", "PUT", "PATCH"], (HttpContext c, string group, string id) => Locked(c, store =>
            Http.Json(Update(c, store, group, id, c.Params().Body["value"]))));
        api.MapBatch("/settings/{group}/batch", (HttpContext c, string group) => Locked(c, store =>
        {
            var body = c.Params().Body;
            var updates = body["update"] as JsonArray ?? [];
            if (updates.Count > Batch.MaxItems)
                throw WooException.Of("woocommerce_rest_request_entity_too_large", $"Unable to accept more than {Batch.MaxItems} items for this request.", 413);
            var result = new JsonObject();
            if (body.ContainsKey("update"))
            {
                result["update"] = new JsonArray([.. updates.Select(item =>
                {
                    var id = item?["id"].Str() ?? "";
                    try
                    {
                        return (JsonNode)Update(c, store, group, id, item?["value"]);
                    }
                    catch (WooException e)
                    {
                        return new JsonObject { ["id"] = id, ["error"] = e.Body.DeepClone() };
                    }
                })]);
            }
            return Http.Json(result);
        }));
    }

    private static Option[] OptionsOf(string group) => group switch
    {
        "general" => General,
        "tax" => Tax,
        _ when Groups.Contains(group) => [],
        _ => throw WooException.Of("rest_setting_setting_group_invalid", "Invalid setting group.", 404),
    };

    private static Option Find(string group, string id) =>
        OptionsOf(group).FirstOrDefault(o => o.Id == id) ?? throw WooException.Of("rest_setting_setting_invalid", "Invalid setting.", 404);

    private static JsonObject Update(HttpContext c, Store store, string group, string id, JsonNode? value)
    {
        var option = Find(group, id);
        option.Set(store, Validate(store, option, value));
        return Json(c, store, group, option, withGroup: true);
    }

    /// <summary>validate_setting_*_field: a select or radio value must be one of its options, a checkbox yes or no.</summary>
    private static string Validate(Store store, Option option, JsonNode? value)
    {
        var text = value is null ? "" : value.Str().Trim();
        var invalid = WooException.Of("rest_setting_value_invalid", "An invalid setting value was passed.", 400);
        return option.Type switch
        {
            "select" or "radio" => option.Options?.Invoke(store).ContainsKey(text) == true ? text : throw invalid,
            "checkbox" => text is "yes" or "no" ? text : text.Length == 0 ? option.Default : throw invalid,
            "number" => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? text : throw invalid,
            _ => text,
        };
    }

    private static void SetCurrency(Store store, string code)
    {
        var currency = Currencies.First(c => c.Code == code);
        store.Settings.Currency = currency.Code;
        store.Settings.CurrencyName = currency.Name;
        store.Settings.CurrencySymbol = currency.Symbol;
    }

    private static JsonObject Json(HttpContext c, Store store, string group, Option o, bool withGroup)
    {
        var json = new JsonObject { ["id"] = o.Id, ["label"] = o.Label, ["description"] = o.Description, ["type"] = o.Type, ["default"] = o.Default };
        if (o.Options is not null) json["options"] = o.Options(store);
        // WooCommerce leaves the tip out of settings that have no help text (display choices).
        if ((o.Tip ?? o.Description) is { Length: > 0 } tip) json["tip"] = tip;
        json["value"] = o.Get(store);
        if (withGroup) json["group_id"] = group;
        var render = c.Render();
        json["_links"] = render.Links($"{render.Api}/settings/{group}/{o.Id}", $"{render.Api}/settings/{group}", allow: ["GET", "POST", "PUT", "PATCH"]);
        return json;
    }
}
