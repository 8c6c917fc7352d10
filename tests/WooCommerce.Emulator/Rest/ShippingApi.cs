using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;
using static WooCommerce.Emulator.Rest.TaxonomyApi;

namespace WooCommerce.Emulator.Rest;

/// <summary>Shipping method types, zones, zone locations and zone methods, as WooCommerce's v3 controllers.</summary>
public static class ShippingApi
{
    private static readonly string[] LocationTypes = ["postcode", "state", "country", "continent"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/shipping_methods", (HttpContext c) => Locked(c, store => c.All(store.ShippingMethods, m => MethodType(c, m))));
        api.MapGet("/shipping_methods/{id}", (HttpContext c, string id) => Locked(c, store => Http.Json(MethodType(c,
            store.ShippingMethods.FirstOrDefault(m => m.Id == id) ?? throw WooException.Of("woocommerce_rest_shipping_method_invalid", "Resource does not exist.", 404)))));

        api.MapGet("/shipping/zones", (HttpContext c) => Locked(c, store =>
            c.All(store.ShippingZones.OrderBy(z => z.Id != 0).ThenBy(z => z.Order).ThenBy(z => z.Id).ToList(), z => Zone(c, z))));
        api.MapGet("/shipping/zones/{id:int}", (HttpContext c, int id) => Locked(c, store => Http.Json(Zone(c, FindZone(store, id)))));
        api.MapPost("/shipping/zones", (HttpContext c) => Locked(c, store =>
        {
            var body = c.Params().Body;
            var name = Args.String(body, "name");
            var order = Args.Int(body, "order");
            var zone = new ShippingZone { Id = store.ShippingZones.Select(z => z.Id).DefaultIfEmpty(0).Max() + 1, Name = name?.Trim() ?? "", Order = order ?? 0 };
            store.ShippingZones.Add(zone);
            return Args.Created(c, Zone(c, zone), $"/shipping/zones/{zone.Id}");
        }));
        api.MapMethods("/shipping/zones/{id:int}", ["POST", "PUT", "PATCH"], (HttpContext c, int id) => Locked(c, store =>
        {
            var zone = FindZone(store, id);
            if (zone.Id == 0)
                throw WooException.Of("woocommerce_rest_shipping_zone_invalid_zone", "The \"locations not covered by your other zones\" zone cannot be updated.", 403);
            var body = c.Params().Body;
            var name = Args.String(body, "name");
            var order = Args.Int(body, "order");
            if (name is not null) zone.Name = name.Trim();
            if (order is int o) zone.Order = o;
            return Http.Json(Zone(c, zone));
        }));
        api.MapDelete("/shipping/zones/{id:int}", (HttpContext c, int id) => Locked(c, store =>
        {
            var zone = FindZone(store, id);
            if (!c.ParamBool("force")) throw WooException.Of("rest_trash_not_supported", "Shipping zones do not support trashing.", 501);
            var json = Zone(c, zone);
            // The "locations not covered" zone always exists; deleting it only drops its methods.
            if (zone.Id == 0) zone.Methods.Clear();
            else store.ShippingZones.Remove(zone);
            return Http.Json(json);
        }));

        api.MapGet("/shipping/zones/{id:int}/locations", (HttpContext c, int id) => Locked(c, store =>
        {
            var zone = FindZone(store, id);
            return c.All(zone.Locations, l => Location(c, zone, l));
        }));
        api.MapMethods("/shipping/zones/{id:int}/locations", ["POST", "PUT", "PATCH"], async (HttpContext c, int id) =>
        {
            // The body is a JSON array of {code, type}, which the object-shaped parameters cannot hold.
            c.Request.Body.Position = 0;
            using var reader = new StreamReader(c.Request.Body, leaveOpen: true);
            var text = await reader.ReadToEndAsync();
            return Locked(c, store =>
            {
                var zone = FindZone(store, id);
                if (zone.Id == 0)
                    throw WooException.Of("woocommerce_rest_shipping_zone_locations_invalid_zone", "The \"locations not covered by your other zones\" zone cannot be updated.", 403);
                zone.Locations = [.. Locations(text)];
                return c.All(zone.Locations, l => Location(c, zone, l));
            });
        });

        api.MapGet("/shipping/zones/{id:int}/methods", (HttpContext c, int id) => Locked(c, store =>
        {
            var zone = FindZone(store, id);
            return c.All(zone.Methods.OrderBy(m => m.Order).ThenBy(m => m.InstanceId).ToList(), m => ZoneMethod(c, store, zone, m));
        }));
        api.MapGet("/shipping/zones/{id:int}/methods/{instance:int}", (HttpContext c, int id, int instance) => Locked(c, store =>
        {
            var zone = FindZone(store, id);
            return Http.Json(ZoneMethod(c, store, zone, FindMethod(zone, instance)));
        }));
        // WooCommerce answers a created zone method with 200, not 201.
        api.MapPost("/shipping/zones/{id:int}/methods", (HttpContext c, int id) => Locked(c, store =>
        {
            var body = c.Params().Body;
            var methodId = Args.String(body, "method_id") ?? throw WooException.Missing("method_id");
            var zone = FindZone(store, id);
            var type = store.ShippingMethods.FirstOrDefault(m => m.Id == methodId)
                ?? throw WooException.Of("woocommerce_rest_shipping_zone_not_created", "Resource cannot be created.", 500);
            var method = new ShippingZoneMethod
            {
                InstanceId = store.ShippingZones.SelectMany(z => z.Methods).Select(m => m.InstanceId).DefaultIfEmpty(0).Max() + 1,
                MethodId = type.Id, Title = type.Title, Order = zone.Methods.Count + 1,
            };
            UpdateMethod(method, body);
            zone.Methods.Add(method);
            return Http.Json(ZoneMethod(c, store, zone, method));
        }));
        api.MapMethods("/shipping/zones/{id:int}/methods/{instance:int}", ["POST", "PUT", "PATCH"], (HttpContext c, int id, int instance) => Locked(c, store =>
        {
            var zone = FindZone(store, id);
            var method = FindMethod(zone, instance);
            UpdateMethod(method, c.Params().Body);
            return Http.Json(ZoneMethod(c, store, zone, method));
        }));
        api.MapDelete("/shipping/zones/{id:int}/methods/{instance:int}", (HttpContext c, int id, int instance) => Locked(c, store =>
        {
            var zone = FindZone(store, id);
            var method = FindMethod(zone, instance);
            UpdateMethod(method, c.Params().Body);
            if (!c.ParamBool("force")) throw WooException.Of("rest_trash_not_supported", "Shipping methods do not support trashing.", 501);
            var json = ZoneMethod(c, store, zone, method);
            zone.Methods.Remove(method);
            return Http.Json(json);
        }));
    }

