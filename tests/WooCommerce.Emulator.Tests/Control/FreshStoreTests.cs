using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Control;

/// <summary>A newly installed WooCommerce is never empty: the fresh reset, the fresh control and the --fresh start.</summary>
public sealed class FreshStoreTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private async Task<JsonArray> ListAsync(string path)
    {
        var (response, body) = await fx.SendAsync(HttpMethod.Get, path);
        using (response) response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return body!.AsArray();
    }

    private async Task ShouldBeNewlyInstalledAsync()
    {
        (await ListAsync("/customers?role=all")).Select(c => (c.Str("username"), c.Str("role"))).ShouldBe([("admin", "administrator")]);
        (await ListAsync("/taxes/classes")).Select(c => c.Str("slug")).ShouldBe(["standard", "reduced-rate", "zero-rate"]);
        (await ListAsync("/taxes")).ShouldBeEmpty();
        var zones = await ListAsync("/shipping/zones");
        zones.Select(z => (z!["id"]!.GetValue<int>(), z.Str("name"))).ShouldBe([(0, "Locations not covered by your other zones")]);
        (await ListAsync("/shipping/zones/0/methods")).ShouldBeEmpty();
        (await ListAsync("/shipping_methods")).Select(m => m.Str("id")).ShouldBe(["flat_rate", "free_shipping", "local_pickup", "pickup_location"]);
        var gateways = await ListAsync("/payment_gateways");
        gateways.Select(g => (g.Str("id"), g.Str("title"), g!["enabled"]!.GetValue<bool>())).ShouldBe(
            [("bacs", "Direct bank transfer", false), ("cheque", "Check payments", false), ("cod", "Cash on delivery", false)]);
        (await ListAsync("/products")).ShouldBeEmpty();
        (await ListAsync("/orders")).ShouldBeEmpty();
    }

    [Fact]
    public async Task ResetWithFreshOption_ThenNewlyInstalledStore()
    {
        fx.Emulator.SeedFixtureStore();
        using var response = await fx.Client.PostAsync(fx.Emulator.BaseUrl + "/__emulator/reset", System.Net.Http.Json.JsonContent.Create(new { fresh = true }));
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeNewlyInstalledAsync();
    }

    [Fact]
    public async Task FreshControl_ThenNewlyInstalledStore_WhilePlainResetStaysEmpty()
    {
        fx.Emulator.SeedFixtureStore();
        using (var response = await fx.Client.PostAsync(fx.Emulator.BaseUrl + "/__emulator/fresh", null))
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeNewlyInstalledAsync();

        using (var reset = await fx.Client.PostAsync(fx.Emulator.BaseUrl + "/__emulator/reset", null))
            reset.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ListAsync("/payment_gateways")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Program_WithFreshSetting_ThenStartsNewlyInstalled()
    {
        await using var factory = new WebApplicationFactory<EmulatorProgram>().WithWebHostBuilder(b => b.UseSetting("Fresh", "true"));
        using var client = factory.CreateClient();
        var state = JsonNode.Parse(await client.GetStringAsync("/__emulator/state"))!;
        state["customers"]!.GetValue<int>().ShouldBe(1);
        state["products"]!.GetValue<int>().ShouldBe(0);
    }
}
