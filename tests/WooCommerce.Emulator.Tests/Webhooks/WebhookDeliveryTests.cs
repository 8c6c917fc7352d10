using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Webhooks;

public sealed class WebhookDeliveryTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Secret = "test-webhook-secret";
    private Receiver _receiver = null!;

    public async Task InitializeAsync()
    {
        fx.Emulator.SeedFixtureStore();
        lock (fx.Emulator.Store.Sync) fx.Emulator.Store.Webhooks.Clear(); // the seeded hooks point at port 80
        _receiver = await Receiver.StartAsync();
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private async Task<JsonNode> CreateWebhookAsync(string topic, string path = "/hook")
    {
        var (response, body) = await fx.SendAsync(HttpMethod.Post, "/webhooks",
            $$"""{"name":"test {{topic}}","topic":"{{topic}}","delivery_url":"{{_receiver.BaseUrl}}{{path}}","secret":"{{Secret}}"}""");
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return body!;
    }

    private static string IndependentSignature(byte[] body) => Convert.ToBase64String(new HMACSHA256(Encoding.UTF8.GetBytes(Secret)).ComputeHash(body));

    [Fact]
    public async Task CreateWebhook_ThenSynchronousFormPingWithoutWooHeaders()
    {
        var webhook = await CreateWebhookAsync("order.created");

        // The ping happens inside the POST: it is there as soon as the 201 is.
        var ping = _receiver.Received.ShouldHaveSingleItem();
        ping.Text.ShouldBe($"webhook_id={webhook["id"]}");
        ping.Headers["Content-Type"].ShouldStartWith("application/x-www-form-urlencoded");
        ping.Headers.Keys.ShouldNotContain(k => k.StartsWith("X-WC-", StringComparison.OrdinalIgnoreCase));
        ping.Headers["User-Agent"].ShouldBe("WooCommerce/11.0.1 Hookshot (WordPress/7.0.4)");
    }

    [Fact]
    public async Task CreateWebhook_WhenPingFails_ThenStillCreatedAndPingResultRecorded()
    {
        _receiver.Status = 500;
        var webhook = await CreateWebhookAsync("order.created");
        webhook["status"]!.GetValue<string>().ShouldBe("active");
        var ping = fx.Emulator.Webhooks.Deliveries.Last(d => d.IsPing && d.WebhookId == webhook["id"]!.GetValue<int>());
        ping.ResponseStatus.ShouldBe(500);
        lock (fx.Emulator.Store.Sync) fx.Emulator.Store.Webhooks.Single(w => w.Id == webhook["id"]!.GetValue<int>()).PendingDelivery.ShouldBeTrue();
    }

    [Fact]
    public async Task OrderCreated_ThenSignedDeliveryWithWooHeaders_BodyBuiltWhenSent()
    {
        var webhook = await CreateWebhookAsync("order.created");
        var (_, order) = await fx.SendAsync(HttpMethod.Post, "/orders", """{"line_items":[{"product_id":13,"quantity":1}]}""");

        var received = await _receiver.WaitForAsync(2);
        var delivery = received.Last();
        delivery.Headers["X-WC-Webhook-Topic"].ShouldBe("order.created");
        delivery.Headers["X-WC-Webhook-Resource"].ShouldBe("order");
        delivery.Headers["X-WC-Webhook-Event"].ShouldBe("created");
        delivery.Headers["X-WC-Webhook-ID"].ShouldBe(webhook["id"]!.ToJsonString());
        delivery.Headers["X-WC-Webhook-Source"].ShouldBe(fx.Emulator.HttpsBaseUrl + "/");
        Regex.IsMatch(delivery.Headers["X-WC-Webhook-Delivery-ID"], "^[0-9a-f]{32}$").ShouldBeTrue();
        delivery.Headers["X-WC-Webhook-Signature"].ShouldBe(IndependentSignature(delivery.Body));
        delivery.Headers["Content-Type"].ShouldStartWith("application/json");
        JsonNode.Parse(delivery.Text)!["id"]!.GetValue<int>().ShouldBe(order!["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task DeliveryForOrderDeletedBeforeQueueRuns_ThenBodyIsTheRest404()
    {
        // Paused, the queued delivery cannot run before the delete however slow the machine is.
        fx.Emulator.Webhooks.Pause();
        try
        {
            await CreateWebhookAsync("order.created");
            var (_, order) = await fx.SendAsync(HttpMethod.Post, "/orders", """{"line_items":[{"product_id":13,"quantity":1}]}""");
            await fx.SendAsync(HttpMethod.Delete, $"/orders/{order!["id"]}?force=true");
            fx.Emulator.Webhooks.Resume();
            var delivery = (await _receiver.WaitForAsync(2)).Last();
            JsonNode.Parse(delivery.Text)!["code"]!.GetValue<string>().ShouldBe("woocommerce_rest_shop_order_invalid_id");
            delivery.Headers["X-WC-Webhook-Signature"].ShouldBe(IndependentSignature(delivery.Body));
        }
        finally
        {
            fx.Emulator.Webhooks.Resume();
        }
    }

    [Fact]
    public async Task ProductUpdated_ForEachChangedProduct_ThenOneDeliveryEach()
    {
        await CreateWebhookAsync("product.updated");
        foreach (var id in new[] { 82, 83, 84 })
            await fx.SendAsync(HttpMethod.Put, $"/products/{id}", """{"stock_quantity":9}""");
        var received = await _receiver.WaitForAsync(4);
        received.Skip(1).Select(r => JsonNode.Parse(r.Text)!["id"]!.GetValue<int>()).Order().ShouldBe([82, 83, 84]);
    }

    [Fact]
    public async Task OrderTrashed_ThenDeletedDeliveryCarriesOnlyTheId()
    {
        await CreateWebhookAsync("order.deleted");
        await fx.SendAsync(HttpMethod.Delete, "/orders/187");
        var delivery = (await _receiver.WaitForAsync(2)).Last();
        JsonNode.Parse(delivery.Text)!.ToJsonString().ShouldBe("""{"id":187}""");
    }

    [Fact]
    public async Task FailingReceiver_ThenEveryFailureCounted_NoRetry_AndDisabledAfterMoreThanFive()
    {
        var webhook = await CreateWebhookAsync("product.updated");
        var id = webhook["id"]!.GetValue<int>();
        _receiver.Status = 500;
        foreach (var product in Enumerable.Range(82, 6))
        {
            await fx.SendAsync(HttpMethod.Put, $"/products/{product}", """{"stock_quantity":1}""");
            await _receiver.WaitForAsync(1 + product - 81);
        }
        await fx.Emulator.Webhooks.WhenIdleAsync();
        lock (fx.Emulator.Store.Sync)
        {
            var hook = fx.Emulator.Store.Webhooks.Single(w => w.Id == id);
            hook.FailureCount.ShouldBe(6);
            hook.Status.ShouldBe("disabled");
        }
        await fx.Emulator.Webhooks.WhenIdleAsync();
        _receiver.Received.Count.ShouldBe(7, "one ping and six deliveries: a failed delivery is never retried");

        await fx.SendAsync(HttpMethod.Put, "/products/90", """{"stock_quantity":1}""");
        await fx.Emulator.Webhooks.WhenIdleAsync();
        _receiver.Received.Count.ShouldBe(7, "a disabled webhook gets nothing");
    }

    [Fact]
    public async Task SuccessAfterFailures_ThenFailureCountReset()
    {
        var webhook = await CreateWebhookAsync("product.updated");
        _receiver.Status = 500;
        await fx.SendAsync(HttpMethod.Put, "/products/82", """{"stock_quantity":1}""");
        await _receiver.WaitForAsync(2);
        await fx.Emulator.Webhooks.WhenIdleAsync();
        lock (fx.Emulator.Store.Sync) fx.Emulator.Store.Webhooks.Single(w => w.Id == webhook["id"]!.GetValue<int>()).FailureCount.ShouldBe(1);
        _receiver.Status = 200;
        await fx.SendAsync(HttpMethod.Put, "/products/83", """{"stock_quantity":1}""");
        await _receiver.WaitForAsync(3);
        await fx.Emulator.Webhooks.WhenIdleAsync();
        lock (fx.Emulator.Store.Sync) fx.Emulator.Store.Webhooks.Single(w => w.Id == webhook["id"]!.GetValue<int>()).FailureCount.ShouldBe(0);
    }

    [Fact]
    public async Task SameResourceSavedRepeatedlyBeforeTheQueueRuns_ThenOneDelivery()
    {
        // Paused, the queued delivery cannot run between the saves however slow the machine is.
        fx.Emulator.Webhooks.Pause();
        try
        {
            await CreateWebhookAsync("product.updated");
            for (var i = 0; i < 5; i++) await fx.SendAsync(HttpMethod.Put, "/products/82", $$"""{"stock_quantity":{{i}}}""");
            fx.Emulator.Webhooks.Resume();
            await fx.Emulator.Webhooks.WhenIdleAsync();
            var deliveries = _receiver.Received.Skip(1).ToList();
            deliveries.Count.ShouldBe(1);
            JsonNode.Parse(deliveries[0].Text)!["stock_quantity"]!.GetValue<int>().ShouldBe(4, "the body is built when the delivery runs");
        }
        finally
        {
            fx.Emulator.Webhooks.Resume();
        }
    }

    [Fact]
    public async Task ReactivatedWhileStillPending_ThenPingedAgain()
    {
        _receiver.Status = 500;
        var webhook = await CreateWebhookAsync("order.updated");
        await fx.SendAsync(HttpMethod.Put, $"/webhooks/{webhook["id"]}", """{"status":"paused"}""");
        _receiver.Status = 200;
        var (reactivated, body) = await fx.SendAsync(HttpMethod.Put, $"/webhooks/{webhook["id"]}", """{"status":"active"}""");
        reactivated.StatusCode.ShouldBe(HttpStatusCode.OK);
        body!["status"]!.GetValue<string>().ShouldBe("active");
        _receiver.Received.Select(r => r.Text).ShouldBe([$"webhook_id={webhook["id"]}", $"webhook_id={webhook["id"]}"]);
    }
}

public sealed class RefusingEmulatorFixture : EmulatorFixture
{
    public override EmulatorOptions Options => new() { WebhookDelay = TimeSpan.FromMilliseconds(20), RefuseLocalDeliveryUrls = true };
}

public sealed class WebhookUrlPolicyTests(RefusingEmulatorFixture fx) : IClassFixture<RefusingEmulatorFixture>
{
    [Fact]
    public async Task LoopbackPortRefusedLikeWordPress_ThenWebhookCreatedButNothingDelivered()
    {
        fx.Emulator.SeedFixtureStore();
        lock (fx.Emulator.Store.Sync) fx.Emulator.Store.Webhooks.Clear();
        await using var receiver = await Receiver.StartAsync();
        var (created, _) = await fx.SendAsync(HttpMethod.Post, "/webhooks",
            $$"""{"topic":"product.updated","delivery_url":"{{receiver.BaseUrl}}/hook","secret":"s"}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        await fx.SendAsync(HttpMethod.Put, "/products/82", """{"stock_quantity":3}""");
        await fx.Emulator.Webhooks.WhenIdleAsync();
        receiver.Received.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("http://localhost/hook", true)]
    [InlineData("http://127.0.0.1:8765/hook", true)]
    [InlineData("http://127.0.0.1/hook", false)]
    [InlineData("https://127.0.0.1:443/hook", false)]
    [InlineData("http://127.0.0.1:8080/hook", false)]
    [InlineData("https://example.com:9443/hook", false)]
    public void WordPressUrlRule(string url, bool refused) =>
        WooCommerce.Emulator.Webhooks.WebhookDispatcher.IsRefusedByWordPress(url).ShouldBe(refused);
}
