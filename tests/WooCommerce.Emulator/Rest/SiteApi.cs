using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing.Patterns;
using WooCommerce.Emulator.Model;
using static WooCommerce.Emulator.Rest.TaxonomyApi;

namespace WooCommerce.Emulator.Rest;

/// <summary>Route indexes and the system status report, all derived from the emulator's own state.</summary>
public static class SiteApi
{
    public const string Namespace = "wc/v3";

    public static void Map(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        api.MapGet("/", NamespaceIndex).WithMetadata(new PublicEndpoint());
        app.MapGet("/wp-json", RootIndex).WithMetadata(new PublicEndpoint());

        api.MapGet("/system_status", (HttpContext c) => Locked(c, store => Http.Json(SystemStatus(c, store))));
    }

    private static readonly string[] WooCommerceTables =
    [
        "wp_woocommerce_sessions", "wp_woocommerce_api_keys", "wp_woocommerce_attribute_taxonomies", "wp_woocommerce_downloadable_product_permissions",
        "wp_woocommerce_order_items", "wp_woocommerce_order_itemmeta", "wp_woocommerce_tax_rates", "wp_woocommerce_tax_rate_locations",
        "wp_woocommerce_shipping_zones", "wp_woocommerce_shipping_zone_locations", "wp_woocommerce_shipping_zone_methods",
        "wp_woocommerce_payment_tokens", "wp_woocommerce_payment_tokenmeta", "wp_woocommerce_log",
    ];

    private static readonly string[] OtherTables =
    [
        "wp_actionscheduler_actions", "wp_options", "wp_posts", "wp_postmeta", "wp_users", "wp_usermeta", "wp_wc_orders", "wp_wc_orders_meta",
        "wp_wc_order_addresses", "wp_wc_order_operational_data", "wp_wc_product_meta_lookup", "wp_wc_tax_rate_classes", "wp_wc_webhooks",
    ];

    /// <summary>Each table as WooCommerce reports it: sizes in MB as strings with two decimals, and the engine.</summary>
    private static JsonObject Tables(string[] names) => new([.. names.Select(n => KeyValuePair.Create(n,
        (JsonNode?)new JsonObject { ["data"] = "0.02", ["index"] = "0.02", ["engine"] = "InnoDB" }))]);

