using System.Globalization;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;
using static WooCommerce.Emulator.Rest.TaxonomyApi;

namespace WooCommerce.Emulator.Rest;

/// <summary>Payment gateways and the read-only store information endpoints.</summary>
public static class StoreConfigApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/payment_gateways", (HttpContext c) => Locked(c, store => c.All(store.Gateways.OrderBy(g => g.Order).ToList(), g => Gateway(c, g))));
        api.MapGet("/payment_gateways/{id}", (HttpContext c, string id) => Locked(c, store =>
            Http.Json(Gateway(c, store.Gateways.FirstOrDefault(g => g.Id == id) ?? throw WooException.Of("woocommerce_rest_payment_gateway_invalid", "Resource does not exist.", 404)))));

        api.MapMethods("/payment_gateways/{id}", ["POST", "PUT", "PATCH"], (HttpContext c, string id) => Locked(c, store =>
            Http.Json(Gateway(c, UpdateGateway(store.Gateways.FirstOrDefault(g => g.Id == id) ?? throw WooException.Of("woocommerce_rest_payment_gateway_invalid", "Resource does not exist.", 404), c.Params().Body)))));

        api.MapGet("/products/reviews", (HttpContext c) => c.Page(Array.Empty<JsonObject>(), r => r));
        api.MapGet("/data/currencies/current", (HttpContext c) => Locked(c, store =>
        {
            var render = c.Render();
            var s = store.Settings;
            return Http.Json(new JsonObject
            {
                ["code"] = s.Currency,
                ["name"] = s.CurrencyName,
                ["symbol"] = s.CurrencySymbol,
                ["_links"] = render.Links($"{render.Api}/data/currencies/{s.Currency}", $"{render.Api}/data/currencies", allow: ["GET"]),
            });
        }));
    }

    /// <summary>A settings field as WooCommerce renders it for gateways and shipping methods.</summary>
    public static JsonObject Field(string id, string label, string type, string value, string @default = "", string description = "", JsonObject? options = null, string placeholder = "")
    {
        var field = new JsonObject
        {
            ["id"] = id, ["label"] = label, ["description"] = description, ["type"] = type, ["value"] = value,
            ["default"] = @default, ["tip"] = description, ["placeholder"] = placeholder,
        };
        if (options is not null) field["options"] = options;
        return field;
    }

    /// <summary>
    /// The payment gateways controller's update_item: settings (checked first; a bad value changes nothing), then
    /// enabled, title, description and order.
    /// </summary>
    private static PaymentGateway UpdateGateway(PaymentGateway g, JsonObject body)
    {
        var enabled = Args.Bool(body, "enabled");
        var title = Args.String(body, "title");
        var description = Args.String(body, "description");
        var order = Args.Int(body, "order");
        var settings = body["settings"] as JsonObject ?? [];
        string? Setting(string key) => settings[key] is JsonNode n ? n.Str().Trim() : null;
        var enabledSetting = Setting("enabled");
        if (enabledSetting is not null && enabledSetting is not ("yes" or "no" or ""))
            throw WooException.Of("rest_setting_value_invalid", "An invalid setting value was passed.", 400);
        if (Setting("title") is string t) g.Title = t;
        if (Setting("description") is string d) g.Description = d;
        if (Setting("instructions") is string i) g.Instructions = i;
        if (enabledSetting is { Length: > 0 }) g.Enabled = enabledSetting == "yes";
        if (enabled is bool e) g.Enabled = e;
        if (title is not null) g.Title = title;
        if (description is not null) g.Description = description;
        if (order is int o) g.Order = Math.Abs(o);
        return g;
    }

    private static JsonObject Gateway(HttpContext c, PaymentGateway g)
    {
        var render = c.Render();
        return new JsonObject
        {
            ["id"] = g.Id,
            ["title"] = g.Title,
            ["description"] = g.Description,
            ["order"] = g.Order,
            ["enabled"] = g.Enabled,
            ["method_title"] = g.MethodTitle,
            ["method_description"] = g.MethodDescription,
            ["method_supports"] = Render.Strings(g.SupportsRefunds ? ["products", "refunds"] : ["products"]),
            ["settings"] = new JsonObject
            {
                ["title"] = Field("title", "Title", "safe_text", g.Title, g.MethodTitle, "This controls the title which the user sees during checkout."),
                ["instructions"] = Field("instructions", "Instructions", "textarea", g.Instructions, "", "Instructions that will be added to the thank you page and emails."),
            },
            ["needs_setup"] = false,
            ["post_install_scripts"] = new JsonArray(),
            ["settings_url"] = $"{render.Origin}/wp-admin/admin.php?page=wc-settings&tab=checkout&section={g.Id}",
            ["connection_url"] = null,
            ["setup_help_text"] = null,
            ["required_settings_keys"] = new JsonArray(),
            ["_links"] = render.Links($"{render.Api}/payment_gateways/{g.Id}", $"{render.Api}/payment_gateways", allow: ["GET", "POST", "PUT", "PATCH"]),
        };
    }
}
