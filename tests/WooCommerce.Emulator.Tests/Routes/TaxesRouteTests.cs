using System.Net;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Routes;

/// <summary>Tax rates and tax classes written as a shop owner's tool writes them, against the captured answers.</summary>
public sealed class TaxesRouteTests(EmulatorFixture fx) : SeededStoreTests(fx)
{
    private const string WaRate = """{"country":"US","state":"WA","rate":"6.5000","name":"WA Fixture Tax","priority":1,"compound":false,"shipping":true,"class":"standard"}""";

    [Fact]
    public async Task CreateUpdateDeleteRate_OverOAuth_ThenCapturedAnswersAndGoneAfter()
    {
        var created = await Fx.OAuthAsync(HttpMethod.Post, "/taxes", WaRate);
        created.ShouldMatchCapture("taxes_create_rate");
        var id = created.Body!["id"]!.GetValue<int>();
        created.Body["rate"]!.GetValue<string>().ShouldBe("6.5000");
        created.Body["class"]!.GetValue<string>().ShouldBe("standard");

        var updated = await Fx.OAuthAsync(HttpMethod.Put, $"/taxes/{id}", """{"rate":"6.75","name":"WA Fixture Tax (updated)"}""");
        updated.ShouldMatchCapture("taxes_update_rate");
        updated.Body!["rate"]!.GetValue<string>().ShouldBe("6.7500");
        updated.Body["state"]!.GetValue<string>().ShouldBe("WA");

        var deleted = await Fx.OAuthAsync(HttpMethod.Delete, $"/taxes/{id}?force=true");
        deleted.ShouldMatchCapture("taxes_delete_rate");
        deleted.Body!["name"]!.GetValue<string>().ShouldBe("WA Fixture Tax (updated)");
        (await Fx.BasicAsync(HttpMethod.Get, $"/taxes/{id}")).ShouldBeError(404, "woocommerce_rest_invalid_id", "Invalid resource ID.");
    }

