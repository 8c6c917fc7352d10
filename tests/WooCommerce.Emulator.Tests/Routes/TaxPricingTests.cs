using System.Net;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Routes;

/// <summary>Orders priced with the store's rates as WooCommerce prices them: stacked by priority, compound on top.</summary>
public sealed class TaxPricingTests(EmulatorFixture fx) : SeededStoreTests(fx)
{
    private static string Order(string city, string postcode) => $$"""
        {"billing":{"first_name":"Bob","country":"US","state":"NY","city":"{{city}}","postcode":"{{postcode}}","email":"bob@example.test"},
         "shipping":{"first_name":"Bob","country":"US","state":"NY","city":"{{city}}","postcode":"{{postcode}}"},
         "line_items":[{"product_id":37,"quantity":2}],
         "shipping_lines":[{"method_id":"flat_rate","method_title":"Flat rate","total":"10.00"}]}
        """;

    private static Dictionary<int, string> Taxes(JsonNode? item) =>
        item!["taxes"]!.AsArray().ToDictionary(t => t!["id"]!.GetValue<int>(), t => t!["total"]!.GetValue<string>());

    [Fact]
    public async Task OrderInNewYorkCity_ThenLineAndShippingCarryStateAndCityRate_AsTheCapturedOrder()
    {
        var (status, order) = await Fx.OAuthAsync(HttpMethod.Post, "/orders", Order("New York", "10001"));
        status.ShouldBe(HttpStatusCode.Created, order?.ToJsonString());
        var line = order!["line_items"]![0];
        // The captured order 196: 2 x 29.99 in 10001 carries NY State Tax 2.40 and NYC Tax 2.70.
        Taxes(line).ShouldBe(new Dictionary<int, string> { [2] = "2.40", [3] = "2.70" });
        line!["total_tax"]!.GetValue<string>().ShouldBe("5.10");
        Taxes(order["shipping_lines"]![0]).ShouldBe(new Dictionary<int, string> { [2] = "0.40", [3] = "0.45" });
        var taxLines = order["tax_lines"]!.AsArray();
        taxLines.Select(t => t!["rate_code"]!.GetValue<string>()).ShouldBe(["US-NY-NY STATE TAX-1", "US-NY-NYC TAX-2"]);
        taxLines.Select(t => t!["tax_total"]!.GetValue<string>()).ShouldBe(["2.40", "2.70"]);
        taxLines.Select(t => t!["shipping_tax_total"]!.GetValue<string>()).ShouldBe(["0.40", "0.45"]);
        order["cart_tax"]!.GetValue<string>().ShouldBe("5.10");
        order["shipping_tax"]!.GetValue<string>().ShouldBe("0.85");
        order["total"]!.GetValue<string>().ShouldBe("75.93"); // 59.98 + 10.00 + 5.10 + 0.85
    }

    [Fact]
    public async Task OrderElsewhereInNewYork_ThenOnlyTheStateRate()
    {
        var (_, order) = await Fx.BasicAsync(HttpMethod.Post, "/orders", Order("Buffalo", "14201"));
        Taxes(order!["line_items"]![0]).ShouldBe(new Dictionary<int, string> { [2] = "2.40" });
        order["tax_lines"]!.AsArray().Single()!["rate_id"]!.GetValue<int>().ShouldBe(2);
        order["total_tax"]!.GetValue<string>().ShouldBe("2.80");
    }

    [Fact]
    public async Task CompoundRate_ThenTaxedOnThePricePlusTheTaxesBeforeIt()
    {
        var (_, rate) = await Fx.OAuthAsync(HttpMethod.Post, "/taxes", """{"country":"US","state":"NY","rate":"10","name":"Compound","priority":3,"compound":true,"shipping":false}""");
        var compoundId = rate!["id"]!.GetValue<int>();
        var (_, order) = await Fx.BasicAsync(HttpMethod.Post, "/orders", Order("New York", "10001"));
        // (59.98 + 2.3992 + 2.6991) x 10% = 6.50783
        Taxes(order!["line_items"]![0]).ShouldBe(new Dictionary<int, string> { [2] = "2.40", [3] = "2.70", [compoundId] = "6.51" });
        Taxes(order["shipping_lines"]![0]).Keys.ShouldNotContain(compoundId);
        var compoundLine = order["tax_lines"]!.AsArray().Single(t => t!["rate_id"]!.GetValue<int>() == compoundId);
        compoundLine!["compound"]!.GetValue<bool>().ShouldBeTrue();
        compoundLine["rate_percent"]!.GetValue<double>().ShouldBe(10);
        order["cart_tax"]!.GetValue<string>().ShouldBe("11.61");
    }

    [Fact]
    public async Task TwoRatesOfTheSamePriority_ThenTheMoreSpecificOneOnly()
    {
        await Fx.BasicAsync(HttpMethod.Post, "/taxes", """{"country":"US","state":"","rate":"1","name":"US Federal","priority":1}""");
        var (_, order) = await Fx.BasicAsync(HttpMethod.Post, "/orders", Order("Buffalo", "14201"));
        Taxes(order!["line_items"]![0]).Keys.ShouldBe([2]);
    }
}
