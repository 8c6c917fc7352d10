using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Fidelity;

/// <summary>
/// One case per captured webhook request in shared/woo-fixtures/webhooks: the same kind of event is caused on the
/// emulator and what reaches a loopback receiver is compared with the capture (headers, User-Agent, body shape).
/// </summary>
public sealed class WebhookPayloadFidelityTests(TrustedReceiverFixture fx) : IClassFixture<TrustedReceiverFixture>
{
    private const string Secret = "harness-webhook-secret-1";
    private static readonly HashSet<string> TransportHeaders = new(["Host", "Accept", "Accept-Encoding", "Connection", "Content-Length"], StringComparer.OrdinalIgnoreCase);

    public static TheoryData<string> Captures() => [.. Directory.GetFiles(Path.Combine(Fixtures.Root, "webhooks"), "*.json")
        .Select(Path.GetFileNameWithoutExtension).OfType<string>()
        .Where(n => Fixtures.Load($"webhooks/{n}.json") is JsonObject).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task CapturedDelivery_WhenSameEventOnEmulator_ThenSameHeadersAndBodyShape(string capture)
    {
        var captured = Fixtures.Load($"webhooks/{capture}.json")!.AsObject();
        var headers = captured["headers"]!.AsArray().ToDictionary(h => h![0]!.GetValue<string>(), h => h![1]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        var https = captured["listener"]!.GetValue<string>().StartsWith("https", StringComparison.Ordinal);
        var topic = headers.GetValueOrDefault("X-WC-Webhook-Topic");
        var expectedBody = captured["body_json"];
        var goneBeforeDelivery = expectedBody is JsonObject o && o.ContainsKey("code");

        fx.Emulator.SeedFixtureStore();
        lock (fx.Emulator.Store.Sync) fx.Emulator.Store.Webhooks.Clear();
        fx.Emulator.Options.WebhookDelay = TimeSpan.FromMilliseconds(20);
        await using var receiver = await Receiver.StartAsync(https ? fx.ReceiverCertificate : null);
        var (created, _) = await fx.SendAsync(HttpMethod.Post, "/webhooks",
            $$"""{"name":"fidelity","topic":"{{topic ?? "order.created"}}","delivery_url":"{{receiver.BaseUrl}}/wh","secret":"{{Secret}}"}""");
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);

        ReceivedRequest actual;
        if (topic is null)
        {
            actual = receiver.Received.ShouldHaveSingleItem();
            actual.Text.ShouldMatch("^webhook_id=[0-9]+$");
        }
        else
        {
            // A resource gone before its delivery runs: the queue is held until it is gone, however slow the machine.
            if (goneBeforeDelivery) fx.Emulator.Webhooks.Pause();
            try
            {
                await CauseAsync(topic, expectedBody, goneBeforeDelivery);
            }
            finally
            {
                fx.Emulator.Webhooks.Resume();
            }
            actual = (await receiver.WaitForAsync(2)).Skip(1).First();
            actual.Headers["X-WC-Webhook-Signature"].ShouldBe(Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), actual.Body)));
            var differences = JsonShape.Differences(expectedBody, JsonNode.Parse(actual.Text));
            differences.ShouldBeEmpty($"{capture}:\n" + string.Join("\n", differences.Take(30)));
        }

        foreach (var name in headers.Keys.Where(h => !TransportHeaders.Contains(h)))
            actual.Headers.ContainsKey(name).ShouldBeTrue($"{capture}: header {name} missing");
        foreach (var name in actual.Headers.Keys.Where(h => h.StartsWith("X-WC-", StringComparison.OrdinalIgnoreCase)))
            headers.ContainsKey(name).ShouldBeTrue($"{capture}: header {name} not in the capture");
        actual.Headers["User-Agent"].ShouldBe(headers["User-Agent"]);
        actual.Headers["Content-Type"].ShouldStartWith(headers["Content-Type"].Split(';')[0]);
    }

    /// <summary>Causes an event of the captured kind on the seeded store.</summary>
    private async Task CauseAsync(string topic, JsonNode? captured, bool goneBeforeDelivery)
    {
        var variation = captured is JsonObject body && body["type"]?.GetValue<string>() == "variation";
        switch (topic)
        {
            case "order.created":
                // A guest order in the capture (customer_id 0) has no customer link, so mirror the capture's customer.
                var customer = captured is JsonObject placed && placed["customer_id"] is JsonValue id ? id.GetValue<int>() : 2;
                var (_, order) = await fx.SendAsync(HttpMethod.Post, "/orders", $$"""{"customer_id":{{customer}},"billing":{"country":"US","state":"CA"},"line_items":[{"product_id":12,"quantity":1}],"shipping_lines":[{"method_id":"flat_rate","method_title":"Flat rate","total":"10.00"}]}""");
                if (goneBeforeDelivery) await fx.SendAsync(HttpMethod.Delete, $"/orders/{order!["id"]}?force=true");
                break;
            case "order.updated":
                await fx.SendAsync(HttpMethod.Put, "/orders/189", """{"customer_note":"fidelity"}""");
                break;
            case "order.deleted":
                await fx.SendAsync(HttpMethod.Delete, "/orders/187");
                break;
            case "product.updated" when variation:
                await fx.SendAsync(HttpMethod.Put, "/products/43/variations/49", """{"stock_quantity":12}""");
                break;
            case "product.updated":
                await fx.SendAsync(HttpMethod.Put, "/products/12", """{"stock_quantity":12}""");
                break;
            default:
                throw new InvalidOperationException($"No way to cause {topic} yet; add one here.");
        }
    }
}
