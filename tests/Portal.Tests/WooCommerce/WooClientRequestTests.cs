using System.Text.Json;
using System.Text.Json.Nodes;
using Flurl.Http.Testing;
using Portal.WooCommerce;

namespace Portal.Tests.WooCommerce;

/// <summary>What the client puts on the wire, checked with Flurl's HttpTest (which replaces the HTTP pipeline,
/// so retries are tested on a real socket in <see cref="WooClientResilienceTests"/>).</summary>
public sealed class WooClientRequestTests : IDisposable
{
    private readonly HttpTest _http = new();
    private readonly WooClientFactory _factory = WooTestClients.Factory();

    public void Dispose()
    {
        _http.Dispose();
        _factory.Dispose();
    }

    private static Dictionary<string, string> Pages(int total, int totalPages) => new()
    {
        ["X-WP-Total"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["X-WP-TotalPages"] = totalPages.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task ListProducts_WhenHttpsStore_ThenBasicAuthAndPagingParams()
    {
        _http.RespondWith(WooFixtures.Read("products_page1_per_page100.json"), 200, Pages(125, 2));
        var client = _factory.GetClient(WooTestClients.Https());

        var page = await client.ListProductsAsync(new WooProductQuery { Status = "publish", Sku = "SHIRT-OXF-001" });

        page.Items.Count.ShouldBe(100);
        page.Total.ShouldBe(125);
        page.TotalPages.ShouldBe(2);
        _http.ShouldHaveCalled("https://shop.test/wp-json/wc/v3/products")
            .WithVerb(HttpMethod.Get)
            .WithBasicAuth(WooTestClients.Key, WooTestClients.Secret)
            .WithQueryParam("page", 1).WithQueryParam("per_page", 100)
            .WithQueryParam("status", "publish").WithQueryParam("sku", "SHIRT-OXF-001")
            .WithoutQueryParam("consumer_secret").WithoutQueryParam("oauth_signature")
            .Times(1);
    }

    [Fact]
    public async Task GetProduct_WhenHttpStore_ThenOAuth1InQueryStringAndNoAuthorizationHeader()
    {
        _http.RespondWith(WooFixtures.Read("products_single_simple_with_images.json"));
        var client = _factory.GetClient(WooTestClients.Http());

        var product = await client.GetProductAsync(12);

        product.Id.ShouldBe(12);
        var call = _http.CallLog.Single();
        call.HttpRequestMessage.Headers.Authorization.ShouldBeNull();
        var uri = new Uri(call.Request.Url.ToString());
        uri.AbsolutePath.ShouldBe("/wp-json/wc/v3/products/12");
        var query = WooAuthenticator.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => p.Value);
        query.Keys.ShouldBe(["oauth_consumer_key", "oauth_nonce", "oauth_signature_method", "oauth_timestamp", "oauth_signature"], ignoreOrder: true);
        query["oauth_consumer_key"].ShouldBe(WooTestClients.Key);
        query["oauth_signature_method"].ShouldBe("HMAC-SHA256");
        var baseString = OAuth1Signer.BuildBaseString("GET", uri, query.Where(p => p.Key != "oauth_signature"));
        OAuth1Signer.Sign(baseString, WooTestClients.Secret, "", WooSignatureMethod.HmacSha256).ShouldBe(query["oauth_signature"]);
    }

    [Fact]
    public async Task ListOrders_WhenFilteredByStatusAndUtcDates_ThenWooCommerceParamsWithDatesAreGmt()
    {
        _http.RespondWith(WooFixtures.Read("orders_modified_after.json"), 200, Pages(3, 1));
        var client = _factory.GetClient(WooTestClients.Https());

        await client.ListOrdersAsync(new WooOrderQuery
        {
            Status = ["processing", "completed"],
            ModifiedAfter = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Before = new DateTime(2026, 12, 31, 23, 59, 59, DateTimeKind.Utc),
            OrderBy = "modified",
            Order = "asc",
        });

        _http.ShouldHaveCalled("https://shop.test/wp-json/wc/v3/orders")
            .WithQueryParam("status", "processing,completed")
            .WithQueryParam("modified_after", "2026-01-01T00:00:00")
            .WithQueryParam("before", "2026-12-31T23:59:59")
            .WithQueryParam("dates_are_gmt", "true")
            .WithQueryParam("orderby", "modified");
    }

    [Fact]
    public async Task ListOrders_WhenLocalDateTime_ThenRefusedBeforeSending()
    {
        var client = _factory.GetClient(WooTestClients.Https());

        await Should.ThrowAsync<ArgumentException>(() =>
            client.ListOrdersAsync(new WooOrderQuery { After = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local) }));
        _http.ShouldNotHaveMadeACall();
    }

