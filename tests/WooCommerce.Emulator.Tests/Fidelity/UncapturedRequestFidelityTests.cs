using System.Net;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Fidelity;

/// <summary>Requests nobody captured, checked against the shapes of the captures for the same resource.</summary>
public sealed class UncapturedRequestFidelityTests(EmulatorFixture fx) : SeededStoreTests(fx)
{
    private static void ShapeLike(string capture, JsonNode? actual)
    {
        var expected = Fixtures.Load(capture + ".json");
        if (expected is JsonArray list) expected = list[0];
        var differences = JsonShape.Differences(expected, actual);
        differences.ShouldBeEmpty(string.Join("\n", differences));
    }

    private static JsonArray Items(JsonNode? body) => body.ShouldBeOfType<JsonArray>();

    [Fact]
    public async Task CreateProduct_WhenReadBack_ThenShapedLikeTheCapturedProduct()
    {
        var (created, body) = await Fx.SendAsync(HttpMethod.Post, "/products",
            """{"name":"Emulator Mug","type":"simple","regular_price":"9.50","sku":"EMU-MUG-1","manage_stock":true,"stock_quantity":0,"categories":[{"id":55}],"images":[{"src":"https://example.test/m.png"}]}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = body!["id"]!.GetValue<int>();

        var (read, product) = await Fx.SendAsync(HttpMethod.Get, $"/products/{id}");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        ShapeLike("products_single_simple_with_images", product);
        product!["price"]!.GetValue<string>().ShouldBe("9.50");
        product["stock_status"]!.GetValue<string>().ShouldBe("outofstock");
        product["categories"]![0]!["name"]!.GetValue<string>().ShouldBe("Mugs");
    }

    [Fact]
    public async Task CreateVariation_WhenReadBack_ThenShapedLikeTheCapturedVariationAndListedOnItsParent()
    {
        var (_, parent) = await Fx.SendAsync(HttpMethod.Post, "/products",
            """{"name":"Emulator Tee","type":"variable","attributes":[{"id":1,"variation":true,"options":["Red","Blue"]}]}""");
        var parentId = parent!["id"]!.GetValue<int>();
        var (created, variation) = await Fx.SendAsync(HttpMethod.Post, $"/products/{parentId}/variations",
            """{"regular_price":"12.00","sku":"EMU-TEE-RED","manage_stock":true,"stock_quantity":4,"attributes":[{"id":1,"option":"Red"}]}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = variation!["id"]!.GetValue<int>();

        var (_, read) = await Fx.SendAsync(HttpMethod.Get, $"/products/{parentId}/variations/{id}");
        ShapeLike("products_variation_single", read);
        var (_, viaProducts) = await Fx.SendAsync(HttpMethod.Get, $"/products/{id}");
        ShapeLike("products_single_variation_via_products_endpoint", viaProducts);
        viaProducts!["type"]!.GetValue<string>().ShouldBe("variation");
        var (_, reread) = await Fx.SendAsync(HttpMethod.Get, $"/products/{parentId}");
        reread!["variations"]!.AsArray().Select(v => v!.GetValue<int>()).ShouldBe([id]);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(1)]
    public async Task ListProducts_WithOtherPerPage_ThenPagedWithHeadersAndCapturedShape(int perPage)
    {
        var (first, page1) = await Fx.SendAsync(HttpMethod.Get, $"/products?per_page={perPage}");
        first.Headers.GetValues("X-WP-Total").Single().ShouldBe("125");
        first.Headers.GetValues("X-WP-TotalPages").Single().ShouldBe(((125 + perPage - 1) / perPage).ToString(System.Globalization.CultureInfo.InvariantCulture));
        first.Headers.GetValues("Link").Single().ShouldContain($"page=2>; rel=\"next\"");
        Items(page1).Count.ShouldBe(perPage);
        foreach (var item in Items(page1)) ShapeLike("products_page1_per_page100", item);

        var (second, page2) = await Fx.SendAsync(HttpMethod.Get, $"/products?per_page={perPage}&page=2");
        second.Headers.GetValues("Link").Single().ShouldContain("rel=\"prev\"");
        Items(page2).Select(p => p!["id"]!.GetValue<int>()).Intersect(Items(page1).Select(p => p!["id"]!.GetValue<int>())).ShouldBeEmpty();

        var (past, beyond) = await Fx.SendAsync(HttpMethod.Get, $"/products?per_page={perPage}&page={125 / perPage + 2}");
        past.StatusCode.ShouldBe(HttpStatusCode.OK);
        Items(beyond).ShouldBeEmpty();
        past.Headers.GetValues("X-WP-Total").Single().ShouldBe("125");
    }

    [Theory]
    [InlineData("sku=SHIRT-OXF-001", new[] { 12 })]
    [InlineData("sku=TEE-CREW-W-S", new[] { 44 })]
    [InlineData("status=draft", new[] { 35 })]
    [InlineData("status=private", new[] { 36 })]
    [InlineData("type=variable&orderby=id&order=asc", new[] { 39, 43, 52, 61, 78 })]
    [InlineData("category=37&orderby=id&order=asc", new[] { 12, 13, 14, 43 })]
    [InlineData("search=Bulk%20Widget%20099", new[] { 180 })]
    [InlineData("modified_after=2030-01-01T00:00:00", new int[0])]
    [InlineData("after=2026-11-27T16:35:08Z&before=2026-11-27T16:35:10Z&orderby=id&order=asc", new[] { 35, 36, 37, 39, 43 })]
    public async Task ListProducts_WithFilter_ThenOnlyMatchingProducts(string query, int[] ids)
    {
        var (response, body) = await Fx.SendAsync(HttpMethod.Get, "/products?per_page=100&" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Items(body).Select(p => p!["id"]!.GetValue<int>()).ShouldBe(ids);
    }

    [Fact]
    public async Task ListProducts_OrderedByIdAscending_ThenSorted()
    {
        var (_, body) = await Fx.SendAsync(HttpMethod.Get, "/products?per_page=100&orderby=id&order=asc");
        var ids = Items(body).Select(p => p!["id"]!.GetValue<int>()).ToList();
        ids.ShouldBe(ids.Order().ToList());
    }

    [Theory]
    [InlineData("status=processing,completed", new[] { 202, 196, 194, 191, 190, 188 })]
    [InlineData("status=trash", new[] { 201 })]
    [InlineData("after=2026-11-27T16:37:09&before=2026-11-27T16:37:12&dates_are_gmt=true", new[] { 194, 193, 192 })]
    [InlineData("customer=3", new[] { 196, 189 })]
    public async Task ListOrders_WithFilter_ThenOnlyMatchingOrders(string query, int[] ids)
    {
        var (response, body) = await Fx.SendAsync(HttpMethod.Get, "/orders?per_page=100&" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Items(body).Select(o => o!["id"]!.GetValue<int>()).ShouldBe(ids);
        var captured = Fixtures.Load("orders_all_statuses.json")!.AsArray().Concat(Fixtures.Load("orders_status_trash.json")!.AsArray()).ToList();
        foreach (var order in Items(body))
        {
            var differences = JsonShape.DifferencesFromClosest(captured, order);
            differences.ShouldBeEmpty(string.Join("\n", differences));
        }
    }

    [Fact]
    public async Task UpdateOrder_StatusAndMetaData_ThenReadBackWithBoth()
    {
        var (updated, body) = await Fx.SendAsync(HttpMethod.Put, "/orders/189",
            """{"status":"completed","meta_data":[{"key":"portal_sync","value":"done"}]}""");
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        ShapeLike("orders_single_completed_gb_vat", body);
        var (_, read) = await Fx.SendAsync(HttpMethod.Get, "/orders/189");
        read!["status"]!.GetValue<string>().ShouldBe("completed");
        read["date_completed"].ShouldNotBeNull();
        read["meta_data"]!.AsArray().ShouldContain(m => m!["key"]!.GetValue<string>() == "portal_sync" && m["value"]!.GetValue<string>() == "done");
    }

    [Fact]
    public async Task DeleteOrder_WithoutForce_ThenTrashedAndStillReadable_WithForce_ThenGone()
    {
        (await Fx.StatusAsync(HttpMethod.Delete, "/orders/187")).ShouldBe(HttpStatusCode.OK);
        var (_, trashed) = await Fx.SendAsync(HttpMethod.Get, "/orders/187");
        trashed!["status"]!.GetValue<string>().ShouldBe("trash");
        var (again, _) = await Fx.SendAsync(HttpMethod.Delete, "/orders/187");
        again.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await Fx.StatusAsync(HttpMethod.Delete, "/orders/187?force=true")).ShouldBe(HttpStatusCode.OK);
        (await Fx.StatusAsync(HttpMethod.Get, "/orders/187")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateCustomer_WhenReadBack_ThenShapedLikeTheCapturedCustomer()
    {
        var (created, body) = await Fx.SendAsync(HttpMethod.Post, "/customers",
            """{"email":"new.person@example.test","first_name":"New","last_name":"Person","billing":{"country":"US","state":"CA"}}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var (_, read) = await Fx.SendAsync(HttpMethod.Get, $"/customers/{body!["id"]}");
        ShapeLike("customers_single", read);
        read!["email"]!.GetValue<string>().ShouldBe("new.person@example.test");
    }

    [Fact]
    public async Task CreateOrderAndRefund_WhenReadBack_ThenShapedLikeCapturedOrderAndRefund()
    {
        var (created, order) = await Fx.SendAsync(HttpMethod.Post, "/orders",
            """{"customer_id":2,"payment_method":"bacs","set_paid":true,"billing":{"country":"US","state":"CA","email":"alice.nguyen@example.test"},"line_items":[{"product_id":13,"quantity":2}],"shipping_lines":[{"method_id":"flat_rate","method_title":"Flat rate","total":"10.00"}]}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        ShapeLike("orders_single_processing_coupon_fee", order);
        var id = order!["id"]!.GetValue<int>();
        order["status"]!.GetValue<string>().ShouldBe("processing");
        order["total"]!.GetValue<string>().ShouldBe("150.16"); // 130 + 10 shipping + 7.25 % CA tax on both (9.43 + 0.73)

        var (refunded, refund) = await Fx.SendAsync(HttpMethod.Post, $"/orders/{id}/refunds", """{"amount":"10.00","reason":"scratch","api_refund":false}""");
        refunded.StatusCode.ShouldBe(HttpStatusCode.Created);
        ShapeLike("orders_refunds_create_full", refund);
        var (_, list) = await Fx.SendAsync(HttpMethod.Get, $"/orders/{id}/refunds");
        Items(list).Count.ShouldBe(1);
        var (_, notes) = await Fx.SendAsync(HttpMethod.Get, $"/orders/{id}/notes");
        foreach (var note in Items(notes)) ShapeLike("orders_188_notes", note);
        Items(notes).ShouldContain(n => n!["note"]!.GetValue<string>().StartsWith("Stock levels reduced", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TooLargeRefund_ThenRejected()
    {
        var (response, body) = await Fx.SendAsync(HttpMethod.Post, "/orders/192/refunds", """{"amount":"9999.00","api_refund":false}""");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body!["code"]!.GetValue<string>().ShouldBe("woocommerce_rest_cannot_create_order_refund");
    }

    [Fact]
    public async Task CreateCategoryUnderParent_ThenHierarchicalWithUpLink()
    {
        var (created, body) = await Fx.SendAsync(HttpMethod.Post, "/products/categories", """{"name":"Polo Shirts","parent":37}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        ShapeLike("products_categories", body);
        body!["parent"]!.GetValue<int>().ShouldBe(37);
        body["_links"]!["up"]![0]!["href"]!.GetValue<string>().ShouldEndWith("/products/categories/37");
        var (_, children) = await Fx.SendAsync(HttpMethod.Get, "/products/categories?parent=37");
        Items(children).Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["Polo Shirts"]);
    }

    [Fact]
    public async Task RootIndex_ThenNamespacesAndSiteTimezone()
    {
        var response = await Fx.Client.GetAsync(Fx.Https("/wp-json/"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["namespaces"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldContain("wc/v3");
        body["timezone_string"]!.GetValue<string>().ShouldBe("UTC");
        body["gmt_offset"]!.GetValue<double>().ShouldBe(0);
        body["routes"]!.AsObject().ContainsKey("/wc/v3/products").ShouldBeTrue();
    }

    [Fact]
    public async Task DeleteProduct_WithoutForce_ThenTrashed_WithForce_ThenGoneWithItsVariations()
    {
        var (trashed, body) = await Fx.SendAsync(HttpMethod.Delete, "/products/13");
        trashed.StatusCode.ShouldBe(HttpStatusCode.OK);
        ShapeLike("products_single_simple_with_images", body);
        var (_, inTrash) = await Fx.SendAsync(HttpMethod.Get, "/products?status=trash");
        Items(inTrash).Select(p => p!["id"]!.GetValue<int>()).ShouldBe([13]);

        (await Fx.StatusAsync(HttpMethod.Delete, "/products/39?force=true")).ShouldBe(HttpStatusCode.OK);
        (await Fx.StatusAsync(HttpMethod.Get, "/products/39")).ShouldBe(HttpStatusCode.NotFound);
        (await Fx.StatusAsync(HttpMethod.Get, "/products/40")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task VariationsBatch_CreateUpdateDelete_ThenAppliedToThatParentOnly()
    {
        var (response, body) = await Fx.SendAsync(HttpMethod.Post, "/products/39/variations/batch",
            """{"create":[{"regular_price":"21.00","attributes":[{"id":1,"option":"Green"}]}],"update":[{"id":40,"stock_quantity":3},{"id":44,"stock_quantity":3}],"delete":[41]}""");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body!["create"]![0]!["attributes"]![0]!["option"]!.GetValue<string>().ShouldBe("Green");
        body["update"]![0]!["stock_quantity"]!.GetValue<int>().ShouldBe(3);
        body["update"]![1]!["error"]!["code"]!.GetValue<string>().ShouldBe("woocommerce_rest_product_variation_invalid_id");
        body["delete"]![0]!["id"]!.GetValue<int>().ShouldBe(41);
        var (_, list) = await Fx.SendAsync(HttpMethod.Get, "/products/39/variations");
        Items(list).Select(v => v!["id"]!.GetValue<int>()).ShouldNotContain(41);
        Items(list).Count.ShouldBe(3);
    }
}
