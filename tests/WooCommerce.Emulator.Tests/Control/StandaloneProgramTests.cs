using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WooCommerce.Emulator.Tests.Control;

/// <summary>The emulator's own Program (what <c>dotnet run --project tests/WooCommerce.Emulator</c> starts).</summary>
public sealed class StandaloneProgramTests
{
    [Fact]
    public async Task Program_WithSeedSetting_ThenServesSeededStoreAndAnswersAnonymousWithWooErrors()
    {
        await using var factory = new WebApplicationFactory<EmulatorProgram>().WithWebHostBuilder(b => b.UseSetting("Seed", "true"));
        using var client = factory.CreateClient();

        (await client.GetAsync("/wp-json/wc/v3")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var products = await client.GetAsync("/wp-json/wc/v3/products");
        products.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetStringAsync("/__emulator/state")).ShouldContain("\"products\":125");
    }
}