    [Fact]
    public async Task IterateProducts_WhenThreePages_ThenFollowsTotalPagesAndYieldsAll()
    {
        _http.RespondWith("[{\"id\":1},{\"id\":2}]", 200, Pages(5, 3))
            .RespondWith("[{\"id\":3},{\"id\":4}]", 200, Pages(5, 3))
            .RespondWith("[{\"id\":5}]", 200, Pages(5, 3));
        var client = _factory.GetClient(WooTestClients.Https());

        var ids = new List<long>();
        await foreach (var product in client.IterateProductsAsync(new WooProductQuery { Type = "variable" }))
            ids.Add(product.Id);

        ids.ShouldBe([1, 2, 3, 4, 5]);
        _http.CallLog.Count.ShouldBe(3);
        _http.ShouldHaveCalled("*/products").WithQueryParam("page", 3).WithQueryParam("type", "variable");
    }

    [Fact]
    public async Task IterateVariations_WhenNoPagingHeaders_ThenStopsAtFirstShortPage()
    {
        var full = JsonSerializer.Serialize(Enumerable.Range(1, 100).Select(i => new { id = i }));
        _http.RespondWith(full).RespondWith("[{\"id\":101}]").RespondWith("[{\"id\":999}]");
        var client = _factory.GetClient(WooTestClients.Https());

        var count = 0;
        await foreach (var variation in client.IterateVariationsAsync(61))
            count++;

        count.ShouldBe(101);
        _http.CallLog.Count.ShouldBe(2);
        _http.ShouldHaveCalled("https://shop.test/wp-json/wc/v3/products/61/variations").WithQueryParam("page", 2);
    }

    [Fact]
    public async Task BatchProducts_When220Items_ThenThreeRequestsOfAtMost100CountingCreateUpdateDeleteTogether()
    {
        _http.RespondWith("{}").RespondWith("{}").RespondWith("{}");
        var client = _factory.GetClient(WooTestClients.Https());
        var batch = new WooBatch<WooProduct>
        {
            Create = [.. Enumerable.Range(1, 30).Select(i => new WooProduct { Name = $"New {i}", Sku = $"NEW-{i}", RegularPrice = 9.90m })],
            Update = [.. Enumerable.Range(1, 150).Select(i => new WooProduct { Id = 1000 + i, StockQuantity = i })],
            Delete = [.. Enumerable.Range(1, 40).Select(i => (long)(5000 + i))],
        };

        await client.BatchProductsAsync(batch);

        _http.CallLog.Count.ShouldBe(3);
        var bodies = _http.CallLog.Select(c => JsonNode.Parse(c.RequestBody)!.AsObject()).ToList();
        _http.CallLog.ShouldAllBe(c => new Uri(c.Request.Url.ToString()).GetLeftPart(UriPartial.Path) == "https://shop.test/wp-json/wc/v3/products/batch" && c.Request.Verb == HttpMethod.Post);
        int Count(JsonObject body, string key) => body[key]?.AsArray().Count ?? 0;
        bodies.Select(b => Count(b, "create") + Count(b, "update") + Count(b, "delete")).ShouldBe([100, 100, 20]);
        Count(bodies[0], "create").ShouldBe(30);
        Count(bodies[0], "update").ShouldBe(70);
        Count(bodies[1], "update").ShouldBe(80);
        Count(bodies[1], "delete").ShouldBe(20);
        Count(bodies[2], "delete").ShouldBe(20);
        var created = bodies[0]["create"]![0]!.AsObject();
        created["regular_price"]!.GetValue<string>().ShouldBe("9.90");
        created.ContainsKey("id").ShouldBeFalse();
        created.ContainsKey("stock_quantity").ShouldBeFalse();
        var updated = bodies[0]["update"]![0]!.AsObject();
        updated.Select(p => p.Key).ShouldBe(["id", "stock_quantity"], ignoreOrder: true);
        updated["stock_quantity"]!.GetValueKind().ShouldBe(JsonValueKind.Number);
    }

