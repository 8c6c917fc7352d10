using System.Text.Json;
using Portal.WooCommerce;

namespace Portal.Tests.WooCommerce;

/// <summary>Checked against deliveries the real store sent, signed with the harness secret.</summary>
public class WooWebhookSignatureTests
{
    private sealed record Delivery(string Body, string? Signature, string? WebhookId, bool? CapturedMatch);

    private static IEnumerable<Delivery> Deliveries(string file)
    {
        using var doc = JsonDocument.Parse(WooFixtures.Read(Path.Combine("webhooks", file)));
        var items = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().ToList() : [doc.RootElement];
        foreach (var item in items)
        {
            var headers = item.GetProperty("headers").EnumerateArray()
                .GroupBy(h => h[0].GetString()!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First()[1].GetString(), StringComparer.OrdinalIgnoreCase);
            bool? captured = item.TryGetProperty("signature_check", out var check) ? check.GetProperty("matches_header").GetBoolean() : null;
            yield return new Delivery(item.GetProperty("body").GetString()!, headers.GetValueOrDefault(WooWebhookSignature.HeaderName),
                headers.GetValueOrDefault("X-WC-Webhook-ID"), captured);
        }
    }

    public static TheoryData<string> SignedSamples() => new(
        Directory.EnumerateFiles(Path.Combine(WooFixtures.Directory, "webhooks"), "*.json")
            .Select(Path.GetFileName)
            .Where(f => f != "all_deliveries.json" && Deliveries(f!).Single().CapturedMatch == true)
            .Select(f => f!));

    [Theory]
    [MemberData(nameof(SignedSamples))]
    public void Verify_WhenRealDeliveryAndHarnessSecret_ThenTrue(string file)
    {
        var delivery = Deliveries(file).Single();
        WooWebhookSignature.Verify(delivery.Body, delivery.Signature, WooFixtures.WebhookSecret).ShouldBeTrue();
    }

    [Fact]
    public void Verify_WhenEveryCapturedDelivery_ThenMatchesTheCapturedCheck()
    {
        var signed = Deliveries("all_deliveries.json").Where(d => d.Signature is not null).ToList();
        signed.Count.ShouldBeGreaterThan(800);
        // Webhook 5 was created without a secret, so the store signed it with one of its own.
        var verified = signed.Count(d => WooWebhookSignature.Verify(d.Body, d.Signature, WooFixtures.WebhookSecret));
        verified.ShouldBe(signed.Count(d => d.WebhookId != "5"));
        signed.Where(d => d.WebhookId == "5")
            .ShouldAllBe(d => !WooWebhookSignature.Verify(d.Body, d.Signature, WooFixtures.WebhookSecret));
    }

    [Fact]
    public void Verify_WhenBodyChangedByOneByte_ThenFalse()
    {
        var delivery = Deliveries("order_created.json").Single();
        var tampered = delivery.Body.Replace("\"status\":\"processing\"", "\"status\":\"completed\"", StringComparison.Ordinal);
        tampered.ShouldNotBe(delivery.Body);
        WooWebhookSignature.Verify(tampered, delivery.Signature, WooFixtures.WebhookSecret).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Verify_WhenSignatureMissingOrMalformed_ThenFalse(string? header)
    {
        WooWebhookSignature.Verify("{}", header, WooFixtures.WebhookSecret).ShouldBeFalse();
    }

    [Fact]
    public void Verify_WhenPingWithoutSignature_ThenFalse()
    {
        var ping = Deliveries("ping_on_webhook_create.json").Single();
        ping.Body.ShouldBe("webhook_id=1");
        WooWebhookSignature.Verify(ping.Body, ping.Signature, WooFixtures.WebhookSecret).ShouldBeFalse();
    }
}
