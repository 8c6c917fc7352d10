using System.Globalization;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;
using static WooCommerce.Emulator.Rest.TaxonomyApi;

namespace WooCommerce.Emulator.Rest;

/// <summary>Coupons, taxes, gateways, shipping and the read-only store information endpoints.</summary>
public static class StoreConfigApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/coupons", (HttpContext c) => Locked(c, store =>
        {
            IEnumerable<Coupon> q = store.Coupons.Where(x => x.Status != "trash");
            if (c.Param("code") is string code) q = q.Where(x => x.Code.Equals(code, StringComparison.OrdinalIgnoreCase));
            var render = c.Render();
            return c.Page(c.Ordered(q, by => by switch { "date" => x => (x.CreatedUtc, x.Id), "id" => x => x.Id, "title" => x => x.Code, _ => null }, "date").ToList(), render.CouponJson);
        }));
        api.MapGet("/coupons/{id:int}", (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().CouponJson(store.Coupons.FirstOrDefault(x => x.Id == id) ?? throw WooException.InvalidId("woocommerce_rest_shop_coupon_invalid_id")))));
        api.MapPost("/coupons", async (HttpContext c) =>
        {
            var body = await c.BodyAsync();
            return Locked(c, store =>
            {
                var code = body["code"].Str().ToLowerInvariant();
                if (code.Length == 0) throw WooException.Of("rest_missing_callback_param", "Missing parameter(s): code", 400);
                if (store.Coupons.Any(x => x.Code == code))
                    throw WooException.Of("woocommerce_rest_coupon_code_already_exists", "The coupon code already exists", 400);
                var now = c.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                var coupon = new Coupon
                {
                    Id = store.TakePostId(), Code = code, Amount = body["amount"].Money() ?? 0, DiscountType = body["discount_type"]?.Str() ?? "fixed_cart",
                    Description = body["description"].Str(), CreatedUtc = now, ModifiedUtc = now,
                };
                store.Coupons.Add(coupon);
                return Http.Json(c.Render().CouponJson(coupon), 201);
            });
        });

        api.MapGet("/taxes", (HttpContext c) => Locked(c, store =>
        {
            IEnumerable<TaxRate> q = store.TaxRates;
            if (c.Param("class") is string cls) q = q.Where(r => r.Class == cls);
            var render = c.Render();
            return c.Page(q.OrderBy(r => r.Order).ThenBy(r => r.Id).ToList(), render.TaxRateJson);
        }));
        api.MapGet("/taxes/{id:int}", (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().TaxRateJson(store.TaxRates.FirstOrDefault(r => r.Id == id) ?? throw WooException.Of("woocommerce_rest_invalid_id", "Invalid resource ID.", 404)))));
        api.MapGet("/taxes/classes", (HttpContext c) => Locked(c, store =>
        {
            var render = c.Render();
            return c.All(store.TaxClasses, render.TaxClassJson);
        }));

        api.MapGet("/payment_gateways", (HttpContext c) => Locked(c, store => c.All(store.Gateways.OrderBy(g => g.Order).ToList(), g => Gateway(c, g))));
        api.MapGet("/payment_gateways/{id}", (HttpContext c, string id) => Locked(c, store =>
            Http.Json(Gateway(c, store.Gateways.FirstOrDefault(g => g.Id == id) ?? throw WooException.Of("woocommerce_rest_payment_gateway_invalid", "Resource does not exist.", 404)))));

        api.MapGet("/shipping_methods", (HttpContext c) => Locked(c, store => c.All(store.ShippingMethods, m => new JsonObject
        {
            ["id"] = m.Id,
            ["title"] = m.Title,
            ["description"] = m.Description,
            ["_links"] = c.Render().Links($"{c.Render().Api}/shipping_methods/{m.Id}", $"{c.Render().Api}/shipping_methods", allow: ["GET"]),
        })));
        api.MapGet("/shipping/zones", (HttpContext c) => Locked(c, store => c.All(store.ShippingZones.OrderBy(z => z.Order).ToList(), z => Zone(c, z))));
        api.MapGet("/shipping/zones/{id:int}", (HttpContext c, int id) => Locked(c, store => Http.Json(Zone(c, FindZone(store, id)))));
        api.MapGet("/shipping/zones/{id:int}/locations", (HttpContext c, int id) => Locked(c, store =>
        {
            var zone = FindZone(store, id);
            var api = c.Render().Api;
            return c.All(zone.Locations, l => new JsonObject
            {
                ["code"] = l.Code,
                ["type"] = l.Type,
                ["_links"] = new JsonObject
                {
                    ["collection"] = new JsonArray(new JsonObject { ["href"] = $"{api}/shipping/zones/{id}/locations" }),
                    ["describes"] = new JsonArray(new JsonObject { ["href"] = $"{api}/shipping/zones/{id}" }),
                },
            });
        }));
        api.MapGet("/shipping/zones/{id:int}/methods", (HttpContext c, int id) => Locked(c, store =>
        {
            var zone = FindZone(store, id);
            return c.All(zone.Methods, m => ZoneMethod(c, store, zone, m));
        }));

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

    private static ShippingZone FindZone(Store store, int id) =>
        store.ShippingZones.FirstOrDefault(z => z.Id == id) ?? throw WooException.Of("woocommerce_rest_shipping_zone_invalid", "Resource does not exist.", 404);

    private static JsonObject Zone(HttpContext c, ShippingZone z)
    {
        var render = c.Render();
        var links = render.Links($"{render.Api}/shipping/zones/{z.Id}", $"{render.Api}/shipping/zones");
        links["describedby"] = new JsonArray(new JsonObject { ["href"] = $"{render.Api}/shipping/zones/{z.Id}/locations" });
        return new JsonObject { ["id"] = z.Id, ["name"] = z.Name, ["order"] = z.Order, ["_links"] = links };
    }

    /// <summary>A settings field as WooCommerce renders it for gateways and shipping methods.</summary>
    public static JsonObject Field(string id, string label, string type, string value, string @default = "", string description = "", JsonObject? options = null)
    {
        var field = new JsonObject
        {
            ["id"] = id, ["label"] = label, ["description"] = description, ["type"] = type, ["value"] = value,
            ["default"] = @default, ["tip"] = description, ["placeholder"] = "",
        };
        if (options is not null) field["options"] = options;
        return field;
    }

    private static JsonObject ZoneMethod(HttpContext c, Store store, ShippingZone zone, ShippingZoneMethod m)
    {
        var render = c.Render();
        var title = store.ShippingMethods.FirstOrDefault(x => x.Id == m.MethodId)?.Title ?? m.Title;
        var settings = new JsonObject
        {
            ["title"] = Field("title", "Name", "text", m.Title, title),
            ["tax_status"] = Field("tax_status", "Tax status", "select", "taxable", "taxable", options: new JsonObject { ["taxable"] = "Taxable", ["none"] = "None" }),
            ["cost"] = Field("cost", "Cost", "text", m.Cost.ToString("F2", CultureInfo.InvariantCulture)),
        };
        var links = render.Links($"{render.Api}/shipping/zones/{zone.Id}/methods/{m.InstanceId}", $"{render.Api}/shipping/zones/{zone.Id}/methods");
        links["describes"] = new JsonArray(new JsonObject { ["href"] = $"{render.Api}/shipping/zones/{zone.Id}" });
        return new JsonObject
        {
            ["id"] = m.InstanceId,
            ["instance_id"] = m.InstanceId,
            ["title"] = m.Title,
            ["order"] = m.Order,
            ["enabled"] = m.Enabled,
            ["method_id"] = m.MethodId,
            ["method_title"] = title,
            ["method_description"] = $"<p>{store.ShippingMethods.FirstOrDefault(x => x.Id == m.MethodId)?.Description}</p>\n",
            ["settings"] = settings,
            ["_links"] = links,
        };
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
                ["instructions"] = Field("instructions", "Instructions", "textarea", "", "", "Instructions that will be added to the thank you page and emails."),
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