    [Fact]
    public async Task DeleteRate_WithForceInJsonBody_ThenDeleted_WithoutForce_Then501AndKept()
    {
        var (_, created) = await Fx.BasicAsync(HttpMethod.Post, "/taxes", WaRate);
        var id = created!["id"]!.GetValue<int>();
        (await Fx.BasicAsync(HttpMethod.Delete, $"/taxes/{id}")).ShouldBeError(501, "woocommerce_rest_trash_not_supported", "Taxes do not support trashing.");
        (await Fx.BasicAsync(HttpMethod.Get, $"/taxes/{id}")).Status.ShouldBe(HttpStatusCode.OK);
        (await Fx.BasicAsync(HttpMethod.Delete, $"/taxes/{id}", """{"force":true}""")).Status.ShouldBe(HttpStatusCode.OK);
        (await Fx.BasicAsync(HttpMethod.Get, $"/taxes/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateRate_WithPostcodesAndCities_ThenStoredUpperCaseAndListedAsArrays()
    {
        var (status, body) = await Fx.BasicAsync(HttpMethod.Post, "/taxes",
            """{"country":"us","state":"ny","rate":"1","name":"Borough","priority":3,"postcodes":["10003","10004"],"cities":["new york"]}""");
        status.ShouldBe(HttpStatusCode.Created);
        body!["country"]!.GetValue<string>().ShouldBe("US");
        body["postcodes"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe(["10003", "10004"]);
        body["postcode"]!.GetValue<string>().ShouldBe("10004");
        body["cities"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe(["NEW YORK"]);
        body["rate"]!.GetValue<string>().ShouldBe("1.0000");
    }

    [Theory]
    [InlineData("""{"class":"luxury"}""", "class", "rest_not_in_enum", "class is not one of standard, digital-goods, reduced-rate, and zero-rate.")]
    [InlineData("""{"rate":6.5}""", "rate", "rest_invalid_type", "rate is not of type string.")]
    [InlineData("""{"compound":"maybe"}""", "compound", "rest_invalid_type", "compound is not of type boolean.")]
    [InlineData("""{"priority":"high"}""", "priority", "rest_invalid_type", "priority is not of type integer.")]
    public async Task CreateRate_WithInvalidField_ThenRestInvalidParamAndNothingCreated(string json, string param, string detail, string message)
    {
        var before = Fx.Emulator.Store.TaxRates.Count;
        var answer = await Fx.BasicAsync(HttpMethod.Post, "/taxes", json);
        answer.ShouldBeError(400, "rest_invalid_param", $"Invalid parameter(s): {param}");
        answer.Body!["data"]!["params"]![param]!.GetValue<string>().ShouldBe(message);
        answer.Body["data"]!["details"]![param]!["code"]!.GetValue<string>().ShouldBe(detail);
        Fx.Emulator.Store.TaxRates.Count.ShouldBe(before);
    }

    [Fact]
    public async Task UpdateOrDeleteUnknownRate_ThenWooCommerceErrors()
    {
        (await Fx.BasicAsync(HttpMethod.Put, "/taxes/999", """{"rate":"1"}""")).ShouldBeError(404, "woocommerce_rest_invalid_id", "Invalid resource ID.");
        (await Fx.BasicAsync(HttpMethod.Delete, "/taxes/999?force=true")).ShouldBeError(400, "woocommerce_rest_invalid_id", "Invalid resource ID.");
        (await Fx.BasicAsync(HttpMethod.Post, "/taxes", """{"id":3,"rate":"1"}""")).ShouldBeError(400, "woocommerce_rest_tax_exists", "Cannot create existing resource.");
    }

    [Fact]
    public async Task Batch_CreateTwoAndDeleteOne_ThenCapturedShape()
    {
        var (_, doomed) = await Fx.BasicAsync(HttpMethod.Post, "/taxes", WaRate);
        var answer = await Fx.BasicAsync(HttpMethod.Post, "/taxes/batch",
            $$"""{"create":[{"country":"US","state":"NV","rate":"6.8500","name":"NV Fixture Tax"},{"country":"US","state":"AZ","rate":"5.6000","name":"AZ Fixture Tax"}],"delete":[{{doomed!["id"]}}]}""");
        answer.ShouldMatchCapture("taxes_batch");
        answer.Body!["create"]!.AsArray().Select(r => r!["state"]!.GetValue<string>()).ShouldBe(["NV", "AZ"]);
        Fx.Emulator.Store.TaxRates.Any(r => r.Id == doomed["id"]!.GetValue<int>()).ShouldBeFalse();
        Fx.Emulator.Store.TaxRates.Count(r => r.State is "NV" or "AZ").ShouldBe(2);
    }

    [Fact]
    public async Task TaxClass_CreateReadDelete_ThenCapturedAnswers()
    {
        var created = await Fx.OAuthAsync(HttpMethod.Post, "/taxes/classes", """{"name":"Fixture Class"}""");
        created.ShouldMatchCapture("taxes_classes_create");
        created.Body!["slug"]!.GetValue<string>().ShouldBe("fixture-class");

        var one = await Fx.BasicAsync(HttpMethod.Get, "/taxes/classes/reduced-rate");
        one.ShouldMatchCapture("taxes_classes_single");
        one.Body!.AsArray().Single()!["name"]!.GetValue<string>().ShouldBe("Reduced rate");
        (await Fx.BasicAsync(HttpMethod.Get, "/taxes/classes/no-such-class")).Body!.AsArray().ShouldBeEmpty();

        var (_, rate) = await Fx.BasicAsync(HttpMethod.Post, "/taxes", """{"country":"US","rate":"3","class":"fixture-class"}""");
        rate!["class"]!.GetValue<string>().ShouldBe("fixture-class");

        var deleted = await Fx.BasicAsync(HttpMethod.Delete, "/taxes/classes/fixture-class?force=true");
        deleted.ShouldMatchCapture("taxes_classes_delete");
        (await Fx.BasicAsync(HttpMethod.Get, "/taxes/classes/fixture-class")).Body!.AsArray().ShouldBeEmpty();
        Fx.Emulator.Store.TaxRates.Any(r => r.Class == "fixture-class").ShouldBeFalse();
    }

    [Fact]
    public async Task TaxClass_InvalidRequests_ThenWooCommerceErrorsAndNothingChanged()
    {
        var missing = await Fx.BasicAsync(HttpMethod.Post, "/taxes/classes", "{}");
        missing.ShouldBeError(400, "rest_missing_callback_param", "Missing parameter(s): name");
        missing.Body!["data"]!["params"]!.AsArray().Single()!.GetValue<string>().ShouldBe("name");
        (await Fx.BasicAsync(HttpMethod.Post, "/taxes/classes", """{"name":"Reduced rate"}""")).ShouldBeError(400, "woocommerce_rest_tax_class_exists", "Tax class already exists");
        (await Fx.BasicAsync(HttpMethod.Post, "/taxes/classes", """{"name":"  "}""")).ShouldBeError(400, "woocommerce_rest_tax_class_invalid_name", "Tax class requires a valid name");
        (await Fx.BasicAsync(HttpMethod.Delete, "/taxes/classes/reduced-rate")).ShouldBeError(501, "woocommerce_rest_trash_not_supported", "Taxes do not support trashing.");
        (await Fx.BasicAsync(HttpMethod.Delete, "/taxes/classes/standard?force=true")).ShouldBeError(400, "woocommerce_rest_invalid_id", "Invalid resource id.");
        (await Fx.BasicAsync(HttpMethod.Get, "/taxes/classes")).Body!.AsArray().Count.ShouldBe(4);
    }

    [Fact]
    public async Task ListRates_ByClassAndPriority_ThenFilteredAndOrdered_UnknownClassRejected()
    {
        var (_, reduced) = await Fx.OAuthAsync(HttpMethod.Get, "/taxes?class=reduced-rate");
        reduced!.AsArray().Select(r => r!["id"]!.GetValue<int>()).ShouldBe([6, 7]);
        var (_, byPriority) = await Fx.BasicAsync(HttpMethod.Get, "/taxes?per_page=100&orderby=priority&order=desc");
        byPriority!.AsArray()[0]!["name"]!.GetValue<string>().ShouldBe("NYC Tax");
        (await Fx.BasicAsync(HttpMethod.Get, "/taxes?class=luxury")).ShouldBeError(400, "rest_invalid_param", "Invalid parameter(s): class");
    }
}
