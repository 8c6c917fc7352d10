using System.Net;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Routes;

/// <summary>Settings options and payment gateways changed as a shop owner's tool changes them.</summary>
public sealed class SettingsAndGatewayRouteTests(EmulatorFixture fx) : SeededStoreTests(fx)
{
    [Fact]
    public async Task SettingOption_ReadAndPutSameValue_ThenCapturedAnswers()
    {
        (await Fx.OAuthAsync(HttpMethod.Get, "/settings/general/woocommerce_currency")).ShouldMatchCapture("settings_general_option");
        var updated = await Fx.OAuthAsync(HttpMethod.Put, "/settings/general/woocommerce_currency", """{"value":"USD"}""");
        updated.ShouldMatchCapture("settings_general_update");
        updated.Body!["group_id"]!.GetValue<string>().ShouldBe("general");
    }

    [Fact]
    public async Task SettingOption_ChangeCurrency_ThenTheStoreReportsIt()
    {
        var (status, body) = await Fx.BasicAsync(HttpMethod.Put, "/settings/general/woocommerce_currency", """{"value":"EUR"}""");
        status.ShouldBe(HttpStatusCode.OK);
        body!["value"]!.GetValue<string>().ShouldBe("EUR");
        var (_, current) = await Fx.BasicAsync(HttpMethod.Get, "/data/currencies/current");
        current!["code"]!.GetValue<string>().ShouldBe("EUR");
        current["symbol"]!.GetValue<string>().ShouldBe("&euro;");
    }

    [Theory]
    [InlineData("general", "woocommerce_currency", "XXX")]
    [InlineData("general", "woocommerce_calc_taxes", "perhaps")]
    [InlineData("tax", "woocommerce_prices_include_tax", "sometimes")]
    [InlineData("tax", "woocommerce_tax_based_on", "moon")]
    public async Task SettingOption_InvalidValue_ThenRejectedAndUnchanged(string group, string id, string value)
    {
        var (_, before) = await Fx.BasicAsync(HttpMethod.Get, $"/settings/{group}/{id}");
        (await Fx.BasicAsync(HttpMethod.Put, $"/settings/{group}/{id}", $$"""{"value":"{{value}}"}"""))
            .ShouldBeError(400, "rest_setting_value_invalid", "An invalid setting value was passed.");
        var (_, after) = await Fx.BasicAsync(HttpMethod.Get, $"/settings/{group}/{id}");
        after!["value"]!.GetValue<string>().ShouldBe(before!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task SettingOption_UnknownGroupOrOption_ThenWooCommerce404s()
    {
        (await Fx.BasicAsync(HttpMethod.Put, "/settings/nowhere/woocommerce_currency", """{"value":"USD"}""")).ShouldBeError(404, "rest_setting_setting_group_invalid", "Invalid setting group.");
        (await Fx.BasicAsync(HttpMethod.Get, "/settings/general/no_such_option")).ShouldBeError(404, "rest_setting_setting_invalid", "Invalid setting.");
    }

    [Fact]
    public async Task SettingsBatch_UpdateFive_ThenCapturedShape_AndTaxGroupBatchWithOneBadItem()
    {
        var answer = await Fx.OAuthAsync(HttpMethod.Post, "/settings/general/batch",
            """{"update":[{"id":"woocommerce_currency","value":"USD"},{"id":"woocommerce_currency_pos","value":"left"},{"id":"woocommerce_price_thousand_sep","value":","},{"id":"woocommerce_price_decimal_sep","value":"."},{"id":"woocommerce_price_num_decimals","value":"2"}]}""");
        answer.ShouldMatchCapture("settings_general_batch");

        var (status, tax) = await Fx.BasicAsync(HttpMethod.Put, "/settings/tax/batch",
            """{"update":[{"id":"woocommerce_prices_include_tax","value":"yes"},{"id":"woocommerce_tax_based_on","value":"moon"}]}""");
        status.ShouldBe(HttpStatusCode.OK);
        tax!["update"]![0]!["value"]!.GetValue<string>().ShouldBe("yes");
        tax["update"]![1]!["id"]!.GetValue<string>().ShouldBe("woocommerce_tax_based_on");
        tax["update"]![1]!["error"]!["code"]!.GetValue<string>().ShouldBe("rest_setting_value_invalid");
        var (_, basedOn) = await Fx.BasicAsync(HttpMethod.Get, "/settings/tax/woocommerce_tax_based_on");
        basedOn!["value"]!.GetValue<string>().ShouldBe("shipping");
    }

    [Fact]
    public async Task PaymentGateway_UpdateTitle_ThenCapturedAnswerAndListed()
    {
        var updated = await Fx.OAuthAsync(HttpMethod.Put, "/payment_gateways/cheque", """{"title":"Cheque (fixture)"}""");
        updated.ShouldMatchCapture("payment_gateways_update");
        updated.Body!["title"]!.GetValue<string>().ShouldBe("Cheque (fixture)");
        updated.Body["settings"]!["title"]!["value"]!.GetValue<string>().ShouldBe("Cheque (fixture)");

        var (_, disabled) = await Fx.BasicAsync(HttpMethod.Put, "/payment_gateways/cod", """{"enabled":false,"settings":{"instructions":"Pay the driver."}}""");
        disabled!["enabled"]!.GetValue<bool>().ShouldBeFalse();
        disabled["settings"]!["instructions"]!["value"]!.GetValue<string>().ShouldBe("Pay the driver.");
        var (_, listed) = await Fx.BasicAsync(HttpMethod.Get, "/payment_gateways");
        listed!.AsArray().Single(g => g!["id"]!.GetValue<string>() == "cod")!["enabled"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task PaymentGateway_UnknownOrInvalid_ThenWooCommerceErrors()
    {
        (await Fx.BasicAsync(HttpMethod.Put, "/payment_gateways/bitcoin", """{"title":"x"}""")).ShouldBeError(404, "woocommerce_rest_payment_gateway_invalid", "Resource does not exist.");
        var invalid = await Fx.BasicAsync(HttpMethod.Put, "/payment_gateways/bacs", """{"enabled":"sometimes"}""");
        invalid.ShouldBeError(400, "rest_invalid_param", "Invalid parameter(s): enabled");
    }
}
