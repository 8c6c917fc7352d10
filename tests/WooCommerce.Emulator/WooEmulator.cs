using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using WooCommerce.Emulator.Control;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Seed;
using WooCommerce.Emulator.WcAuth;
using WooCommerce.Emulator.Webhooks;

namespace WooCommerce.Emulator;

/// <summary>
/// An emulated WooCommerce store on real loopback sockets, for tests: plain http (OAuth 1.0a) always, and https
/// (Basic and query-string keys) when a certificate is given.
/// </summary>
public sealed class WooEmulator : IAsyncDisposable, IDisposable
{
    private readonly WebApplication _app;

    private WooEmulator(WebApplication app, string baseUrl, string? httpsBaseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        HttpsBaseUrl = httpsBaseUrl;
    }

    /// <summary>http://127.0.0.1:port (no trailing slash).</summary>
    public string BaseUrl { get; }

    /// <summary>https://127.0.0.1:port when started with a certificate, else null.</summary>
    public string? HttpsBaseUrl { get; }

    public Store Store => Service<Store>();
    public EmulatorOptions Options => Service<EmulatorOptions>();
    public RequestLog Requests => Service<RequestLog>();
    public FaultInjector Faults => Service<FaultInjector>();
    public WebhookDispatcher Webhooks => Service<WebhookDispatcher>();
    public AppAuthorization AppAuthorization => Service<AppAuthorization>();

    private T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public static Task<WooEmulator> StartAsync(EmulatorOptions? options = null, X509Certificate2? httpsCertificate = null, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            if (httpsCertificate is not null) k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(httpsCertificate));
        });
        return StartAsync(builder, options ?? new EmulatorOptions(), clock ?? TimeProvider.System, httpsCertificate is not null);
    }

    private static async Task<WooEmulator> StartAsync(WebApplicationBuilder builder, EmulatorOptions options, TimeProvider clock, bool https)
    {
        var store = new Store();
        EmulatorApp.AddServices(builder.Services, options, store, clock);
        var app = builder.Build();
        EmulatorApp.Configure(app);
        if (options.SeedOnStart) FixtureStoreSeed.Apply(store);
        else if (options.FreshOnStart) NewStore.Apply(store);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var http = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/');
        var secure = https ? addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal)).TrimEnd('/') : null;
        return new WooEmulator(app, http, secure);
    }

    public ApiKey CreateKey(KeyPermission permission = KeyPermission.ReadWrite, string description = "test") => Store.CreateKey(permission, description);

    /// <summary>
    /// Empties the store, the request log, faults and the webhook log; keys survive. With <paramref name="fresh"/> the
    /// store is a newly installed WooCommerce instead (admin user, default tax classes, zone 0, offline gateways).
    /// </summary>
    public void Reset(bool fresh = false) => ControlEndpoints.Reset(Store, Requests, Faults, Webhooks, fresh);

    /// <summary>Replaces the store with one shaped like the fixture store (same ids for the captured objects).</summary>
    public void SeedFixtureStore() => FixtureStoreSeed.Apply(Store);

    public IReadOnlyList<int> GenerateProducts(ProductGeneration spec) => Generator.Products(Store, spec, Clock.GetUtcNow().UtcDateTime);

    public IReadOnlyList<int> GenerateCustomers(int count, int seed = 1) => Generator.Customers(Store, count, seed, Clock.GetUtcNow().UtcDateTime);

    /// <summary>Bulk orders; they raise the webhooks placing them would (order.created, order.updated, product.updated).</summary>
    public IReadOnlyList<int> GenerateOrders(int count, int seed = 1) =>
        Generator.Orders(Store, count, seed, Clock, (topic, id) => Webhooks.Raise(topic, id, BaseUrl));

    public FaultRule AddFault(FaultRule rule) => Faults.Add(rule);

    /// <summary>A shopper's checkout placed in process, exactly as <c>POST /__emulator/checkout</c> places it (same
    /// model code and webhooks), without an HTTP round trip: for benchmarks that need thousands of orders quickly.</summary>
    public Order Checkout(System.Text.Json.Nodes.JsonObject request)
    {
        var uri = new Uri(BaseUrl);
        var context = new DefaultHttpContext { RequestServices = _app.Services };
        context.Request.Scheme = uri.Scheme;
        context.Request.Host = new HostString(uri.Host, uri.Port);
        lock (Store.Sync) return ShopControls.Checkout(context, Store, request);
    }

    private TimeProvider Clock => Service<TimeProvider>();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
