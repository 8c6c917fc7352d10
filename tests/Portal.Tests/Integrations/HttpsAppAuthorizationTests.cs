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

    /// <summary>A seeded store that trusts the portal's certificate, on https itself when given a certificate of its own.</summary>
    private static async Task<WooEmulator> StartStoreTrustingAsync(
        System.Security.Cryptography.X509Certificates.X509Certificate2 portalCertificate,
        System.Security.Cryptography.X509Certificates.X509Certificate2? storeCertificate = null)
    {
        var options = new EmulatorOptions { WebhookDelay = TimeSpan.FromMilliseconds(20) };
        options.TrustedCertificates.Add(portalCertificate);
        var store = await WooEmulator.StartAsync(options, storeCertificate);
        store.SeedFixtureStore();
        return store;
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

    [Fact]
    public async Task AppAuthorization_WhenThePortalDoesNotTrustTheStoresCertificate_ThenSaysSoAndNamesTheKeyToRevoke()
    {
        using var portalCertificate = WooEmulatorFixture.SelfSignedLoopbackCertificate();
        using var storeCertificate = WooEmulatorFixture.SelfSignedLoopbackCertificate();
        var (portal, _) = await StartHttpsPortalAsync(portalCertificate);
        await using var _ = portal;
        await using var store = await StartStoreTrustingAsync(portalCertificate, storeCertificate);
        var (org, _, _) = await portal.CreateOrganizationAsync();
        await using var scope = portal.Services.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectStore>();
        var finish = scope.ServiceProvider.GetRequiredService<FinishAppAuthorization>();

        var start = await connector.StartAppAuthorizationAsync(FixedTenant.For(org), "user-1", "Self-signed shop", store.HttpsBaseUrl);
        var back = await StorePortalFixture.WalkAuthorizationAsync(store, start.AuthorizeUrl!, approve: true, storeCertificate);
        store.AppAuthorization.Callbacks.ShouldHaveSingleItem().Status.ShouldBe(200, "the store trusts the portal and delivered the key");
        var created = store.Store.Keys.ShouldHaveSingleItem();
        var returned = QueryHelpers.ParseQuery(back.Query);
        var result = await finish.CompleteAppAuthorizationAsync(FixedTenant.For(org), returned["success"], returned["user_id"], false);

        result.Failure.ShouldBe(ConnectFailure.UntrustedCertificate);
        result.Message.ShouldStartWith("The store's certificate is not trusted: ");
        result.Message.ShouldContain("certificate chain");
        result.Message.ShouldNotContain("did not answer");
        result.Message.ShouldContain($"WooCommerce already created the key {ConnectedStore.Hint(created.ConsumerKey)} for the portal: revoke it");
        result.Message.ShouldNotContain(created.ConsumerSecret);
        await using var db = portal.OpenDatabase(FixedTenant.For(org));
        (await db.Stores.CountAsync()).ShouldBe(0);
        (await db.PendingStoreAuthorizations.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task ChangeCredentials_AfterAppAuthorization_ThenNamesTheOldKeyToRevokeAndTheMethodIsClassic()
    {
        using var certificate = WooEmulatorFixture.SelfSignedLoopbackCertificate();
        var (portal, _) = await StartHttpsPortalAsync(certificate);
        await using var _ = portal;
        await using var store = await StartStoreTrustingAsync(certificate);
        var (org, _, _) = await portal.CreateOrganizationAsync();
        await using var scope = portal.Services.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectStore>();
        var finish = scope.ServiceProvider.GetRequiredService<FinishAppAuthorization>();
        var start = await connector.StartAppAuthorizationAsync(FixedTenant.For(org), "user-1", "Secure shop", store.BaseUrl);
        var returned = QueryHelpers.ParseQuery((await StorePortalFixture.WalkAuthorizationAsync(store, start.AuthorizeUrl!, approve: true)).Query);
        var connected = await finish.CompleteAppAuthorizationAsync(FixedTenant.For(org), returned["success"], returned["user_id"], false);
        connected.Succeeded.ShouldBeTrue(connected.Message);
        var oldKey = store.Store.Keys.ShouldHaveSingleItem();
        var newKey = store.CreateKey(global::WooCommerce.Emulator.Model.KeyPermission.ReadWrite, "pasted");

        var changed = await scope.ServiceProvider.GetRequiredService<ChangeStoreCredentials>().ChangeCredentialsAsync(
            FixedTenant.For(org), connected.StoreId!.Value, null, newKey.ConsumerKey, newKey.ConsumerSecret, false);

        changed.Succeeded.ShouldBeTrue(changed.Message);
        changed.Message.ShouldContain($"The portal no longer uses the old key {ConnectedStore.Hint(oldKey.ConsumerKey)}: revoke it");
        await using var db = portal.OpenDatabase(FixedTenant.For(org));
        var saved = await db.Stores.SingleAsync();
        saved.ConnectionMethod.ShouldBe(StoreConnectionMethod.Classic, "the key in use was pasted, not authorized");
        saved.ConsumerKeyHint.ShouldBe(ConnectedStore.Hint(newKey.ConsumerKey));
    }
}
