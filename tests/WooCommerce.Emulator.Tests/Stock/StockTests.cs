using System.Net;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Stock;

public sealed class StockTests(EmulatorFixture fx) : SeededStoreTests(fx)
{
    private async Task<int?> StockAsync(string path) => (await Fx.SendAsync(HttpMethod.Get, path)).Body!["stock_quantity"]?.GetValue<int>();

    [Fact]
    public async Task CreatePaidOrder_ThenSimpleAndVariationStockReduced_AndVariationStatusDerived()
    {
        await Fx.SendAsync(HttpMethod.Put, "/products/43/variations/51", """{"stock_quantity":2}""");
        var simpleBefore = await StockAsync("/products/13");

        var (created, order) = await Fx.SendAsync(HttpMethod.Post, "/orders",
            """{"status":"processing","line_items":[{"product_id":13,"quantity":3},{"product_id":43,"variation_id":51,"quantity":2}]}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        (await StockAsync("/products/13")).ShouldBe(simpleBefore - 3);
        var (_, variation) = await Fx.SendAsync(HttpMethod.Get, "/products/43/variations/51");
        variation!["stock_quantity"]!.GetValue<int>().ShouldBe(0);
        variation["stock_status"]!.GetValue<string>().ShouldBe("outofstock");
        order!["line_items"]![0]!["meta_data"]!.AsArray().ShouldContain(m => m!["key"]!.GetValue<string>() == "_reduced_stock");
    }

    [Fact]
    public async Task PendingOrder_ThenStockUntouched_UntilProcessing_AndCancelGivesItBack()
    {
        var before = await StockAsync("/products/21");
        var (_, order) = await Fx.SendAsync(HttpMethod.Post, "/orders", """{"line_items":[{"product_id":21,"quantity":2}]}""");
        var id = order!["id"]!.GetValue<int>();
        (await StockAsync("/products/21")).ShouldBe(before);

        await Fx.SendAsync(HttpMethod.Put, $"/orders/{id}", """{"status":"processing"}""");
        (await StockAsync("/products/21")).ShouldBe(before - 2);
        await Fx.SendAsync(HttpMethod.Put, $"/orders/{id}", """{"status":"completed"}""");
        (await StockAsync("/products/21")).ShouldBe(before - 2);

        await Fx.SendAsync(HttpMethod.Put, $"/orders/{id}", """{"status":"cancelled"}""");
        (await StockAsync("/products/21")).ShouldBe(before);
    }

    [Fact]
    public async Task RefundWithRestock_ThenQuantityReturnedToStock()
    {
        var (_, order) = await Fx.SendAsync(HttpMethod.Post, "/orders", """{"set_paid":true,"line_items":[{"product_id":28,"quantity":2}]}""");
        var line = order!["line_items"]![0]!;
        var before = await StockAsync("/products/28");
        var body = $$"""{"amount":"119.00","api_refund":false,"api_restock":true,"line_items":[{"id":{{line["id"]}},"quantity":1,"refund_total":119.00}]}""";
        (await Fx.StatusAsync(HttpMethod.Post, $"/orders/{order["id"]}/refunds", body)).ShouldBe(HttpStatusCode.Created);
        (await StockAsync("/products/28")).ShouldBe(before + 1);
    }

    [Fact]
    public async Task BatchOfMoreThan100_CountingAllOperations_ThenRejectedAndNothingChanged()
    {
        var before = await StockAsync("/products/82");
        var updates = string.Join(",", Enumerable.Range(82, 60).Select(id => $$"""{"id":{{id}},"stock_quantity":1}"""));
        var deletes = string.Join(",", Enumerable.Range(150, 41));
        var (response, body) = await Fx.SendAsync(HttpMethod.Post, "/products/batch", $$"""{"update":[{{updates}}],"delete":[{{deletes}}]}""");
        response.StatusCode.ShouldBe((HttpStatusCode)413);
        body!["code"]!.GetValue<string>().ShouldBe("woocommerce_rest_request_entity_too_large");
        (await StockAsync("/products/82")).ShouldBe(before);

        var exactly100 = string.Join(",", Enumerable.Range(82, 100).Select(id => $$"""{"id":{{id}},"stock_quantity":5}"""));
        (await Fx.StatusAsync(HttpMethod.Post, "/products/batch", $$"""{"update":[{{exactly100}}]}""")).ShouldBe(HttpStatusCode.OK);
        (await StockAsync("/products/82")).ShouldBe(5);
    }

    [Fact]
    public async Task BatchWithNonNumericStock_ThenStoredAsZero_WhileSinglePutRejectsIt()
    {
        (await Fx.StatusAsync(HttpMethod.Put, "/products/83", """{"stock_quantity":"abc"}""")).ShouldBe(HttpStatusCode.BadRequest);
        (await Fx.StatusAsync(HttpMethod.Post, "/products/batch", """{"update":[{"id":83,"stock_quantity":"abc"}]}""")).ShouldBe(HttpStatusCode.OK);
        (await StockAsync("/products/83")).ShouldBe(0);
    }

    [Fact]
    public async Task VariationWhoseParentManagesStock_ThenShownAsParent_AndOrderReducesTheParent()
    {
        var (_, before) = await Fx.SendAsync(HttpMethod.Get, "/products/78/variations/80");
        before!["manage_stock"]!.GetValue<string>().ShouldBe("parent");
        var parentStock = await StockAsync("/products/78");
        before["stock_quantity"]!.GetValue<int>().ShouldBe(parentStock!.Value);

        await Fx.SendAsync(HttpMethod.Post, "/orders", """{"status":"processing","line_items":[{"product_id":78,"variation_id":80,"quantity":5}]}""");

        (await StockAsync("/products/78")).ShouldBe(parentStock - 5);
        (await StockAsync("/products/78/variations/79")).ShouldBe(parentStock - 5);
    }
}
