using System.Net;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Routes;

/// <summary>Every batch route, with every method WordPress registers for it, and the batches shop owners' tools send.</summary>
public sealed class BatchRouteTests(EmulatorFixture fx) : SeededStoreTests(fx)
{
    public static TheoryData<string, string> RoutesAndMethods()
    {
        string[] routes =
        [
            "/products/batch", "/products/61/variations/batch", "/orders/batch", "/coupons/batch", "/customers/batch", "/taxes/batch", "/webhooks/batch",
            "/products/categories/batch", "/products/tags/batch", "/products/attributes/batch", "/products/attributes/1/terms/batch",
            "/products/shipping_classes/batch",
        ];
        var data = new TheoryData<string, string>();
        foreach (var route in routes)
            foreach (var method in new[] { "POST", "PUT", "PATCH" }) data.Add(route, method);
        return data;
    }

    [Theory]
    [MemberData(nameof(RoutesAndMethods))]
    public async Task BatchRoute_WithEachEditableMethod_ThenAnswersPerItem(string route, string method)
    {
        var (status, body) = await Fx.BasicAsync(new HttpMethod(method), route, """{"delete":[987654]}""");
        status.ShouldBe(HttpStatusCode.OK, body?.ToJsonString());
        var item = body!["delete"]!.AsArray().Single()!;
        item["id"]!.GetValue<int>().ShouldBe(987654);
        item["error"]!["code"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("PUT", "products_batch_put")]
    [InlineData("PATCH", "products_batch_patch")]
    public async Task ProductsBatch_WithPutOrPatch_ThenCapturedShape(string method, string capture)
    {
        var answer = await Fx.OAuthAsync(new HttpMethod(method), "/products/batch", """{"update":[{"id":12,"regular_price":"49.95"}]}""");
        answer.ShouldMatchCapture(capture);
        answer.Body!["update"]![0]!["id"]!.GetValue<int>().ShouldBe(12);
    }

    [Fact]
    public async Task BatchRoute_WithGetOrDelete_ThenNoRoute()
    {
        (await Fx.BasicAsync(HttpMethod.Get, "/taxes/batch")).ShouldBeError(404, "rest_no_route", "No route was found matching the URL and request method.");
        (await Fx.BasicAsync(HttpMethod.Delete, "/coupons/batch")).ShouldBeError(404, "rest_no_route", "No route was found matching the URL and request method.");
    }

    [Fact]
    public async Task WebhooksBatch_CreateTwoAndDeleteThemInOneCall_ThenCapturedShape()
    {
        var nextId = Fx.Emulator.Store.NextWebhookId;
        var answer = await Fx.OAuthAsync(HttpMethod.Post, "/webhooks/batch", $$"""
            {"create":[{"name":"Fixture batch webhook 1","topic":"order.created","delivery_url":"https://127.0.0.1:9/harness-none","status":"paused","secret":"s1"},
                       {"name":"Fixture batch webhook 2","topic":"product.updated","delivery_url":"https://127.0.0.1:9/harness-none","status":"paused","secret":"s1"}],
             "delete":[{{nextId}},{{nextId + 1}}]}
            """);
        answer.ShouldMatchCapture("webhooks_batch");
        answer.Body!["create"]!.AsArray().Select(w => w!["id"]!.GetValue<int>()).ShouldBe([nextId, nextId + 1]);
        answer.Body["delete"]!.AsArray().Select(w => w!["id"]!.GetValue<int>()).ShouldBe([nextId, nextId + 1]);
        Fx.Emulator.Store.Webhooks.ShouldNotContain(w => w.Id == nextId || w.Id == nextId + 1);
    }

    [Fact]
    public async Task WebhooksBatch_InvalidTopic_ThenThatItemErrsAndTheOtherIsCreated()
    {
        var (_, body) = await Fx.BasicAsync(HttpMethod.Post, "/webhooks/batch",
            """{"create":[{"topic":"order.exploded","delivery_url":"https://example.test/h"},{"topic":"order.updated","delivery_url":"https://127.0.0.1:9/h","status":"paused"}]}""");
        var items = body!["create"]!.AsArray();
        items[0]!["error"]!["code"]!.GetValue<string>().ShouldBe("woocommerce_rest_webhook_invalid_topic");
        items[1]!["topic"]!.GetValue<string>().ShouldBe("order.updated");
    }

    [Fact]
    public async Task CustomersBatch_CreateUpdateDelete_ThenApplied()
    {
        var (_, body) = await Fx.OAuthAsync(HttpMethod.Post, "/customers/batch",
            """{"create":[{"email":"batch.one@example.test","first_name":"One"},{"email":"not-an-email"}],"update":[{"id":3,"last_name":"Batched"}],"delete":[999]}""");
        body!["create"]![0]!["email"]!.GetValue<string>().ShouldBe("batch.one@example.test");
        body["create"]![1]!["error"]!["code"]!.GetValue<string>().ShouldBe("customer_invalid_email");
        body["update"]![0]!["last_name"]!.GetValue<string>().ShouldBe("Batched");
        body["delete"]![0]!["error"]!["code"]!.GetValue<string>().ShouldBe("wc_user_invalid_id");
        var newId = body["create"]![0]!["id"]!.GetValue<int>();
        var (_, again) = await Fx.BasicAsync(HttpMethod.Put, "/customers/batch", $$"""{"delete":[{{newId}}]}""");
        again!["delete"]![0]!["id"]!.GetValue<int>().ShouldBe(newId);
        (await Fx.BasicAsync(HttpMethod.Get, $"/customers/{newId}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/products/categories", "categories")]
    [InlineData("/products/tags", "tags")]
    [InlineData("/products/attributes", "attributes")]
    [InlineData("/products/attributes/2/terms", "terms")]
    [InlineData("/products/shipping_classes", "shipping classes")]
    public async Task TaxonomyBatch_CreateUpdateDelete_ThenAppliedAndErrorsPerItem(string collection, string what)
    {
        var (_, first) = await Fx.BasicAsync(HttpMethod.Post, collection + "/batch", """{"create":[{"name":"Batch A"},{"name":"Batch B"},{}]}""");
        var created = first!["create"]!.AsArray();
        created[2]!["error"]!["code"]!.GetValue<string>().ShouldBe("rest_missing_callback_param", what);
        var a = created[0]!["id"]!.GetValue<int>();
        var b = created[1]!["id"]!.GetValue<int>();
        var (status, second) = await Fx.OAuthAsync(HttpMethod.Patch, collection + "/batch", $$"""{"update":[{"id":{{a}},"name":"Batch A2"}],"delete":[{{b}}]}""");
        status.ShouldBe(HttpStatusCode.OK, what);
        second!["update"]![0]!["name"]!.GetValue<string>().ShouldBe("Batch A2", what);
        second["delete"]![0]!["id"]!.GetValue<int>().ShouldBe(b);
        (await Fx.BasicAsync(HttpMethod.Get, $"{collection}/{a}")).Body!["name"]!.GetValue<string>().ShouldBe("Batch A2", what);
        (await Fx.BasicAsync(HttpMethod.Get, $"{collection}/{b}")).Status.ShouldBe(HttpStatusCode.NotFound, what);
    }

    [Fact]
    public async Task Batch_OverOneHundredItems_Then413AndNothingChanged()
    {
        var creates = string.Join(",", Enumerable.Range(0, 101).Select(i => $$"""{"name":"Too many {{i}}"}"""));
        var before = Fx.Emulator.Store.Tags.Count;
        (await Fx.BasicAsync(HttpMethod.Put, "/products/tags/batch", $$"""{"create":[{{creates}}]}"""))
            .ShouldBeError(413, "woocommerce_rest_request_entity_too_large", "Unable to accept more than 100 items for this request.");
        Fx.Emulator.Store.Tags.Count.ShouldBe(before);
    }
}
