using System.Net;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Routes;

/// <summary>Shipping zones, their locations and methods written as a shop owner's tool writes them.</summary>
public sealed class ShippingRouteTests(EmulatorFixture fx) : SeededStoreTests(fx)
{
    [Fact]
    public async Task Zone_CreateLocateAddMethodDelete_ThenCapturedAnswers()
    {
        var created = await Fx.OAuthAsync(HttpMethod.Post, "/shipping/zones", """{"name":"Fixture Zone","order":9}""");
        created.ShouldMatchCapture("shipping_zones_create");
        var id = created.Body!["id"]!.GetValue<int>();
        created.Body["name"]!.GetValue<string>().ShouldBe("Fixture Zone");

        var located = await Fx.OAuthAsync(HttpMethod.Put, $"/shipping/zones/{id}/locations", """[{"code":"AU","type":"country"},{"code":"NZ","type":"country"},{"type":"country"},{"code":"X","type":"planet"}]""");
        located.ShouldMatchCapture("shipping_zones_locations_update");
        located.Body!.AsArray().Select(l => l!["code"]!.GetValue<string>()).ShouldBe(["AU", "NZ"]);
        (await Fx.BasicAsync(HttpMethod.Get, $"/shipping/zones/{id}/locations")).Body!.AsArray().Count.ShouldBe(2);

        var method = await Fx.BasicAsync(HttpMethod.Post, $"/shipping/zones/{id}/methods", """{"method_id":"flat_rate","settings":{"cost":"12.00"}}""");
        method.ShouldMatchCapture("shipping_zones_methods_create");
        method.Body!["settings"]!["cost"]!["value"]!.GetValue<string>().ShouldBe("12.00");
        method.Body["order"]!.GetValue<int>().ShouldBe(1);
        var instance = method.Body["instance_id"]!.GetValue<int>();

        var (_, updated) = await Fx.OAuthAsync(HttpMethod.Put, $"/shipping/zones/{id}/methods/{instance}", """{"enabled":false,"order":4,"settings":{"title":"Courier","tax_status":"none"}}""");
        updated!["enabled"]!.GetValue<bool>().ShouldBeFalse();
        updated["title"]!.GetValue<string>().ShouldBe("Courier");
        updated["settings"]!["tax_status"]!["value"]!.GetValue<string>().ShouldBe("none");
        updated["order"]!.GetValue<int>().ShouldBe(4);

        (await Fx.BasicAsync(HttpMethod.Delete, $"/shipping/zones/{id}/methods/{instance}")).ShouldBeError(501, "rest_trash_not_supported", "Shipping methods do not support trashing.");
        (await Fx.BasicAsync(HttpMethod.Delete, $"/shipping/zones/{id}/methods/{instance}", """{"force":true}""")).Status.ShouldBe(HttpStatusCode.OK);
        (await Fx.BasicAsync(HttpMethod.Get, $"/shipping/zones/{id}/methods/{instance}")).ShouldBeError(404, "woocommerce_rest_shipping_zone_method_invalid", "Resource does not exist.");

        var renamed = await Fx.BasicAsync(HttpMethod.Put, $"/shipping/zones/{id}", """{"name":"Oceania"}""");
        renamed.Body!["name"]!.GetValue<string>().ShouldBe("Oceania");
        renamed.Body["order"]!.GetValue<int>().ShouldBe(9);

        (await Fx.BasicAsync(HttpMethod.Delete, $"/shipping/zones/{id}")).ShouldBeError(501, "rest_trash_not_supported", "Shipping zones do not support trashing.");
        var deleted = await Fx.BasicAsync(HttpMethod.Delete, $"/shipping/zones/{id}?force=true");
        deleted.ShouldMatchCapture("shipping_zones_delete");
        (await Fx.BasicAsync(HttpMethod.Get, $"/shipping/zones/{id}")).ShouldBeError(404, "woocommerce_rest_shipping_zone_invalid", "Resource does not exist.");
    }

    [Fact]
    public async Task RestOfTheWorldZone_ThenItsNameAndLocationsCannotChange()
    {
        (await Fx.BasicAsync(HttpMethod.Put, "/shipping/zones/0", """{"name":"Everywhere"}"""))
            .ShouldBeError(403, "woocommerce_rest_shipping_zone_invalid_zone", "The \"locations not covered by your other zones\" zone cannot be updated.");
        (await Fx.BasicAsync(HttpMethod.Put, "/shipping/zones/0/locations", """[{"code":"FR"}]"""))
            .ShouldBeError(403, "woocommerce_rest_shipping_zone_locations_invalid_zone", "The \"locations not covered by your other zones\" zone cannot be updated.");
        var (_, zones) = await Fx.BasicAsync(HttpMethod.Get, "/shipping/zones");
        zones!.AsArray()[0]!["id"]!.GetValue<int>().ShouldBe(0);
        zones[0]!["name"]!.GetValue<string>().ShouldBe("Locations not covered by your other zones");
    }

    [Fact]
    public async Task ZoneMethod_InvalidRequests_ThenWooCommerceErrorsAndNothingAdded()
    {
        var missing = await Fx.BasicAsync(HttpMethod.Post, "/shipping/zones/1/methods", """{"settings":{"cost":"1"}}""");
        missing.ShouldBeError(400, "rest_missing_callback_param", "Missing parameter(s): method_id");
        (await Fx.BasicAsync(HttpMethod.Post, "/shipping/zones/1/methods", """{"method_id":"teleport"}""")).ShouldBeError(500, "woocommerce_rest_shipping_zone_not_created", "Resource cannot be created.");
        (await Fx.BasicAsync(HttpMethod.Post, "/shipping/zones/99/methods", """{"method_id":"flat_rate"}""")).ShouldBeError(404, "woocommerce_rest_shipping_zone_invalid", "Resource does not exist.");
        (await Fx.BasicAsync(HttpMethod.Put, "/shipping/zones/1/methods/1", """{"settings":{"tax_status":"sometimes"}}""")).ShouldBeError(400, "rest_setting_value_invalid", "An invalid setting value was passed.");
        var (_, methods) = await Fx.BasicAsync(HttpMethod.Get, "/shipping/zones/1/methods");
        methods!.AsArray().Count.ShouldBe(3);
        methods[0]!["settings"]!["tax_status"]!["value"]!.GetValue<string>().ShouldBe("taxable");
    }

    [Fact]
    public async Task ShippingMethodType_ReadOne_ThenCapturedAnswer_UnknownThen404()
    {
        var flat = await Fx.OAuthAsync(HttpMethod.Get, "/shipping_methods/flat_rate");
        flat.ShouldMatchCapture("shipping_methods_single");
        flat.Body!["title"]!.GetValue<string>().ShouldBe("Flat rate");
        (await Fx.BasicAsync(HttpMethod.Get, "/shipping_methods/teleport")).ShouldBeError(404, "woocommerce_rest_shipping_method_invalid", "Resource does not exist.");
    }
}