    [Fact]
    public async Task UpdateVariations_WhenSeveralParents_ThenOneBatchPerParentOnItsVariationsEndpoint()
    {
        _http.RespondWith("{\"update\":[{\"id\":62,\"stock_quantity\":5},{\"id\":63,\"stock_quantity\":6}]}")
            .RespondWith("{\"update\":[{\"id\":79,\"stock_quantity\":7}]}");
        var client = _factory.GetClient(WooTestClients.Https());

        var result = await client.UpdateVariationsAsync(
        [
            new WooVariation { Id = 62, ParentId = 61, StockQuantity = 5 },
            new WooVariation { Id = 79, ParentId = 78, StockQuantity = 7 },
            new WooVariation { Id = 63, ParentId = 61, StockQuantity = 6 },
        ]);

        result.Updated.Select(v => v.Id).ShouldBe([62, 63, 79]);
        _http.ShouldHaveCalled("https://shop.test/wp-json/wc/v3/products/61/variations/batch").WithVerb(HttpMethod.Post).Times(1);
        _http.ShouldHaveCalled("https://shop.test/wp-json/wc/v3/products/78/variations/batch").WithVerb(HttpMethod.Post).Times(1);
        _http.ShouldNotHaveCalled("https://shop.test/wp-json/wc/v3/products/batch");
        JsonNode.Parse(_http.CallLog[0].RequestBody)!["update"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task BatchVariations_When250Updates_ThenChunkedTo100PerRequestOnTheParent()
    {
        _http.RespondWith("{}").RespondWith("{}").RespondWith("{}");
        var client = _factory.GetClient(WooTestClients.Https());

        await client.BatchVariationsAsync(61, new WooBatch<WooVariation>
        {
            Update = [.. Enumerable.Range(1, 250).Select(i => new WooVariation { Id = i, StockQuantity = 1 })],
        });

        _http.CallLog.Select(c => JsonNode.Parse(c.RequestBody)!["update"]!.AsArray().Count).ShouldBe([100, 100, 50]);
        _http.CallLog.ShouldAllBe(c => new Uri(c.Request.Url.ToString()).GetLeftPart(UriPartial.Path) == "https://shop.test/wp-json/wc/v3/products/61/variations/batch");
    }

    [Fact]
    public async Task BatchProducts_WhenStoreRefusesSomeItems_ThenErrorsReportedPerItem()
    {
        _http.RespondWith(WooFixtures.Read("products_batch_mixed_item_errors.json"));
        var client = _factory.GetClient(WooTestClients.Https());

        var result = await client.BatchProductsAsync(new WooBatch<WooProduct>
        {
            Update = [new WooProduct { Id = 82, StockQuantity = 3 }, new WooProduct { Id = 999999, StockQuantity = 1 }],
        });

        // The captured answer: 82 and 84 stored (84's "abc" stock silently became 0), 999999 and 83 refused.
        result.Updated.Select(p => p.Id).ShouldBe([82, 84]);
        result.Errors.Count.ShouldBe(2);
        result.Errors.ShouldContain(e => e.Code == "product_invalid_sku" && e.Operation == WooBatchOperation.Update);
        result.Errors.ShouldContain(e => e.Id == 999999);
    }

    [Theory]
    [InlineData("update-without-id")]
    [InlineData("stock-without-manage-stock")]
    [InlineData("negative-price")]
    [InlineData("create-without-name")]
    public async Task BatchProducts_WhenItemInvalid_ThenValidationErrorAndNothingSent(string problem)
    {
        var client = _factory.GetClient(WooTestClients.Https());
        var product = problem switch
        {
            "update-without-id" => new WooBatch<WooProduct> { Update = [new WooProduct { StockQuantity = 3 }] },
            "stock-without-manage-stock" => new WooBatch<WooProduct> { Update = [new WooProduct { Id = 5, ManageStock = false, StockQuantity = 3 }] },
            "negative-price" => new WooBatch<WooProduct> { Update = [new WooProduct { Id = 5, RegularPrice = -1m }] },
            _ => new WooBatch<WooProduct> { Create = [new WooProduct { Sku = "X" }] },
        };

        var error = await Should.ThrowAsync<WooApiException>(() => client.BatchProductsAsync(product));

        error.Kind.ShouldBe(WooErrorKind.Validation);
        _http.ShouldNotHaveMadeACall();
    }

    [Fact]
    public async Task UpdateOrderStatusAndMeta_WhenCalled_ThenPutOnlyTheChangedFields()
    {
        _http.RespondWith(WooFixtures.Read("orders_single_processing_coupon_fee.json"))
            .RespondWith(WooFixtures.Read("orders_single_processing_coupon_fee.json"));
        var client = _factory.GetClient(WooTestClients.Https());

        await client.UpdateOrderStatusAsync(188, "completed");
        await client.UpdateOrderMetaAsync(188, [WooMetaData.Of("_wooportal_sale", "SO-00042")]);

        JsonNode.Parse(_http.CallLog[0].RequestBody)!.ToJsonString().ShouldBe("{\"status\":\"completed\"}");
        JsonNode.Parse(_http.CallLog[1].RequestBody)!.ToJsonString().ShouldBe("{\"meta_data\":[{\"key\":\"_wooportal_sale\",\"value\":\"SO-00042\"}]}");
        _http.ShouldHaveCalled("https://shop.test/wp-json/wc/v3/orders/188").WithVerb(HttpMethod.Put).Times(2);
    }

    [Fact]
    public async Task DeleteOrder_WhenForced_ThenForceTrueElseTrash()
    {
        _http.RespondWith(WooFixtures.Read("orders_delete_force.json")).RespondWith(WooFixtures.Read("orders_delete_trash.json"));
        var client = _factory.GetClient(WooTestClients.Https());

        await client.DeleteOrderAsync(198, force: true);
        var trashed = await client.DeleteOrderAsync(197);

        trashed.Id.ShouldBe(197);
        _http.ShouldHaveCalled("*/orders/198").WithVerb(HttpMethod.Delete).WithQueryParam("force", "true");
        _http.ShouldHaveCalled("*/orders/197").WithVerb(HttpMethod.Delete).WithoutQueryParam("force");
    }

    [Fact]
    public async Task CreateRefund_WhenCalled_ThenTaggedWithTheRefundKeyMeta()
    {
        _http.RespondWith(WooFixtures.Read("orders_refunds_create_partial.json"), 201);
        var client = _factory.GetClient(WooTestClients.Https());

        var refund = await client.CreateRefundAsync(194, new WooRefund { Amount = 10.00m, Reason = "Damaged", ApiRefund = false }, "CN-7");

        refund.Id.ShouldBeGreaterThan(0);
        var body = JsonNode.Parse(_http.CallLog.Single().RequestBody)!;
        body["amount"]!.GetValue<string>().ShouldBe("10.00");
        body["api_refund"]!.GetValue<bool>().ShouldBeFalse();
        body["meta_data"]!.AsArray().ShouldContain(m => m!["key"]!.GetValue<string>() == WooClient.RefundKeyMeta && m["value"]!.GetValue<string>() == "CN-7");
    }

    [Fact]
    public async Task CreateWebhook_WhenCalled_ThenPostsSecretAndDeliveryUrl()
    {
        _http.RespondWith(WooFixtures.Read("webhooks_create_order_created_http80.json"), 201);
        var client = _factory.GetClient(WooTestClients.Https());

        var webhook = await client.CreateWebhookAsync(new WooWebhook
        {
            Name = "WooPortal order.created", Topic = "order.created", DeliveryUrl = "https://portal.test/webhooks/woocommerce/shop",
            Secret = "s3cr3t", Status = "active",
        });

        webhook.Topic.ShouldBe("order.created");
        _http.ShouldHaveCalled("https://shop.test/wp-json/wc/v3/webhooks").WithVerb(HttpMethod.Post)
            .WithRequestJson(new Dictionary<string, string>
            {
                ["name"] = "WooPortal order.created", ["status"] = "active", ["topic"] = "order.created",
                ["delivery_url"] = "https://portal.test/webhooks/woocommerce/shop", ["secret"] = "s3cr3t",
            });
    }

    [Fact]
    public async Task EnsureWooCommerce_WhenIndexListsWcV3_ThenTimezoneAndOffsetParsed()
    {
        _http.RespondWith("{\"name\":\"Shop\",\"url\":\"https://shop.test\",\"gmt_offset\":\"5.5\",\"timezone_string\":\"Asia/Kolkata\",\"namespaces\":[\"oembed/1.0\",\"wc/v3\",\"wp/v2\"],\"routes\":{}}");
        var client = _factory.GetClient(WooTestClients.Https());

        var index = await client.EnsureWooCommerceAsync();

        index.TimezoneString.ShouldBe("Asia/Kolkata");
        index.GmtOffset.ShouldBe(5.5m);
        _http.ShouldHaveCalled("https://shop.test/wp-json/").WithVerb(HttpMethod.Get);
    }

    [Fact]
    public async Task EnsureWooCommerce_WhenIndexLacksWcV3_ThenNoWooCommerceApi()
    {
        _http.RespondWith("{\"name\":\"Blog\",\"gmt_offset\":0,\"timezone_string\":\"\",\"namespaces\":[\"oembed/1.0\",\"wp/v2\"]}");
        var client = _factory.GetClient(WooTestClients.Https());

        var error = await Should.ThrowAsync<WooApiException>(() => client.EnsureWooCommerceAsync());

        error.Kind.ShouldBe(WooErrorKind.NoWooCommerceApi);
    }

    [Fact]
    public async Task BatchProducts_WhenEmpty_ThenNothingSent()
    {
        var client = _factory.GetClient(WooTestClients.Https());

        var result = await client.BatchProductsAsync(new WooBatch<WooProduct>());

        result.Created.ShouldBeEmpty();
        result.Errors.ShouldBeEmpty();
        _http.ShouldNotHaveMadeACall();
    }

    [Fact]
    public async Task BatchVariations_WhenVariationBelongsToAnotherParent_ThenRefusedBeforeSending()
    {
        var client = _factory.GetClient(WooTestClients.Https());

        var error = await Should.ThrowAsync<WooApiException>(() => client.BatchVariationsAsync(61,
            new WooBatch<WooVariation> { Update = [new WooVariation { Id = 79, ParentId = 78, StockQuantity = 1 }] }));

        error.Kind.ShouldBe(WooErrorKind.Validation);
        error.Message.ShouldContain("belongs to product 78");
        _http.ShouldNotHaveMadeACall();
    }
}
