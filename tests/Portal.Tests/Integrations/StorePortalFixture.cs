using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using Portal.Tests.Infrastructure;
using Portal.Tests.WooCommerce;
using Portal.WooCommerce;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Model;

namespace Portal.Tests.Integrations;

/// <summary>
/// One real portal (http, Portal:PublicUrl = its own loopback address) whose WooCommerce client trusts the test
/// certificate of https emulators. Each test starts its own emulator, i.e. its own store address.
/// </summary>
public class StorePortalFixture : IAsyncLifetime
{
    public X509Certificate2 Certificate { get; } = WooEmulatorFixture.SelfSignedLoopbackCertificate();
    public PortalFactory Portal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = PortalProcess.FreePort();
        var thumbprint = Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        Portal = new PortalFactory(port: port)
        {
            ConfigureTestServices = services =>
            {
                services.RemoveAll<IWooClientFactory>();
                services.AddSingleton<IWooClientFactory>(sp => new WooClientFactory(
                    Options.Create(WooTestClients.Fast()), sp.GetRequiredService<IWooCallRecorder>(), TimeProvider.System,
                    sp.GetRequiredService<ILoggerFactory>())
                {
                    ConfigureHandler = handler => handler.SslOptions.RemoteCertificateValidationCallback =
                        (_, certificate, _, _) => certificate?.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint,
                });
            },
        };
        Portal.With("Portal:PublicUrl", $"http://127.0.0.1:{port}");
        Configure(Portal);
        await Portal.StartAsync();
    }

    /// <summary>Settings of a fixture that needs a different portal (e.g. with its scheduler running).</summary>
    protected virtual void Configure(PortalFactory portal)
    {
    }

    public async Task<WooEmulator> StartStoreAsync(EmulatorOptions? options = null, bool https = false)
    {
        options ??= new EmulatorOptions();
        options.WebhookDelay = TimeSpan.FromMilliseconds(20);
        options.OutboundTimeout = TimeSpan.FromSeconds(5);
        var store = await WooEmulator.StartAsync(options, https ? Certificate : null);
        store.SeedFixtureStore();
        return store;
    }

    public T Service<T>(AsyncServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public async Task<ConnectResult> ConnectClassicAsync(int organizationId, WooEmulator store, ApiKey? key = null, string name = "Shop",
        bool https = false, bool acceptCurrency = false)
    {
        key ??= store.CreateKey(KeyPermission.ReadWrite);
        await using var scope = Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConnectStore>().ConnectClassicAsync(FixedTenant.For(organizationId), name,
            https ? store.HttpsBaseUrl : store.BaseUrl, key.ConsumerKey, key.ConsumerSecret, acceptCurrency);
    }

    public Portal.Data.PortalDbContext Db(int organizationId) => Portal.OpenDatabase(FixedTenant.For(organizationId));

    /// <summary>The portal's webhooks in an emulator for the store with this public key.</summary>
    public static int PortalWebhooks(WooEmulator emulator, string publicKey)
    {
        lock (emulator.Store.Sync)
        {
            return emulator.Store.Webhooks.Count(w => w.DeliveryUrl.EndsWith("/webhooks/woocommerce/" + publicKey, StringComparison.Ordinal));
        }
    }

    /// <summary>Catalog links as the catalog download would make them: every product and variation of the emulator.</summary>
    public static IReadOnlyList<StoreProductLink> LinksTo(WooEmulator emulator, int storeId)
    {
        lock (emulator.Store.Sync)
        {
            return emulator.Store.Products.Where(p => p.Status != "trash")
                .Select(p => new StoreProductLink
                {
                    StoreId = storeId,
                    WooProductId = p.IsVariation ? p.ParentId : p.Id,
                    WooVariationId = p.IsVariation ? p.Id : 0,
                    Sku = p.Sku,
                    LinkedAtUtc = DateTime.UtcNow,
                })
                .ToList();
        }
    }

    public async Task AddLinksAsync(int organizationId, IEnumerable<StoreProductLink> links)
    {
        await using var db = Db(organizationId);
        db.StoreProductLinks.AddRange(links);
        await db.SaveChangesAsync();
    }

    /// <summary>The merchant's browser on the store: authorize → log in → grant page → Approve or Deny; returns where
    /// the browser is sent back to (the portal's return URL), or null when the store showed an error page instead.</summary>
    /// <param name="storeCertificate">A store on https with this certificate: the merchant's browser trusts it (the portal may not).</param>
    public static async Task<Uri?> TryWalkAuthorizationAsync(WooEmulator store, string authorizeUrl, bool approve,
        System.Security.Cryptography.X509Certificates.X509Certificate2? storeCertificate = null)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        if (storeCertificate is not null)
        {
            handler.ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == storeCertificate.Thumbprint;
        }

        using var browser = new HttpClient(handler);
        var first = await browser.GetAsync(authorizeUrl);
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect, await first.Content.ReadAsStringAsync());
        var loginUrl = new Uri(new Uri(authorizeUrl), first.Headers.Location!);
        var login = await browser.PostAsync(loginUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = store.Options.AdminUser, ["password"] = store.Options.AdminPassword, ["login"] = "Login",
        }));
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var grant = await (await browser.GetAsync(new Uri(loginUrl, login.Headers.Location!))).Content.ReadAsStringAsync();
        var cssClass = approve ? "wc-auth-approve" : "wc-auth-deny";
        var href = WebUtility.HtmlDecode(Regex.Match(grant, $"<a href=\"([^\"]+)\" class=\"[^\"]*{cssClass}\"").Groups[1].Value);
        href.ShouldNotBeNullOrEmpty();
        if (!approve)
        {
            return new Uri(loginUrl, href); // Deny links straight back to the app.
        }

        var approved = await browser.GetAsync(new Uri(loginUrl, href));
        return approved.StatusCode == HttpStatusCode.Redirect ? approved.Headers.Location : null;
    }

    public static async Task<Uri> WalkAuthorizationAsync(WooEmulator store, string authorizeUrl, bool approve,
        System.Security.Cryptography.X509Certificates.X509Certificate2? storeCertificate = null) =>
        (await TryWalkAuthorizationAsync(store, authorizeUrl, approve, storeCertificate)).ShouldNotBeNull("the store showed an error page instead of sending the browser back");

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        Certificate.Dispose();
    }
}
