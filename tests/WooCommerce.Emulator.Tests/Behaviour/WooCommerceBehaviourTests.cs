using System.Net;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Tests.Fidelity;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Behaviour;

/// <summary>
/// Where a real WooCommerce 11 store answered differently from the emulator (issue 11), checked against the
/// captures in shared/woo-fixtures/captures-2 where one exists.
/// </summary>
public sealed class WooCommerceBehaviourTests(EmulatorFixture fx) : SeededStoreTests(fx)
{
    private static JsonNode Capture(string name) => Fixtures.Load($"captures-2/{name}.json")!;

    /// <summary>Creates the resource, returns (the item path, the GET error code once it is gone).</summary>
    private async Task<(string Path, string GoneCode)> CreateAsync(string resource)
    {
        switch (resource)
        {
            case "product":
                return ($"/products/{await Fx.CreateAsync("/products", """{"name":"To delete","regular_price":"5"}""")}", "woocommerce_rest_product_invalid_id");
            case "variation":
                return ($"/products/43/variations/{await Fx.CreateAsync("/products/43/variations", """{"regular_price":"5"}""")}", "woocommerce_rest_product_variation_invalid_id");
            case "order":
                return ($"/orders/{await Fx.CreateAsync("/orders", """{"line_items":[{"product_id":13,"quantity":1}]}""")}", Capture("delete_json_body_force_order_get_after").Str("code"));
            case "note":
                return ($"/orders/188/notes/{await Fx.CreateAsync("/orders/188/notes", """{"note":"to delete"}""")}", "woocommerce_rest_order_invalid_id");
            case "refund":
                var order = await Fx.CreateAsync("/orders", """{"status":"processing","line_items":[{"product_id":13,"quantity":1}]}""");
                return ($"/orders/{order}/refunds/{await Fx.CreateAsync($"/orders/{order}/refunds", """{"amount":"1.00","api_refund":false}""")}", "woocommerce_rest_invalid_id");
            case "customer":
                return ($"/customers/{await Fx.CreateAsync("/customers", """{"email":"delete.me@example.test"}""")}", Capture("delete_json_body_force_customer_get_after").Str("code"));
            case "category":
                return ($"/products/categories/{await Fx.CreateAsync("/products/categories", """{"name":"Fixture Delete Category"}""")}", Capture("delete_json_body_force_category_get_after").Str("code"));
            case "tag":
                return ($"/products/tags/{await Fx.CreateAsync("/products/tags", """{"name":"Delete tag"}""")}", "woocommerce_rest_term_invalid");
            case "attribute":
                return ($"/products/attributes/{await Fx.CreateAsync("/products/attributes", """{"name":"Delete attribute"}""")}", "woocommerce_rest_taxonomy_invalid");
            case "term":
                return ($"/products/attributes/1/terms/{await Fx.CreateAsync("/products/attributes/1/terms", """{"name":"Delete term"}""")}", "woocommerce_rest_term_invalid");
            case "webhook":
                return ($"/webhooks/{await Fx.CreateAsync("/webhooks", """{"topic":"order.created","delivery_url":"http://127.0.0.1:9/hook"}""")}", "woocommerce_rest_webhook_invalid_id");
            default:
                throw new ArgumentOutOfRangeException(nameof(resource));
        }
    }

    [Theory]
    [InlineData("product")]
    [InlineData("variation")]
    [InlineData("order")]
    [InlineData("note")]
    [InlineData("refund")]
    [InlineData("customer")]
    [InlineData("category")]
    [InlineData("tag")]
    [InlineData("attribute")]
    [InlineData("term")]
    [InlineData("webhook")]
    public async Task DeleteWithJsonBodyForceOverOAuth_ThenDeletedPermanently_AndGetAnswers404(string resource)
    {
        var (path, goneCode) = await CreateAsync(resource);

        var (status, deleted) = await Fx.OAuthAsync(HttpMethod.Delete, path, """{"force":true}""");

        status.ShouldBe(HttpStatusCode.OK, deleted?.ToJsonString());
        deleted!["id"]!.GetValue<int>().ShouldBe(int.Parse(path.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture));
        var (after, error) = await Fx.SendAsync(HttpMethod.Get, path);
        using (after) after.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        error.Str("code").ShouldBe(goneCode);
    }

    [Fact]
    public async Task DeleteOrderWithJsonBodyForce_ThenAnswerShapedAsTheCapture()
    {
        var id = await Fx.CreateAsync("/orders", """{"line_items":[{"product_id":13,"quantity":1}]}""");
        var (response, body) = await Fx.SendAsync(HttpMethod.Delete, $"/orders/{id}", """{"force":true}""");
        using (response) response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.Str("status").ShouldBe(Capture("delete_json_body_force_order").Str("status"));
        Fx.Emulator.Store.Order(id).ShouldBeNull(); // not trashed: gone
    }

    [Fact]
    public async Task DeleteWithJsonBodyForceFalse_ThenProductTrashedNotDeleted()
    {
        var id = await Fx.CreateAsync("/products", """{"name":"Trash me"}""");
        var (response, body) = await Fx.SendAsync(HttpMethod.Delete, $"/products/{id}", """{"force":false}""");
        using (response) response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.Str("status").ShouldBe("trash");
    }

    [Fact]
    public async Task CreateProductWithPriceAndPassword_ThenEchoedAsSent()
    {
        var expected = Capture("products_create_price_echo");
        var (response, body) = await Fx.SendAsync(HttpMethod.Post, "/products", """{"name":"Echo test","type":"simple","regular_price":"25","post_password":"test_123"}""");
        using (response) response.StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var field in new[] { "regular_price", "price", "sale_price", "post_password", "price_html" })
            body.Str(field).ShouldBe(expected.Str(field), field);
    }

    [Fact]
    public async Task UpdateOrderWithLineItems_ThenLineWithoutIdAdded_AndLineWithIdUpdated()
    {
        var id = await Fx.CreateAsync("/orders", """{"billing":{"country":"US","state":"CA"},"line_items":[{"product_id":14,"quantity":1}]}""");

        var (added, order) = await Fx.OAuthAsync(HttpMethod.Put, $"/orders/{id}", """{"line_items":[{"product_id":13,"quantity":2}]}""");

        added.ShouldBe(HttpStatusCode.OK);
        var expected = Capture("orders_update_add_line_items");
        var lines = order!["line_items"]!.AsArray();
        lines.Count.ShouldBe(expected["line_items"]!.AsArray().Count);
        lines[1]!["quantity"]!.GetValue<int>().ShouldBe(2);
        lines[1]!["product_id"]!.GetValue<int>().ShouldBe(13);
        var unit = decimal.Parse(lines[1].Str("total"), System.Globalization.CultureInfo.InvariantCulture) / 2;
        decimal.Parse(order.Str("total"), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(lines.Sum(l => decimal.Parse(l.Str("total"), System.Globalization.CultureInfo.InvariantCulture) + decimal.Parse(l.Str("total_tax"), System.Globalization.CultureInfo.InvariantCulture)));

        var lineId = lines[1]!["id"]!.GetValue<int>();
        var (updated, after) = await Fx.SendAsync(HttpMethod.Put, $"/orders/{id}", $$"""{"line_items":[{"id":{{lineId}},"quantity":3}]}""");
        using (updated) updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        after!["line_items"]!.AsArray().Count.ShouldBe(2);
        after["line_items"]![1]!["quantity"]!.GetValue<int>().ShouldBe(3);
        decimal.Parse(after["line_items"]![1].Str("total"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(unit * 3);

        var (unknown, error) = await Fx.SendAsync(HttpMethod.Put, $"/orders/{id}", """{"line_items":[{"id":999999,"quantity":1}]}""");
        using (unknown) unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error.Str("code").ShouldBe("woocommerce_rest_invalid_item_id");
    }

    [Fact]
    public async Task RefundWithLineItemWithoutId_ThenIgnored_And201()
    {
        var expected = Capture("orders_refund_line_items_without_id");
        var id = await Fx.CreateAsync("/orders", """{"status":"processing","line_items":[{"product_id":13,"quantity":1}]}""");
        var (response, refund) = await Fx.SendAsync(HttpMethod.Post, $"/orders/{id}/refunds", """{"api_refund":false,"amount":"1.00","line_items":[{"product_id":13}]}""");
        using (response) response.StatusCode.ShouldBe(HttpStatusCode.Created);
        refund.Str("amount").ShouldBe(expected.Str("amount"));
        refund!["line_items"]!.AsArray().Count.ShouldBe(0);
        refund["meta_data"]![0].Str("value").ShouldBe("partial");
    }

    [Theory]
    [InlineData("London")]        // billing city (captures-2/orders_search_billing_city)
    [InlineData("SW1A 2AA")]      // postcode
    [InlineData("Hughes & Co")]   // company
    [InlineData("Downing")]       // address line 1
    [InlineData("+44 20 7946")]   // phone
    public async Task SearchOrders_ThenEveryBillingAndShippingFieldIsSearched(string term)
    {
        var (response, orders) = await Fx.SendAsync(HttpMethod.Get, "/orders?search=" + Uri.EscapeDataString(term));
        using (response) response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var found = orders!.AsArray();
        found.Count.ShouldBeGreaterThan(0);
        found.ShouldAllBe(o => new[] { "billing", "shipping" }.Any(a => o![a]!.AsObject().Any(f => f.Value!.GetValue<string>().Contains(term, StringComparison.OrdinalIgnoreCase))));
    }

    [Fact]
    public async Task SearchOrdersByShippingPostcode_ThenOrdersShippedThere()
    {
        // captures-2/orders_search_shipping_postcode: every order found ships to (or bills) the postcode.
        Capture("orders_search_shipping_postcode").AsArray().ShouldAllBe(o => o!["shipping"]!["postcode"]!.GetValue<string>() == "94105");
        var (_, orders) = await Fx.SendAsync(HttpMethod.Get, "/orders?search=94102");
        var store = Fx.Emulator.Store;
        int[] expected;
        lock (store.Sync) expected = [.. store.Orders.Where(o => o.Status != "trash" && (o.Billing.Postcode == "94102" || o.Shipping.Postcode == "94102")).Select(o => o.Id)];
        expected.Length.ShouldBeGreaterThan(0);
        orders!.AsArray().Select(o => o!["id"]!.GetValue<int>()).Order().ShouldBe(expected.Order());
    }

    [Fact]
    public async Task FilterProductsBySlug_ThenOnlyThatProduct()
    {
        var (_, products) = await Fx.OAuthAsync(HttpMethod.Get, "/products?slug=silk-camisole-top");
        products!.AsArray().Select(p => p.Str("name")).ShouldBe(["Silk Camisole Top"]);
        Capture("products_filter_slug").AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task FilterProductsByMinAndMaxPrice_ThenOnlyPricesInRange()
    {
        var (response, products) = await Fx.SendAsync(HttpMethod.Get, "/products?min_price=10&max_price=30&per_page=100");
        using (response) response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = products!.AsArray();
        list.Count.ShouldBeGreaterThan(5);
        foreach (var p in list.Where(p => p.Str("type") == "simple"))
            decimal.Parse(p.Str("price"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(10m, 30m);
        var store = Fx.Emulator.Store;
        lock (store.Sync)
        {
            // Listed when the product's price range (a variable product's variations) overlaps 10-30.
            var expected = store.Products.Where(p => !p.IsVariation && p.Status != "trash").Count(p =>
                (p.Type == "variable" ? store.VariationsOf(p.Id).Select(v => v.Price) : [p.Price]).OfType<decimal>().ToList() is { Count: > 0 } prices
                && prices.Min() <= 30m && prices.Max() >= 10m);
            list.Count.ShouldBe(expected);
        }
    }

    [Fact]
    public async Task FilterProductsByParentCategory_ThenChildCategoriesProductsIncluded()
    {
        // captures-2/products_filter_category_parent: the root category (31 there) has no product of its own, yet
        // the filter lists the products of its children and grandchildren.
        var captured = Capture("products_filter_category_parent").AsArray();
        captured.ShouldNotBeEmpty();
        captured.ShouldAllBe(p => p!["categories"]!.AsArray().All(c => c!["id"]!.GetValue<int>() != 31));

        var store = Fx.Emulator.Store;
        int[] expected;
        lock (store.Sync)
        {
            store.Products.ShouldAllBe(p => !p.CategoryIds.Contains(46)); // Electronics, like the captured root, holds nothing directly
            var tree = new[] { 46, 47, 48, 49, 50, 51 };
            store.Categories.Where(c => tree.Contains(c.Id) && c.Id != 46).ShouldAllBe(c => tree.Contains(c.Parent));
            expected = [.. store.Products.Where(p => !p.IsVariation && p.Status != "trash" && p.CategoryIds.Any(tree.Contains)).Select(p => p.Id).Order()];
        }
        expected.ShouldNotBeEmpty();
        var (_, products) = await Fx.SendAsync(HttpMethod.Get, "/products?category=46&per_page=100");
        products!.AsArray().Select(p => p!["id"]!.GetValue<int>()).Order().ShouldBe(expected);
        var (_, direct) = await Fx.SendAsync(HttpMethod.Get, "/products?category=48&per_page=100");
        direct!.AsArray().Count.ShouldBeLessThan(expected.Length);
    }

    [Fact]
    public async Task CreateProductWithDateCreated_ThenStored_AndAfterBeforeMatchIt()
    {
        var id = await Fx.CreateAsync("/products", """{"name":"Dated","regular_price":"3","date_created":"2020-02-03T04:05:06"}""");
        var (_, product) = await Fx.SendAsync(HttpMethod.Get, $"/products/{id}");
        product.Str("date_created").ShouldBe("2020-02-03T04:05:06");
        var (_, found) = await Fx.SendAsync(HttpMethod.Get, "/products?after=2020-02-01T00:00:00&before=2020-02-05T00:00:00");
        found!.AsArray().Select(p => p!["id"]!.GetValue<int>()).ShouldBe([id]);
    }

    [Fact]
    public async Task GroupedProduct_ThenPricedFromItsChildren()
    {
        var cheap = await Fx.CreateAsync("/products", """{"name":"Child A","regular_price":"10"}""");
        var dear = await Fx.CreateAsync("/products", """{"name":"Child B","regular_price":"20"}""");
        var (response, grouped) = await Fx.SendAsync(HttpMethod.Post, "/products", $$"""{"name":"Bundle","type":"grouped","grouped_products":[{{cheap}},{{dear}}]}""");
        using (response) response.StatusCode.ShouldBe(HttpStatusCode.Created);
        grouped.Str("price").ShouldBe("10");
        grouped!["grouped_products"]!.AsArray().Select(n => n!.GetValue<int>()).ShouldBe([cheap, dear]);
        grouped.Str("price_html").ShouldContain("10.00");
        grouped.Str("price_html").ShouldContain("20.00");
        var (_, inRange) = await Fx.SendAsync(HttpMethod.Get, "/products?type=grouped&min_price=15");
        inRange!.AsArray().Select(p => p!["id"]!.GetValue<int>()).ShouldContain(grouped["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateOrderWithCouponLines_ThenCouponLineCarriesCouponInfo()
    {
        var expected = Capture("orders_create_with_coupon_lines")["coupon_lines"]![0]!;
        var (response, order) = await Fx.SendAsync(HttpMethod.Post, "/orders", """{"line_items":[{"product_id":13,"quantity":1}],"coupon_lines":[{"code":"save10"}]}""");
        using (response) response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var line = order!["coupon_lines"]![0]!;
        var meta = line["meta_data"]!.AsArray().Single();
        meta.Str("key").ShouldBe(expected["meta_data"]![0].Str("key"));
        var info = JsonNode.Parse(meta.Str("value"))!.AsArray();
        var captured = JsonNode.Parse(expected["meta_data"]![0].Str("value"))!.AsArray();
        info.Skip(1).Select(n => n!.ToJsonString()).ShouldBe(captured.Skip(1).Select(n => n!.ToJsonString())); // code, type, amount
        info[0]!.GetValue<int>().ShouldBe(182); // the seeded save10's id
        meta.Str("display_value").ShouldBe(meta.Str("value"));
        JsonShape.Differences(expected, line).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetCustomerZero_Then404AsTheCapture()
    {
        var expected = Capture("customers_get_zero");
        var (status, body) = await Fx.OAuthAsync(HttpMethod.Get, "/customers/0");
        status.ShouldBe(HttpStatusCode.NotFound);
        body!.ToJsonString().ShouldBe(expected.ToJsonString());
    }

    [Fact]
    public async Task SystemStatus_ThenDatabaseTablesCarryStringSizesAndEngine()
    {
        var (response, status) = await Fx.SendAsync(HttpMethod.Get, "/system_status");
        using (response) response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tables = status!["database"]!["database_tables"]!;
        var captured = Fixtures.Load("system_status_trimmed.json")!["database"]!["database_tables"]!;
        foreach (var group in new[] { "woocommerce", "other" })
        {
            var byName = tables[group]!.AsObject();
            foreach (var name in captured[group]!.AsArray().Select(n => n!.GetValue<string>()).Where(byName.ContainsKey))
            {
                var table = byName[name]!;
                JsonShape.Kind(table["data"]).ShouldBe("string");
                JsonShape.Kind(table["index"]).ShouldBe("string");
                table.Str("engine").ShouldBe("InnoDB");
            }
            byName.Count.ShouldBeGreaterThan(5);
        }
        JsonShape.Kind(status["database"]!["database_size"]!["data"]).ShouldBe("number");
    }
}
