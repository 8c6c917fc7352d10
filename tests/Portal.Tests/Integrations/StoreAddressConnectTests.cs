using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Features.Integrations;
using Portal.Tests.Infrastructure;
using Portal.Tests.WooCommerce;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Model;

namespace Portal.Tests.Integrations;

/// <summary>Portal:AllowPrivateStoreAddresses as the merchant meets it: connecting a store whose name resolves to
/// loopback is refused with the reason when the setting is off, and works when it is on.</summary>
public sealed class StoreAddressConnectTests
{
    [Fact]
    public async Task Connect_WhenStoreResolvesToLoopbackAndSettingOff_ThenRefusedWithTheReasonNothingSentNothingSaved()
    {
        await using var portal = await StartPortalAsync(allowPrivate: false);
        await using var store = await StartStoreAsync();
        var (org, _, _) = await portal.CreateOrganizationAsync();

        var result = await ConnectAsync(portal, org, store);

        result.Failure.ShouldBe(ConnectFailure.PrivateAddress);
        result.Message.ShouldStartWith("The store address localhost resolves to ");
        result.Message.ShouldContain("private network address");
        store.Requests.Count.ShouldBe(0);
        await using var db = portal.OpenDatabase(FixedTenant.For(org));
        (await db.Stores.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Connect_WhenStoreResolvesToLoopbackAndSettingOn_ThenConnected()
    {
        await using var portal = await StartPortalAsync(allowPrivate: true);
        await using var store = await StartStoreAsync();
        var (org, _, _) = await portal.CreateOrganizationAsync();

        var result = await ConnectAsync(portal, org, store);

        result.Succeeded.ShouldBeTrue(result.Message);
    }

    [Fact]
    public async Task Connect_WhenStoreAddressRedirects_ThenMerchantIsToldTheAddressToConnectAndNothingSaved()
    {
        await using var portal = await StartPortalAsync(allowPrivate: true);
        await using var redirecting = await ScriptedStore.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = "https://www.shop.example/wp-json/";
            return context.Response.WriteAsync("<html>moved, internal note 5d1c</html>");
        });
        var (org, _, _) = await portal.CreateOrganizationAsync();
        await using var scope = portal.Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<ConnectStore>().ConnectClassicAsync(FixedTenant.For(org), "Shop",
            redirecting.BaseUrl.ToString(), "ck_x", "cs_x", acceptCurrencyDifference: false);

        result.Failure.ShouldBe(ConnectFailure.Redirected);
        result.Message.ShouldContain("redirects to https://www.shop.example");
        result.Message.ShouldContain("connect the store as https://www.shop.example.");
        result.Message.ShouldNotContain("internal note");
        await using var db = portal.OpenDatabase(FixedTenant.For(org));
        (await db.Stores.CountAsync()).ShouldBe(0);
    }

    private static async Task<PortalFactory> StartPortalAsync(bool allowPrivate)
    {
        var port = PortalProcess.FreePort();
        var portal = new PortalFactory(port: port)
            .With("Portal:PublicUrl", $"http://127.0.0.1:{port}")
            .With("Portal:AllowPrivateStoreAddresses", allowPrivate ? "true" : "false");
        return await portal.StartAsync();
    }

    private static async Task<WooEmulator> StartStoreAsync()
    {
        var store = await WooEmulator.StartAsync(new EmulatorOptions
        {
            WebhookDelay = TimeSpan.FromMilliseconds(20), OutboundTimeout = TimeSpan.FromSeconds(5),
        });
        store.SeedFixtureStore();
        return store;
    }

    private static async Task<ConnectResult> ConnectAsync(PortalFactory portal, int org, WooEmulator store)
    {
        var key = store.CreateKey(KeyPermission.ReadWrite);
        await using var scope = portal.Services.CreateAsyncScope();
        var url = new UriBuilder(store.BaseUrl) { Host = "localhost" }.Uri.ToString();
        return await scope.ServiceProvider.GetRequiredService<ConnectStore>().ConnectClassicAsync(FixedTenant.For(org), "Shop", url,
            key.ConsumerKey, key.ConsumerSecret, acceptCurrencyDifference: false);
    }
}
