using System.Text.RegularExpressions;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Routes;

/// <summary>The Allow and Location headers of the new routes, as the captured store sent them.</summary>
public sealed class RouteHeadersTests(EmulatorFixture fx) : SeededStoreTests(fx)
{
    private static string? CapturedHeader(string capture, string name) =>
        Fixtures.Load($"captures-2/{capture}.meta.json")!["response"]!["headers"]!.AsArray()
            .Select(h => h!.AsArray()).Where(h => h[0]!.GetValue<string>() == name).Select(h => h[1]!.GetValue<string>()).SingleOrDefault();

    [Theory]
    [InlineData("POST", "/taxes/classes", """{"name":"Fixture Class"}""", "taxes_classes_create")]
    [InlineData("GET", "/taxes/classes/reduced-rate", null, "taxes_classes_single")]
    [InlineData("POST", "/taxes", """{"country":"US","state":"WA","rate":"6.5"}""", "taxes_create_rate")]
    [InlineData("PUT", "/taxes/3", """{"name":"NYC"}""", "taxes_update_rate")]
    [InlineData("POST", "/taxes/batch", """{"create":[]}""", "taxes_batch")]
    [InlineData("POST", "/shipping/zones", """{"name":"Fixture Zone","order":9}""", "shipping_zones_create")]
    [InlineData("PUT", "/shipping/zones/1/locations", """[{"code":"US"}]""", "shipping_zones_locations_update")]
    [InlineData("POST", "/shipping/zones/1/methods", """{"method_id":"flat_rate"}""", "shipping_zones_methods_create")]
    [InlineData("GET", "/shipping_methods/flat_rate", null, "shipping_methods_single")]
    [InlineData("PUT", "/payment_gateways/cheque", """{"title":"Cheque"}""", "payment_gateways_update")]
    [InlineData("GET", "/settings/general/woocommerce_currency", null, "settings_general_option")]
    [InlineData("POST", "/settings/general/batch", """{"update":[]}""", "settings_general_batch")]
    [InlineData("PUT", "/coupons/182", """{"amount":"10"}""", "coupons_update")]
    [InlineData("POST", "/webhooks/batch", """{"create":[]}""", "webhooks_batch")]
    public async Task NewRoute_ThenAllowAndLocationAsCaptured(string method, string path, string? json, string capture)
    {
        var (response, body) = await Fx.SendAsync(new HttpMethod(method), path, json);
        using (response)
        {
            ((int)response.StatusCode).ShouldBe(ThirdPartyClient.Capture(capture).Status, body?.ToJsonString());
            string.Join(", ", response.Content.Headers.Allow).ShouldBe(CapturedHeader(capture, "Allow"));
            var location = CapturedHeader(capture, "Location");
            if (location is null)
            {
                response.Headers.Location.ShouldBeNull();
            }
            else
            {
                var expected = Regex.Replace(new Uri(location).AbsolutePath, @"/\d+$", "/" + body!["id"]);
                response.Headers.Location!.AbsolutePath.ShouldBe(expected);
            }
        }
    }
}
