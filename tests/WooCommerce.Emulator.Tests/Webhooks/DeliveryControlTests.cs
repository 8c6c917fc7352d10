using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Webhooks;

/// <summary>The controls that make webhook delivery misbehave (drop, duplicate, delay, reorder) and pause it.</summary>
public sealed class DeliveryControlTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private Receiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await fx.SeedWithReceiverAsync("product.updated");

    public async Task DisposeAsync()
    {
        fx.Emulator.Webhooks.ClearControls();
        await _receiver.DisposeAsync();
    }

    private string Control(string path) => fx.Emulator.BaseUrl + "/__emulator/" + path;

    private async Task SetChaosAsync(object chaos)
    {
        using var response = await fx.Client.PutAsJsonAsync(Control("webhooks/chaos"), chaos);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Updates products as a REST client does; each raises one product.updated.</summary>
    private async Task UpdateProductsAsync(params int[] ids)
    {
        foreach (var id in ids)
        {
            var (response, _) = await fx.SendAsync(HttpMethod.Put, $"/products/{id}", """{"description":"changed"}""");
            using (response) response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    private IReadOnlyList<ReceivedRequest> Deliveries() => [.. _receiver.Received.Where(r => r.Headers.ContainsKey("X-WC-Webhook-Topic"))];

    private static int ResourceId(ReceivedRequest r) => JsonNode.Parse(r.Text)!["id"]!.GetValue<int>();

    private static readonly int[] Products = [12, 13, 14, 17, 18, 20, 21, 23, 24, 26, 27, 28];

    private async Task<int[]> DroppedWithSeedAsync(int seed)
    {
        fx.Emulator.Webhooks.ClearLog();
        await SetChaosAsync(new { drop = 0.5, seed });
        await UpdateProductsAsync(Products);
        await fx.Emulator.Webhooks.WhenIdleAsync();
        var log = fx.Emulator.Webhooks.Deliveries.Where(d => !d.IsPing).ToList();
        log.Count.ShouldBe(Products.Length);
        return [.. log.Where(d => d.Chaos == "dropped").Select(d => JsonNode.Parse(d.Body)!["id"]!.GetValue<int>()).Order()];
    }

    [Fact]
    public async Task DropShare_ThenThoseDeliveriesNeverArrive_AndTheSameSeedDropsTheSameOnes()
    {
        var first = await DroppedWithSeedAsync(seed: 7);
        first.Length.ShouldBeInRange(1, Products.Length - 1);
        Deliveries().Select(ResourceId).Order().ShouldBe(Products.Except(first).Order());

        var second = await DroppedWithSeedAsync(seed: 7);
        second.ShouldBe(first);
        var other = await DroppedWithSeedAsync(seed: 8);
        other.ShouldNotBe(first);
    }

    [Fact]
    public async Task DuplicateAll_ThenEachDeliveryArrivesTwice_WithItsOwnDeliveryId()
    {
        await SetChaosAsync(new { duplicate = 1.0 });
        await UpdateProductsAsync(12);
        await fx.Emulator.Webhooks.WhenIdleAsync();
        var received = Deliveries();
        received.Count.ShouldBe(2);
        received[0].Text.ShouldBe(received[1].Text);
        received[0].Headers["X-WC-Webhook-Delivery-ID"].ShouldNotBe(received[1].Headers["X-WC-Webhook-Delivery-ID"]);
    }

    [Fact]
    public async Task DelayAll_ThenDeliveryComesThatMuchLater()
    {
        await SetChaosAsync(new { delay = 1.0, delay_ms = 600 });
        var before = DateTimeOffset.UtcNow;
        await UpdateProductsAsync(12);
        await fx.Emulator.Webhooks.WhenIdleAsync();
        var delivery = fx.Emulator.Webhooks.Deliveries.Single(d => !d.IsPing);
        delivery.Chaos.ShouldBe("delayed");
        (delivery.At - before).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(600));
        Deliveries().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Reordered_ThenHeldUntilTheNextDeliveryHasBeenSent()
    {
        await SetChaosAsync(new { reorder = 1.0, delay_ms = 8000 });
        await UpdateProductsAsync(12);
        await SetChaosAsync(new { }); // the next event is delivered normally
        await UpdateProductsAsync(13);

        var received = await _receiver.WaitForAsync(3); // ping + 2
        Deliveries().Select(ResourceId).ShouldBe([13, 12]);
        fx.Emulator.Webhooks.Deliveries.Single(d => !d.IsPing && d.Chaos == "reordered").Body.ShouldContain("\"id\":12");
        // Released by the other delivery, not by the 8 s fallback.
        (fx.Emulator.Webhooks.Deliveries.Last().At - fx.Emulator.Webhooks.Deliveries.First(d => !d.IsPing).At).ShouldBeLessThan(TimeSpan.FromSeconds(4));
        received.Count.ShouldBe(3);
    }

    [Fact]
    public async Task InvalidShare_Then400AndChaosUnchanged()
    {
        using var response = await fx.Client.PutAsJsonAsync(Control("webhooks/chaos"), new { drop = 1.5 });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("between 0 and 1");
        fx.Emulator.Webhooks.Chaos.Drop.ShouldBe(0);
    }

    [Fact]
    public async Task Paused_ThenDeliveriesHeldAndCoalesced_AndResumeSendsThem()
    {
        using (var pause = await fx.Client.PostAsync(Control("webhooks/pause"), null)) pause.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await UpdateProductsAsync(12);
        for (var waited = 0; fx.Emulator.Webhooks.Held < 1 && waited < 500; waited++) await Task.Delay(10);
        fx.Emulator.Webhooks.Held.ShouldBe(1);
        await UpdateProductsAsync(12, 13); // 12 is still pending: coalesced, as WooCommerce keeps one pending delivery
        for (var waited = 0; fx.Emulator.Webhooks.Held < 2 && waited < 500; waited++) await Task.Delay(10);
        var queue = JsonNode.Parse(await fx.Client.GetStringAsync(Control("webhooks/queue")))!;
        queue["paused"]!.GetValue<bool>().ShouldBeTrue();
        queue["held"]!.GetValue<int>().ShouldBe(2);
        Deliveries().ShouldBeEmpty();

        using (var resume = await fx.Client.PostAsync(Control("webhooks/resume"), null)) resume.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await fx.Emulator.Webhooks.WhenIdleAsync();
        Deliveries().Select(ResourceId).Order().ShouldBe([12, 13]);
    }

    [Fact]
    public async Task ResetWhileDeliveriesQueued_ThenTheyNeverReachTheNewStoresWebhooks()
    {
        // Both deliveries wait out a 1 s chaos delay, long enough for the reset and the new store's webhook (id 1
        // again) to be in place before they would be sent.
        await SetChaosAsync(new { delay = 1.0, delay_ms = 1000 });
        await UpdateProductsAsync(12, 13);

        await using var next = await fx.SeedWithReceiverAsync("product.updated");
        await fx.Emulator.Webhooks.WhenIdleAsync();
        next.Received.Where(r => r.Headers.ContainsKey("X-WC-Webhook-Topic")).ShouldBeEmpty();
        Deliveries().ShouldBeEmpty();
    }
}