    private static ShippingZone FindZone(Store store, int id) =>
        store.ShippingZones.FirstOrDefault(z => z.Id == id) ?? throw WooException.Of("woocommerce_rest_shipping_zone_invalid", "Resource does not exist.", 404);

    private static ShippingZoneMethod FindMethod(ShippingZone zone, int instance) =>
        zone.Methods.FirstOrDefault(m => m.InstanceId == instance) ?? throw WooException.Of("woocommerce_rest_shipping_zone_method_invalid", "Resource does not exist.", 404);

    /// <summary>The locations of a PUT body: entries without a code or with an unknown type are skipped, the type defaults to country.</summary>
    private static IEnumerable<(string Code, string Type)> Locations(string text)
    {
        JsonNode? json;
        try
        {
            json = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw WooException.Of("rest_invalid_json", "Invalid JSON body passed.", 400);
        }
        var entries = json switch { JsonArray a => a.AsEnumerable(), JsonObject o => o.Select(kv => kv.Value), _ => [] };
        foreach (var entry in entries.OfType<JsonObject>())
        {
            var code = entry["code"].Str().Trim();
            var type = entry["type"].Str() is { Length: > 0 } t ? t.Trim() : "country";
            if (code.Length > 0 && LocationTypes.Contains(type)) yield return (code, type);
        }
    }

