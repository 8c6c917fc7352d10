using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Control;

/// <summary>Placing an order as a shopper through checkout, the admin's order actions, and generated orders' webhooks.</summary>
public sealed class ShopControlTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private Receiver _receiver = null!;

    public async Task InitializeAsync() =>
        _receiver = await fx.SeedWithReceiverAsync("order.created", "order.updated", "order.deleted", "product.updated", "coupon.updated");

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private const string Billing = """{"first_name":"Alice","last_name":"Nguyen","address_1":"1200 Market St","city":"San Francisco","state":"CA","postcode":"94102","country":"US","email":"alice.nguyen@example.test"}""";

    private async Task<(HttpStatusCode Status, JsonNode? Body)> ControlAsync(string path, string json)
    {
        using var response = await fx.Client.PostAsync(fx.Emulator.BaseUrl + "/__emulator/" + path, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private async Task<JsonNode> CheckoutAsync(string gateway = "bacs", bool paid = true, int quantity = 1, string extra = "")
    {
        var (status, order) = await ControlAsync("checkout", $$"""
            {"billing":{{Billing}},"line_items":[{"product_id":13,"quantity":{{quantity}}},{"product_id":43,"variation_id":51,"quantity":1}],
             "shipping_method":"flat_rate","payment_method":"{{gateway}}","paid":{{(paid ? "true" : "false")}}{{extra}}}
            """);
        status.ShouldBe(HttpStatusCode.Created, order?.ToJsonString());
        return order!;
    }

    private async Task<int?> StockAsync(int id) => (await fx.SendAsync(HttpMethod.Get, $"/products/{id}")).Body!["stock_quantity"]?.GetValue<int>();

    private static decimal Dec(JsonNode? node) => decimal.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);

    private IEnumerable<(string Topic, int Id)> Delivered() => _receiver.Received
        .Where(r => r.Headers.ContainsKey("X-WC-Webhook-Topic"))
        .Select(r => (r.Headers["X-WC-Webhook-Topic"], JsonNode.Parse(r.Text)!["id"]!.GetValue<int>()));

    [Fact]
    public async Task Checkout_Paid_ThenProcessingOrderPricedByTheStore_AndTheWebhooksACheckoutFires()
    {
        var stock = await StockAsync(13);
        var order = await CheckoutAsync(extra: ""","fees":[{"name":"Gift wrap","total":"5.00"}],"coupons":["save10"],"transaction_id":"pi_123" """);
        var id = order["id"]!.GetValue<int>();

        order.Str("status").ShouldBe("processing");
        order.Str("created_via").ShouldBe("checkout");
        order.Str("transaction_id").ShouldBe("pi_123");
        order["date_paid"].ShouldNotBeNull();
        order.Str("payment_method_title").ShouldBe("Direct bank transfer");
        var lines = order["line_items"]!.AsArray();
        lines.Select(l => l!["variation_id"]!.GetValue<int>()).ShouldBe([0, 51]);
        order["shipping_lines"]![0].Str("method_id").ShouldBe("flat_rate");
        Dec(order["shipping_lines"]![0]!["total"]).ShouldBe(10m); // the US zone's flat rate
        order["fee_lines"]![0].Str("name").ShouldBe("Gift wrap");
        order["coupon_lines"]![0].Str("code").ShouldBe("save10");
        order["tax_lines"]!.AsArray().Select(t => t.Str("label")).ShouldBe(["CA State Tax"]);
        Dec(order["line_items"]![0]!["total_tax"]).ShouldBe(Math.Round(Dec(order["line_items"]![0]!["total"]) * 0.0725m, 2, MidpointRounding.AwayFromZero));
        Dec(order["total"]).ShouldBe(lines.Sum(l => Dec(l!["total"]) + Dec(l["total_tax"])) + 5m + Dec(order["fee_lines"]![0]!["total_tax"])
            + Dec(order["shipping_total"]) + Dec(order["shipping_tax"]));
        (await StockAsync(13)).ShouldBe(stock - 1);

        await fx.Emulator.Webhooks.WhenIdleAsync();
        var delivered = Delivered().ToList();
        delivered.ShouldContain(("order.created", id));
        delivered.ShouldContain(("order.updated", id));
        delivered.ShouldContain(("product.updated", 13));
        delivered.ShouldContain(("coupon.updated", 182));
        // Deliveries run concurrently (as Action Scheduler's do across runners), so only the set is fixed.
        delivered.Count(d => d.Id == id).ShouldBe(2);
    }

    [Fact]
    public async Task Checkout_InNewYorkCity_ThenStateAndCityRatesStackOnEveryTaxableLine()
    {
        const string ny = """{"first_name":"Bob","last_name":"Martinez","address_1":"350 5th Ave","city":"New York","state":"NY","postcode":"10001","country":"US","email":"bob.martinez@example.test"}""";
        var (status, order) = await ControlAsync("checkout", $$"""
            {"billing":{{ny}},"line_items":[{"product_id":13,"quantity":1}],"shipping_method":"flat_rate","fees":[{"name":"Handling","total":"2.00"}],"payment_method":"cod"}
            """);
        status.ShouldBe(HttpStatusCode.Created, order?.ToJsonString());

        order!["tax_lines"]!.AsArray().Select(t => t.Str("label")).Order().ShouldBe(["NY State Tax", "NYC Tax"]);
        var line = order["line_items"]![0]!;
        line["taxes"]!.AsArray().Count.ShouldBe(2);
        var total = Dec(line["total"]);
        Dec(line["total_tax"]).ShouldBe(Math.Round(total * 0.04m, 2, MidpointRounding.AwayFromZero) + Math.Round(total * 0.045m, 2, MidpointRounding.AwayFromZero));
        order["shipping_lines"]![0]!["taxes"]!.AsArray().Count.ShouldBe(2);
        Dec(order["total_tax"]).ShouldBe(order["tax_lines"]!.AsArray().Sum(t => Dec(t!["tax_total"]) + Dec(t["shipping_tax_total"])));
    }

    [Theory]
    [InlineData("bacs", "on-hold", "Awaiting BACS payment")]
    [InlineData("cheque", "on-hold", "Awaiting check payment")]
    [InlineData("cod", "processing", null)]
    public async Task Checkout_AwaitingPayment_ThenStatusAsTheGatewaySetsIt(string gateway, string status, string? note)
    {
        var order = await CheckoutAsync(gateway, paid: false);
        order.Str("status").ShouldBe(status);
        if (gateway != "cod") order["date_paid"].ShouldBeNull();
        var (_, notes) = await fx.SendAsync(HttpMethod.Get, $"/orders/{order["id"]}/notes");
        if (note is not null) notes!.AsArray().Select(n => n.Str("note")).ShouldContain(note);
    }

    [Fact]
    public async Task Checkout_WithUnknownGatewayOrTooLittleStock_Then400AndNoOrder()
    {
        var before = fx.Emulator.Store.Orders.Count;
        var (status, error) = await ControlAsync("checkout", $$"""{"billing":{{Billing}},"line_items":[{"product_id":13}],"payment_method":"stripe"}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        error.Str("code").ShouldBe("woocommerce_checkout_error");
        error.Str("message").ShouldBe("Invalid payment method.");

        (status, error) = await ControlAsync("checkout", $$"""{"billing":{{Billing}},"line_items":[{"product_id":13,"quantity":100000}],"payment_method":"cod"}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        error.Str("message").ShouldStartWith("Sorry, we do not have enough");
        fx.Emulator.Store.Orders.Count.ShouldBe(before);
    }

    [Fact]
    public async Task AdminPaysAndCompletes_ThenProcessingWithPaymentThenCompleted()
    {
        var order = await CheckoutAsync("cheque", paid: false);
        var id = order["id"]!.GetValue<int>();

        var (status, paid) = await ControlAsync($"orders/{id}/pay", """{"transaction_id":"CHK-42"}""");
        status.ShouldBe(HttpStatusCode.OK);
        paid.Str("status").ShouldBe("processing");
        paid.Str("transaction_id").ShouldBe("CHK-42");
        paid!["date_paid"].ShouldNotBeNull();

        var (_, completed) = await ControlAsync($"orders/{id}/complete", "{}");
        completed.Str("status").ShouldBe("completed");
        completed!["date_completed"].ShouldNotBeNull();

        var (again, error) = await ControlAsync($"orders/{id}/pay", "{}");
        again.ShouldBe(HttpStatusCode.BadRequest);
        error.Str("code").ShouldBe("woocommerce_invalid_order_status");
    }

    [Fact]
    public async Task AdminCancels_ThenStockGivenBack()
    {
        var stock = await StockAsync(13);
        var order = await CheckoutAsync(quantity: 2);
        (await StockAsync(13)).ShouldBe(stock - 2);
        var (_, cancelled) = await ControlAsync($"orders/{order["id"]}/cancel", "{}");
        cancelled.Str("status").ShouldBe("cancelled");
        (await StockAsync(13)).ShouldBe(stock);
    }

    [Fact]
    public async Task AdminTrashes_ThenOrderInTrash_AndOrderDeletedFired()
    {
        var order = await CheckoutAsync();
        var id = order["id"]!.GetValue<int>();
        var (status, trashed) = await ControlAsync($"orders/{id}/trash", "{}");
        status.ShouldBe(HttpStatusCode.OK);
        trashed.Str("status").ShouldBe("trash");
        await fx.Emulator.Webhooks.WhenIdleAsync();
        Delivered().ShouldContain(("order.deleted", id));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AdminRefundsALine_ThenRefundOfThatQuantity_AndStockBackOnlyWithRestock(bool restock)
    {
        var stock = await StockAsync(13);
        var order = await CheckoutAsync(quantity: 2);
        var line = order["line_items"]![0]!;
        var (status, refund) = await ControlAsync($"orders/{order["id"]}/refund", $$"""{"line_items":[{"id":{{line["id"]}},"quantity":1}],"restock":{{(restock ? "true" : "false")}},"reason":"damaged"}""");

        status.ShouldBe(HttpStatusCode.Created, refund?.ToJsonString());
        static decimal Half(decimal v) => Math.Round(v / 2, 2, MidpointRounding.AwayFromZero);
        Dec(refund!["amount"]).ShouldBe(Half(Dec(line["total"])) + Half(Dec(line["total_tax"])));
        refund["line_items"]![0]!["quantity"]!.GetValue<int>().ShouldBe(-1);
        refund.Str("reason").ShouldBe("damaged");
        refund["refunded_payment"]!.GetValue<bool>().ShouldBeFalse();
        (await StockAsync(13)).ShouldBe(restock ? stock - 1 : stock - 2);
        var (_, after) = await fx.SendAsync(HttpMethod.Get, $"/orders/{order["id"]}");
        after.Str("status").ShouldBe("processing");
    }

    [Fact]
    public async Task AdminRefundsWithoutLines_ThenWholeRemainderRefunded_AndOrderRefunded()
    {
        var stock = await StockAsync(13);
        var order = await CheckoutAsync();
        var (status, refund) = await ControlAsync($"orders/{order["id"]}/refund", "{}");
        status.ShouldBe(HttpStatusCode.Created);
        refund.Str("amount").ShouldBe(order.Str("total"));
        refund!["line_items"]!.AsArray().ShouldBeEmpty();
        var (_, after) = await fx.SendAsync(HttpMethod.Get, $"/orders/{order["id"]}");
        after.Str("status").ShouldBe("refunded");
        (await StockAsync(13)).ShouldBe(stock - 1); // nothing restocked without refunded lines
    }

    [Fact]
    public async Task GenerateOrders_ThenEachFiresTheWebhooksPlacingItWould()
    {
        var (status, generated) = await ControlAsync("generate/orders", """{"count":3,"seed":4}""");
        status.ShouldBe(HttpStatusCode.OK);
        var ids = generated!["ids"]!.AsArray().Select(i => i!.GetValue<int>()).ToList();
        await fx.Emulator.Webhooks.WhenIdleAsync();
        var delivered = Delivered().ToList();
        foreach (var id in ids)
        {
            delivered.ShouldContain(("order.created", id));
            delivered.ShouldContain(("order.updated", id));
        }
        delivered.Count(d => d.Topic == "order.created").ShouldBe(3);
    }
}
