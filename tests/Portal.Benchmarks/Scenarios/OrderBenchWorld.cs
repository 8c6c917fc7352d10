using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Domain.Stock;
using Portal.Features.Integrations;
using Portal.Features.Organizations;
using Portal.Features.Stock;
using Portal.Hosting;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Model;

namespace Portal.Benchmarks;

/// <summary>
/// The order capture benchmarks' world: the real portal (SQLite, Kestrel on a loopback port that is also its public
/// URL, scheduler running so the inbox worker drains deliveries) and one emulated store connected to it as a merchant
/// connects one (its webhooks point at the portal), capturing created orders, every tax rate mapped. The shirt and the
/// tote of the fixture store exist in the portal with stock at the default location; shoppers buy them through the
/// emulator's checkout (Texas, no tax).
/// </summary>
internal sealed class OrderBenchWorld : IAsyncDisposable
{
    private const int ShirtId = 12;
    private const int ToteId = 20;

    private readonly string _data;
    private readonly HttpClient _control;
    private bool _portalStopped;

    private OrderBenchWorld(WooEmulator emulator, WebApplication app, string data, int port)
    {
        Emulator = emulator;
        App = app;
        _data = data;
        Port = port;
        _control = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl + "/__emulator/") };
    }

    public WooEmulator Emulator { get; }

    public WebApplication App { get; }

    public int OrganizationId { get; private set; }

    public int StoreId { get; private set; }

    /// <summary>The loopback port the portal listens on; the store's webhooks point at it.</summary>
    public int Port { get; }

    public string DataDirectory => _data;

    /// <param name="portalSettings">More portal settings as command-line arguments (e.g. the polling interval).</param>
    public static Task<OrderBenchWorld> StartAsync(params string[] portalSettings) => StartAsync(null, portalSettings);

    /// <param name="concurrentDeliveries">How many webhook deliveries the store sends at once (null: each as soon as
    /// it is due), as WooCommerce's Action Scheduler runs a few batches at a time.</param>
    /// <param name="portalSettings">More portal settings as command-line arguments (e.g. the polling interval).</param>
    public static async Task<OrderBenchWorld> StartAsync(int? concurrentDeliveries, params string[] portalSettings)
    {
        var emulator = await WooEmulator.StartAsync(new EmulatorOptions
        {
            WebhookDelay = TimeSpan.FromMilliseconds(20), OutboundTimeout = TimeSpan.FromSeconds(30), MaxConcurrentDeliveries = concurrentDeliveries,
        }, null, TimeProvider.System);
        emulator.SeedFixtureStore();
        lock (emulator.Store.Sync)
        {
            // Only the portal's webhooks: the fixture's own (to unreachable harness addresses) would take delivery slots.
            emulator.Store.Webhooks.Clear();
            // Enough stock in the store for every shopper of a benchmark.
            foreach (var id in new[] { ShirtId, ToteId })
            {
                var product = emulator.Store.Product(id)!;
                product.ManageStock = true;
                product.StockQuantity = 10_000_000;
            }
        }

        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("portal-bench-orders-").FullName;
        var app = PortalHost.Build([
            "--applicationName=Portal", $"--urls=http://127.0.0.1:{port}", $"--Portal:PublicUrl=http://127.0.0.1:{port}",
            $"--Portal:DataDirectory={data}", "--Portal:AllowPrivateStoreAddresses=true", "--Scheduler:Enabled=true",
            "--Logging:LogLevel:Default=Warning", .. portalSettings,
        ]);
        var world = new OrderBenchWorld(emulator, app, data, port);
        try
        {
            await DatabaseStartup.PrepareAsync(app.Services, app.Services.GetRequiredService<DatabaseOptions>(), migrate: true);
            await app.StartAsync();
            await world.ConnectAsync();
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    private async Task ConnectAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<OrganizationProvisioning>()
            .CreateOrganizationAsync("Orders bench", "USD", "Europe/London", "owner@orders.bench.test", "Bench orchard lantern 27", temporaryPassword: false);
        OrganizationId = created.OrganizationId ?? throw new InvalidOperationException(string.Join(" ", created.Errors.Values));
        var key = Emulator.CreateKey(KeyPermission.ReadWrite);
        var connected = await scope.ServiceProvider.GetRequiredService<ConnectStore>().ConnectClassicAsync(FixedTenant.For(OrganizationId), "Bench",
            Emulator.BaseUrl, key.ConsumerKey, key.ConsumerSecret, acceptCurrencyDifference: false);
        if (!connected.Succeeded)
        {
            throw new InvalidOperationException("Connecting the emulator failed: " + connected.Message);
        }

        List<long> rates;
        lock (Emulator.Store.Sync)
        {
            rates = Emulator.Store.TaxRates.Select(r => (long)r.Id).ToList();
        }

        await using var db = Db();
        var warehouse = await db.Locations.Where(l => l.IsDefault).Select(l => l.Id).SingleAsync();
        var taxRule = await db.TaxRules.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        var store = await db.Stores.SingleAsync();
        StoreId = store.Id;
        store.SettingsJson = new StoreSettings
        {
            OrderCapture = OrderCapture.Created,
            // The capture benchmarks time pending orders; the sales benchmarks turn processing on (ConfigureSalesAsync).
            ProcessOrdersAutomatically = false,
            TaxRates = rates.Select(r => new TaxRateMapping { RateId = r, TaxClass = "standard", Description = $"rate {r}", TaxRuleId = taxRule }).ToList(),
        }.ToJson();
        var shirt = Domain.Catalog.Product.Create(OrganizationId, "SHIRT-OXF-001", "Oxford shirt");
        var tote = Domain.Catalog.Product.Create(OrganizationId, "BAG-TOTE-020", "Tote bag");
        db.Products.AddRange(shirt, tote);
        await db.SaveChangesAsync();
        var ledger = new StockLedger(OrganizationId, DateTime.UtcNow, [], []);
        ledger.Adjust(shirt.Id, warehouse, 1_000_000m, "count");
        ledger.Adjust(tote.Id, warehouse, 1_000_000m, "count");
        LedgerLoading.Stage(db, ledger);
        await db.SaveChangesAsync();
    }

    /// <summary>What the sales need: a default customer, Tax Free and shipping rules, bank transfers on a bank account;
    /// then processed at once, or consolidated daily at <paramref name="consolidationTime"/>.</summary>
    public async Task ConfigureSalesAsync(TimeOnly? consolidationTime)
    {
        await using var db = Db();
        var walkIn = Domain.Customers.Customer.Create(OrganizationId, "Web shop walk-in");
        db.Customers.Add(walkIn);
        await db.SaveChangesAsync();
        var rules = await db.TaxRules.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
        var account = await db.Accounts.Where(a => a.CanReceivePayments).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        var store = await db.Stores.SingleAsync();
        var settings = StoreSettings.FromJson(store.SettingsJson);
        settings.CustomerId = walkIn.Id;
        settings.TaxFreeRuleId = rules[0];
        settings.ShippingTaxRuleId = rules[^1];
        settings.PaymentMappings = [new PaymentMapping { GatewayId = "bacs", GatewayTitle = "Direct bank transfer", AccountId = account }];
        settings.ProcessOrdersAutomatically = consolidationTime is null;
        settings.Consolidation = consolidationTime is null ? Consolidation.None : Consolidation.Daily;
        settings.ConsolidationTime = consolidationTime;
        store.SettingsJson = settings.ToJson();
        await db.SaveChangesAsync();
    }

    /// <summary>Waits until the store's orders made <paramref name="count"/> sales or <paramref name="timeout"/> passes.</summary>
    public async Task<int> WaitForSalesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var db = Db();
            var sales = await db.Sales.CountAsync(s => s.StoreId == StoreId && s.WooOrderId != null);
            if (sales >= count || DateTime.UtcNow > deadline)
            {
                return sales;
            }

            await Task.Delay(200);
        }
    }

    public PortalDbContext Db() => _portalStopped
        ? ((IPortalDbContextFactory)new SqliteContexts($"Data Source={Path.Combine(_data, "portal.db")};Pooling=True")).CreateForOrganization(OrganizationId)
        : App.Services.GetRequiredService<IPortalDbContextFactory>().CreateForOrganization(OrganizationId);

    /// <summary>Stops the in-process portal (after the store was connected through it), leaving its data directory and
    /// port to a portal run as its own process; <see cref="Db"/> then opens the SQLite file directly.</summary>
    public async Task StopPortalAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _portalStopped = true;
    }

    /// <summary>Activates the store's disabled webhooks again, as the portal's webhook repair does (PUT status=active,
    /// which also clears WooCommerce's count of failed deliveries).</summary>
    public void ReactivateWebhooks()
    {
        lock (Emulator.Store.Sync)
        {
            foreach (var webhook in Emulator.Store.Webhooks.Where(w => w.Status == "disabled"))
            {
                webhook.Status = "active";
                webhook.FailureCount = 0;
            }
        }
    }

    /// <summary>A shopper's paid checkout of one shirt or one tote (by <paramref name="n"/>); answers the order id.</summary>
    public async Task<long> CheckoutAsync(int n)
    {
        using var response = await _control.PostAsJsonAsync("checkout", CheckoutRequest(n));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Checkout {n} refused: {text}");
        }

        return JsonNode.Parse(text)!["id"]!.GetValue<long>();
    }

    /// <summary>Places <paramref name="count"/> shoppers' checkouts in the emulator's process: the same model code and
    /// webhooks as <see cref="CheckoutAsync"/> without the HTTP round trips, so a benchmark's setup takes seconds.</summary>
    public void PlaceOrders(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Emulator.Checkout(CheckoutRequest(i));
        }
    }

    private static JsonObject CheckoutRequest(int n) => new()
    {
        ["billing"] = new JsonObject
        {
            ["first_name"] = "Shopper", ["last_name"] = $"No{n}", ["address_1"] = "1 Main St", ["city"] = "Austin", ["state"] = "TX",
            ["postcode"] = "73301", ["country"] = "US", ["email"] = $"shopper{n}@example.test", ["phone"] = "555 0100",
        },
        ["line_items"] = new JsonArray(new JsonObject { ["product_id"] = n % 2 == 0 ? ShirtId : ToteId, ["quantity"] = 1 }),
        ["shipping_method"] = "flat_rate",
        ["payment_method"] = "bacs",
        ["paid"] = true,
    };

    /// <summary>Places <paramref name="count"/> orders from <paramref name="shoppers"/> shoppers at once.</summary>
    public async Task<List<long>> CheckoutManyAsync(int count, int shoppers)
    {
        var ids = new List<long>(count);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, shoppers).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var id = await CheckoutAsync(i);
                lock (ids)
                {
                    ids.Add(id);
                }
            }
        }));
        return ids;
    }

    public async Task ControlAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await _control.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task<int> PendingOrdersAsync()
    {
        await using var db = Db();
        return await db.PendingOrders.CountAsync(p => p.StoreId == StoreId);
    }

    /// <summary>Waits until <paramref name="count"/> pending orders exist (checked every 50 ms) or
    /// <paramref name="timeout"/> passes; answers the last count.</summary>
    public async Task<int> WaitForPendingAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var pending = await PendingOrdersAsync();
            if (pending >= count || DateTime.UtcNow > deadline)
            {
                return pending;
            }

            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        if (!_portalStopped)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder; the next cleanup of /tmp takes it.
        }
    }
}