    private static JsonObject SystemStatus(HttpContext c, Store store)
    {
        var s = store.Settings;
        var origin = c.Origin();
        var plugin = new JsonObject
        {
            ["plugin"] = "woocommerce/woocommerce.php", ["name"] = "WooCommerce", ["version"] = s.WooCommerceVersion, ["version_latest"] = s.WooCommerceVersion,
            ["url"] = "https://woocommerce.com/", ["author_name"] = "Automattic", ["author_url"] = "https://woocommerce.com", ["network_activated"] = false,
        };
        static JsonObject Page(string name, string id, string shortcode) => new()
        {
            ["page_name"] = name, ["page_id"] = id, ["page_set"] = true, ["page_exists"] = true, ["page_visible"] = true, ["shortcode"] = shortcode, ["block"] = "",
            ["shortcode_required"] = shortcode.Length > 0, ["shortcode_present"] = shortcode.Length > 0, ["block_present"] = false, ["block_required"] = false,
        };
        static JsonObject Count(string type, int n) => new() { ["type"] = type, ["count"] = n.ToString(CultureInfo.InvariantCulture) };
        return new JsonObject
        {
            ["environment"] = new JsonObject
            {
                ["home_url"] = origin, ["site_url"] = origin, ["store_id"] = "00000000-0000-4000-8000-000000000000", ["version"] = s.WooCommerceVersion,
                ["log_directory"] = "/emulator/wc-logs/", ["log_directory_writable"] = false, ["wp_version"] = s.WordPressVersion, ["wp_multisite"] = false,
                ["wp_memory_limit"] = 268435456, ["wp_debug_mode"] = false, ["wp_cron"] = true, ["wp_environment_type"] = "local", ["language"] = "en_US",
                ["external_object_cache"] = null, ["server_info"] = "WooCommerce.Emulator (Kestrel)", ["server_architecture"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                ["php_version"] = "n/a", ["php_post_max_size"] = 67108864, ["php_max_execution_time"] = 300, ["php_max_input_vars"] = 1000,
                ["curl_version"] = "n/a", ["suhosin_installed"] = false, ["max_upload_size"] = 67108864, ["mysql_version"] = "in-memory",
                ["mysql_version_string"] = "in-memory", ["default_timezone"] = "UTC", ["fsockopen_or_curl_enabled"] = true, ["soapclient_enabled"] = false,
                ["domdocument_enabled"] = true, ["gzip_enabled"] = true, ["mbstring_enabled"] = true, ["remote_post_successful"] = false,
                ["remote_post_response"] = false, ["remote_get_successful"] = false, ["remote_get_response"] = false,
            },
            ["database"] = new JsonObject
            {
                ["wc_database_version"] = s.WooCommerceVersion, ["database_prefix"] = "wp_", ["maxmind_geoip_database"] = "",
                ["database_tables"] = new JsonObject { ["woocommerce"] = Tables(WooCommerceTables), ["other"] = Tables(OtherTables) },
                ["database_size"] = new JsonObject { ["data"] = 0.5, ["index"] = 0.25 },
            },
            ["active_plugins"] = new JsonArray(plugin),
            ["inactive_plugins"] = new JsonArray(),
            ["dropins_mu_plugins"] = new JsonObject { ["dropins"] = new JsonArray(), ["mu_plugins"] = new JsonArray() },
            ["theme"] = new JsonObject
            {
                ["name"] = "Twenty Twenty-Five", ["version"] = "1.5", ["version_latest"] = 0, ["author_url"] = "https://wordpress.org", ["is_child_theme"] = false,
                ["is_block_theme"] = true, ["has_woocommerce_support"] = false, ["has_woocommerce_file"] = false, ["has_outdated_templates"] = false,
                ["overrides"] = new JsonArray(), ["parent_name"] = "", ["parent_version"] = "", ["parent_version_latest"] = "", ["parent_author_url"] = "",
            },
            ["settings"] = new JsonObject
            {
                ["api_enabled"] = false, ["force_ssl"] = false, ["currency"] = s.Currency, ["currency_symbol"] = s.CurrencySymbol, ["currency_position"] = s.CurrencyPosition,
                ["thousand_separator"] = ",", ["decimal_separator"] = ".", ["number_of_decimals"] = s.PriceDecimals, ["geolocation_enabled"] = false,
                ["taxonomies"] = new JsonObject { ["external"] = "external", ["grouped"] = "grouped", ["simple"] = "simple", ["variable"] = "variable" },
                ["product_visibility_terms"] = new JsonObject([.. new[] { "exclude-from-catalog", "exclude-from-search", "featured", "outofstock", "rated-1", "rated-2", "rated-3", "rated-4", "rated-5" }.Select(t => KeyValuePair.Create(t, (JsonNode?)t))]),
                ["woocommerce_com_connected"] = "no", ["enforce_approved_download_dirs"] = true,
                ["order_datastore"] = "Automattic\\WooCommerce\\Internal\\DataStores\\Orders\\OrdersTableDataStore", ["HPOS_enabled"] = true, ["HPOS_sync_enabled"] = false,
                ["enabled_features"] = Render.Strings(["custom_order_tables"]),
            },
            ["security"] = new JsonObject { ["secure_connection"] = c.Request.IsHttps, ["hide_errors"] = true },
            ["pages"] = new JsonArray(Page("Shop base", "5", ""), Page("Cart", "6", "[woocommerce_cart]"), Page("Checkout", "7", "[woocommerce_checkout]"), Page("My account", "8", "[woocommerce_my_account]")),
            ["post_type_counts"] = new JsonArray(
                Count("product", store.Products.Count(p => !p.IsVariation)), Count("product_variation", store.Products.Count(p => p.IsVariation)),
                Count("shop_coupon", store.Coupons.Count), Count("shop_order_placehold", store.Orders.Count + store.Refunds.Count)),
            ["logging"] = new JsonObject
            {
                ["logging_enabled"] = false, ["default_handler"] = "Automattic\\WooCommerce\\Internal\\Admin\\Logging\\LogHandlerFileV2",
                ["retention_period_days"] = 30, ["level_threshold"] = "", ["log_directory_size"] = "0 B",
            },
        };
    }

    /// <summary>The emulator's own routes, listed in WordPress's regex route syntax.</summary>
    private static JsonObject Routes(HttpContext c, string prefix)
    {
        var sources = c.RequestServices.GetRequiredService<EndpointDataSource>();
        var routes = new JsonObject();
        var grouped = sources.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(prefix, StringComparison.Ordinal) == true)
            .GroupBy(e => WordPressRoute(e.RoutePattern))
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var route in grouped)
        {
            var endpoints = route.Select(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).ToList()).Where(m => m.Count > 0).ToList();
            var json = new JsonObject
            {
                ["namespace"] = Namespace,
                ["methods"] = Render.Strings(endpoints.SelectMany(m => m).Distinct()),
                ["endpoints"] = new JsonArray([.. endpoints.Select(m => (JsonNode)new JsonObject
                {
                    ["methods"] = Render.Strings(m),
                    ["args"] = route.Key == "/" + Namespace ? NamespaceArgs() : new JsonObject
                    {
                        ["context"] = new JsonObject
                        {
                            ["description"] = "Scope under which the request is made; determines fields present in response.",
                            ["type"] = "string", ["enum"] = Render.Strings(["view", "edit"]), ["default"] = "view", ["required"] = false,
                        },
                    },
                })]),
            };
            if (!route.Key.Contains('(', StringComparison.Ordinal))
                json["_links"] = new JsonObject { ["self"] = new JsonArray(new JsonObject { ["href"] = c.Origin() + "/wp-json" + route.Key }) };
            routes[route.Key] = json;
        }
        return routes;
    }

    private static JsonObject NamespaceArgs() => new()
    {
        ["namespace"] = new JsonObject { ["default"] = Namespace, ["required"] = false },
        ["context"] = new JsonObject { ["default"] = "view", ["required"] = false },
    };

    private static string WordPressRoute(RoutePattern pattern)
    {
        var parts = pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart l => l.Content,
            RoutePatternParameterPart prm => prm.ParameterPolicies.Any(x => x.Content == "int") ? $"(?P<{prm.Name}>[\\d]+)" : $"(?P<{prm.Name}>[\\w-]+)",
            _ => "",
        })));
        var path = "/" + string.Join("/", parts);
        return path.StartsWith("/wp-json", StringComparison.Ordinal) ? path["/wp-json".Length..] : path;
    }

    private static IResult NamespaceIndex(HttpContext c)
    {
        var routes = Routes(c, "/wp-json/wc/v3");
        return Http.Json(new JsonObject
        {
            ["namespace"] = Namespace,
            ["routes"] = routes,
            ["_links"] = new JsonObject { ["up"] = new JsonArray(new JsonObject { ["href"] = c.Origin() + "/wp-json/" }) },
        });
    }

    private static IResult RootIndex(HttpContext c)
    {
        var store = c.Store();
        lock (store.Sync)
        {
            var s = store.Settings;
            var clock = c.RequestServices.GetRequiredService<TimeProvider>();
            var origin = c.Origin();
            return Http.Json(new JsonObject
            {
                ["name"] = s.Name,
                ["description"] = s.Description,
                ["url"] = origin,
                ["home"] = origin,
                ["gmt_offset"] = JsonValue.Create(s.CurrentGmtOffset(clock.GetUtcNow().UtcDateTime)),
                ["timezone_string"] = s.TimezoneString,
                ["namespaces"] = Render.Strings(s.WooCommerceActive ? ["oembed/1.0", "wc/store/v1", "wc/v1", "wc/v2", "wc/v3", "wc-auth/v1", "wp/v2"] : ["oembed/1.0", "wp/v2"]),
                ["authentication"] = new JsonObject(),
                ["routes"] = s.WooCommerceActive ? Routes(c, "/wp-json/wc/v3") : new JsonObject(),
                ["site_logo"] = 0,
                ["site_icon"] = 0,
                ["site_icon_url"] = "",
                ["_links"] = new JsonObject { ["help"] = new JsonArray(new JsonObject { ["href"] = "https://developer.wordpress.org/rest-api/" }) },
            });
        }
    }
}

/// <summary>Marks an endpoint that answers without credentials, like the WordPress route indexes.</summary>
public sealed class PublicEndpoint;
