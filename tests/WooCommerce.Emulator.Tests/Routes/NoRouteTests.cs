using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Routes;

/// <summary>A route or method the store does not have answers as WordPress answers an unknown route.</summary>
public sealed class NoRouteTests(EmulatorFixture fx) : SeededStoreTests(fx)
{
    [Theory]
    [InlineData("GET", "/foobars")]
    [InlineData("DELETE", "/payment_gateways/bacs")]
    [InlineData("POST", "/shipping_methods/flat_rate")]
    [InlineData("GET", "/taxes/not-a-number")]
    [InlineData("PUT", "/taxes/classes/reduced-rate")]
    [InlineData("DELETE", "/settings/general/woocommerce_currency")]
    [InlineData("POST", "/shipping/zones/1/locations/US")]
    public async Task UnknownRouteOrMethod_ThenRestNoRouteAsTheCapture(string method, string path)
    {
        var answer = await Fx.OAuthAsync(new HttpMethod(method), path);
        answer.ShouldBeError(404, "rest_no_route", "No route was found matching the URL and request method.");
        var captured = Fixtures.Load("error_404_unknown_route.json")!;
        answer.Body!.ToJsonString().ShouldBe(captured.ToJsonString());
    }
}
