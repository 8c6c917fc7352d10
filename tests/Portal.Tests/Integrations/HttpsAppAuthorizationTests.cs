using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using Portal.Tests.Infrastructure;
using Portal.Tests.WooCommerce;
using WooCommerce.Emulator;

namespace Portal.Tests.Integrations;

/// <summary>
/// App authorization as WooCommerce requires it: the callback is https and the store checks the certificate. The
/// portal listens on https with a certificate made here and the emulator is told to trust it; the portal itself
/// trusts nothing extra (it talks to the store over plain http with OAuth 1.0a).
/// </summary>
public sealed class HttpsAppAuthorizationTests
{
    private static async Task<(PortalFactory Portal, int Port)> StartHttpsPortalAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var port = PortalProcess.FreePort();
        var portal = new PortalFactory(port: port, httpsCertificate: certificate).With("Portal:PublicUrl", $"https://127.0.0.1:{port}");
        await portal.StartAsync();
        return (portal, port);
    }

    [Fact]
    public async Task AppAuthorization_WithHttpsCallbackTheStoreTrusts_Connects()
    {
        using var certificate = WooEmulatorFixture.SelfSignedLoopbackCertificate();
        var (portal, port) = await StartHttpsPortalAsync(certificate);
        await using var _ = portal;
        var options = new EmulatorOptions { WebhookDelay = TimeSpan.FromMilliseconds(20) };
        options.TrustedCertificates.Add(certificate);
        await using var store = await WooEmulator.StartAsync(options);
        store.SeedFixtureStore();
        var (org, _, _) = await portal.CreateOrganizationAsync();
        await using var scope = portal.Services.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectStore>();
        var finish = scope.ServiceProvider.GetRequiredService<FinishAppAuthorization>();

        var start = await connector.StartAppAuthorizationAsync(FixedTenant.For(org), "user-1", "Secure shop", store.BaseUrl);
        QueryHelpers.ParseQuery(new Uri(start.AuthorizeUrl!).Query)["callback_url"].ToString()
            .ShouldBe($"https://127.0.0.1:{port}/integrations/woocommerce/callback");
        var back = await StorePortalFixture.WalkAuthorizationAsync(store, start.AuthorizeUrl!, approve: true);

        store.AppAuthorization.Callbacks.ShouldHaveSingleItem().Status.ShouldBe(200);
        var returned = QueryHelpers.ParseQuery(back.Query);
        var result = await finish.CompleteAppAuthorizationAsync(FixedTenant.For(org), returned["success"], returned["user_id"], false);
        result.Succeeded.ShouldBeTrue(result.Message);
        await using var db = portal.OpenDatabase(FixedTenant.For(org));
        var saved = await db.Stores.SingleAsync();
        saved.ConnectionMethod.ShouldBe(StoreConnectionMethod.AppAuthorization);
        saved.KeyPermission.ShouldBe("read_write");
        // The webhooks point at the https address and their ping was accepted by the emulator's trust of the certificate.
        saved.WebhooksNotReaching.ShouldBeFalse();
    }

    [Fact]
    public async Task AppAuthorization_WhenStoreDoesNotTrustTheCertificate_ThenKeysNeverArrive()
    {
        using var certificate = WooEmulatorFixture.SelfSignedLoopbackCertificate();
        var (portal, port) = await StartHttpsPortalAsync(certificate);
        await using var _ = portal;
        await using var store = await WooEmulator.StartAsync(new EmulatorOptions());
        var (org, _, _) = await portal.CreateOrganizationAsync();
        await using var scope = portal.Services.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectStore>();
        var finish = scope.ServiceProvider.GetRequiredService<FinishAppAuthorization>();
        var start = await connector.StartAppAuthorizationAsync(FixedTenant.For(org), "user-1", "Secure shop", store.BaseUrl);
        var state = QueryHelpers.ParseQuery(new Uri(start.AuthorizeUrl!).Query)["user_id"].ToString();

        (await StorePortalFixture.TryWalkAuthorizationAsync(store, start.AuthorizeUrl!, approve: true)).ShouldBeNull();

        store.AppAuthorization.Callbacks.ShouldHaveSingleItem().Status.ShouldBeNull();
        (await finish.CompleteAppAuthorizationAsync(FixedTenant.For(org), "1", state, false)).Failure.ShouldBe(ConnectFailure.KeysNeverArrived);
    }
}