    /// <summary>update_fields of the zone methods controller: settings (validated first), order, enabled.</summary>
    private static void UpdateMethod(ShippingZoneMethod method, JsonObject body)
    {
        var order = Args.Int(body, "order");
        var enabled = Args.Bool(body, "enabled");
        if (body["settings"] is JsonObject settings)
        {
            var taxStatus = settings["tax_status"]?.Str();
            if (taxStatus is not null && taxStatus is not ("taxable" or "none"))
                throw WooException.Of("rest_setting_value_invalid", "An invalid setting value was passed.", 400);
            if (settings["title"] is JsonNode title) method.Title = title.Str().Trim();
            if (taxStatus is not null) method.TaxStatus = taxStatus;
            if (settings["cost"] is JsonNode cost)
            {
                method.CostSetting = cost.Str().Trim();
                method.Cost = decimal.TryParse(method.CostSetting, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0m;
            }
        }
        if (order is int o) method.Order = Math.Abs(o);
        if (enabled is bool e) method.Enabled = e;
    }

    private static JsonObject MethodType(HttpContext c, ShippingMethod m)
    {
        var render = c.Render();
        return new JsonObject
        {
            ["id"] = m.Id,
            ["title"] = m.Title,
            ["description"] = m.Description,
            ["_links"] = render.Links($"{render.Api}/shipping_methods/{m.Id}", $"{render.Api}/shipping_methods", allow: ["GET"]),
        };
    }

    private static JsonObject Zone(HttpContext c, ShippingZone z)
    {
        var render = c.Render();
        var links = render.Links($"{render.Api}/shipping/zones/{z.Id}", $"{render.Api}/shipping/zones");
        links["describedby"] = new JsonArray(new JsonObject { ["href"] = $"{render.Api}/shipping/zones/{z.Id}/locations" });
        return new JsonObject { ["id"] = z.Id, ["name"] = z.Name, ["order"] = z.Order, ["_links"] = links };
    }

    private static JsonObject Location(HttpContext c, ShippingZone zone, (string Code, string Type) l)
    {
        var api = c.Render().Api;
        return new JsonObject
        {
            ["code"] = l.Code,
            ["type"] = l.Type,
            ["_links"] = new JsonObject
            {
                ["collection"] = new JsonArray(new JsonObject { ["href"] = $"{api}/shipping/zones/{zone.Id}/locations" }),
                ["describes"] = new JsonArray(new JsonObject { ["href"] = $"{api}/shipping/zones/{zone.Id}" }),
            },
        };
    }

    private const string TitleHelp = "Your customers will see the name of this shipping method during checkout.";
    private const string CostHelp = "Enter a cost (excl. tax) or sum, e.g. <code>10.00 * [qty]</code>.<br/><br/>Use <code>[qty]</code> for the number of items, <br/><code>[cost]</code> for the total cost of items, and <code>[fee percent=\"10\" min_fee=\"20\" max_fee=\"\"]</code> for percentage based fees.";

    private static JsonObject ZoneMethod(HttpContext c, Store store, ShippingZone zone, ShippingZoneMethod m)
    {
        var render = c.Render();
        var type = store.ShippingMethods.FirstOrDefault(x => x.Id == m.MethodId);
        var title = type?.Title ?? m.Title;
        var settings = new JsonObject
        {
            ["title"] = StoreConfigApi.Field("title", "Name", "text", m.Title, title, TitleHelp, placeholder: "e.g. Standard national"),
            ["tax_status"] = StoreConfigApi.Field("tax_status", "Tax status", "select", m.TaxStatus, "taxable", options: new JsonObject { ["taxable"] = "Taxable", ["none"] = "None" }),
            ["cost"] = StoreConfigApi.Field("cost", "Cost", "text", m.CostSetting ?? m.Cost.ToString("F2", CultureInfo.InvariantCulture), description: CostHelp),
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
            ["method_description"] = $"<p>{type?.Description}</p>\n",
            ["settings"] = settings,
            ["_links"] = links,
        };
    }
}
