using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Domain.Integrations;
using Portal.Domain.Orders;
using Portal.Domain.Stock;
using Portal.Features.Integrations;
using Portal.Features.Orders;
using Portal.Features.Stock;
using Portal.Tests.Integrations;
using WooCommerce.Emulator;

namespace Portal.Tests.Orders;

/// <summary>
/// An organization with a store connected to its own emulator (webhooks pointing at the real portal), portal products
/// for some of the store's SKUs with stock at the default location, and the store's settings as a test wants them.
/// </summary>
public sealed class OrderWorld : IAsyncDisposable
{
    public const string ShirtSku = "SHIRT-OXF-001";
    public const string ToteSku = "BAG-TOTE-020";
    public const int ShirtId = 12;
    public const int ToteId = 20;
    public const int LinenShirtId = 13;   // SHIRT-LIN-002: not in the portal until downloaded
    public const int FlannelId = 14;      // no SKU in the store: a service line

    private readonly StorePortalFixture _fx;
    private readonly HttpClient _control;

    private OrderWorld(StorePortalFixture fx, WooEmulator emulator, int org, ConnectedStore store)
    {
        _fx = fx;
        Emulator = emulator;
        OrganizationId = org;
        Store = store;
        _control = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl + "/__emulator/") };
    }

    public WooEmulator Emulator { get; }
    public int OrganizationId { get; }
    public ConnectedStore Store { get; private set; }
    public int Shirt { get; private set; }
    public int Tote { get; private set; }
    public int Warehouse { get; private set; }
    public int TaxRule { get; private set; }

    public static async Task<OrderWorld> CreateAsync(StorePortalFixture fx, OrderCapture capture = OrderCapture.Created, bool mapTaxes = true)
    {
        var emulator = await fx.StartStoreAsync();
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        (await fx.ConnectClassicAsync(org, emulator)).Succeeded.ShouldBeTrue();
        await using var db = fx.Db(org);
        var store = await db.Stores.AsNoTracking().SingleAsync();
        var world = new OrderWorld(fx, emulator, org, store);
        await world.SeedAsync(capture, mapTaxes);
        return world;
    }

    private async Task SeedAsync(OrderCapture capture, bool mapTaxes)
    {
        await using var db = _fx.Db(OrganizationId);
        Warehouse = await db.Locations.Where(l => l.IsDefault).Select(l => l.Id).SingleAsync();
        TaxRule = await db.TaxRules.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        var shirt = Product.Create(OrganizationId, ShirtSku, "Oxford shirt");
        var tote = Product.Create(OrganizationId, ToteSku, "Tote bag");
        db.Products.AddRange(shirt, tote);
        await db.SaveChangesAsync();
        (Shirt, Tote) = (shirt.Id, tote.Id);
        var ledger = new StockLedger(OrganizationId, _fx.Portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, [], []);
        ledger.Adjust(Shirt, Warehouse, 50m, "count");
        ledger.Adjust(Tote, Warehouse, 50m, "count");
        LedgerLoading.Stage(db, ledger);
        await db.SaveChangesAsync();
        await SetSettingsAsync(capture, mapTaxes);
    }

    public async Task SetSettingsAsync(OrderCapture capture, bool mapTaxes)
    {
        List<long> rates;
        lock (Emulator.Store.Sync)
        {
            rates = Emulator.Store.TaxRates.Select(r => (long)r.Id).ToList();
        }

        var settings = new StoreSettings
        {
            OrderCapture = capture,
            TaxRates = rates.Select(r => new TaxRateMapping { RateId = r, TaxClass = "standard", Description = $"rate {r}", TaxRuleId = mapTaxes ? TaxRule : null }).ToList(),
        };
        await using var db = _fx.Db(OrganizationId);
        var store = await db.Stores.SingleAsync(s => s.Id == Store.Id);
        store.SettingsJson = settings.ToJson();
        await db.SaveChangesAsync();
        Store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == Store.Id);
    }

    /// <summary>Changes the store's saved settings (and, when given, its time zone) as a test wants them.</summary>
    public async Task ConfigureAsync(Action<StoreSettings> change, string? timeZone = null)
    {
        await using var db = _fx.Db(OrganizationId);
        var store = await db.Stores.SingleAsync(s => s.Id == Store.Id);
        var settings = StoreSettings.FromJson(store.SettingsJson);
        change(settings);
        store.SettingsJson = settings.ToJson();
        if (timeZone is not null)
        {
            store.TimeZone = timeZone;
        }

        await db.SaveChangesAsync();
        Store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == Store.Id);
    }

    /// <summary>Changes an order in the store's own data, as a plugin or WooCommerce's rounding would have made it.</summary>
    public void ChangeStoreOrder(long id, Action<global::WooCommerce.Emulator.Model.Order> change)
    {
        lock (Emulator.Store.Sync)
        {
            change(Emulator.Store.Orders.Single(o => o.Id == id));
        }
    }

    /// <summary>A shopper's checkout: Texas has no tax rates, New York 10001 two (state and city).</summary>
    public async Task<long> CheckoutAsync(bool paid = true, string state = "TX", string postcode = "73301", object? extra = null,
        params (int ProductId, int Quantity)[] lines)
    {
        lines = lines.Length == 0 ? [(ShirtId, 2), (ToteId, 1)] : lines;
        var body = new JsonObject
        {
            ["billing"] = new JsonObject
            {
                ["first_name"] = "Dana", ["last_name"] = "Shopper", ["address_1"] = "1 Main St", ["city"] = state == "NY" ? "New York" : "Austin",
                ["state"] = state, ["postcode"] = postcode, ["country"] = "US", ["email"] = "dana@example.test", ["phone"] = "555 0100",
            },
            ["line_items"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject { ["product_id"] = l.ProductId, ["quantity"] = l.Quantity })]),
            ["shipping_method"] = "flat_rate",
            ["payment_method"] = "bacs",
            ["paid"] = paid,
        };
        foreach (var (key, value) in System.Text.Json.JsonSerializer.SerializeToNode(extra)?.AsObject().ToList() ?? [])
        {
            body[key] = value?.DeepClone();
        }

        var response = await _control.PostAsJsonAsync("checkout", body);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonNode.Parse(text)!["id"]!.GetValue<long>();
    }

    public async Task ControlAsync(string path, object? body = null)
    {
        var response = await _control.PostAsJsonAsync(path, body ?? new { });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    public async Task ChaosAsync(object chaos) =>
        (await _control.PutAsJsonAsync("webhooks/chaos", chaos)).IsSuccessStatusCode.ShouldBeTrue();

    public Task DeliveredAsync() => Emulator.Webhooks.WhenIdleAsync(TimeSpan.FromSeconds(30));

    public async Task<int> DrainAsync()
    {
        await DeliveredAsync();
        await using var scope = _fx.Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DrainOrderInbox>().RunAsync(CancellationToken.None);
    }

    public async Task PollAsync()
    {
        await using var scope = _fx.Portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PollOrders>().PollStoreAsync(OrganizationId, Store.Id, CancellationToken.None);
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _fx.Portal.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Portal.Data.PortalDbContext Db() => _fx.Db(OrganizationId);

    public ITenantContext Tenant => FixedTenant.For(OrganizationId);

    public async Task<List<PendingOrder>> PendingAsync()
    {
        await using var db = Db();
        return await db.PendingOrders.AsNoTracking().OrderBy(p => p.WooOrderId).ToListAsync();
    }

    public async Task<List<OrderLogEntry>> LogAsync()
    {
        await using var db = Db();
        return await db.OrderLog.AsNoTracking().OrderBy(e => e.WooOrderId).ToListAsync();
    }

    /// <summary>What is allocated of a product at the warehouse, to pending orders.</summary>
    public async Task<decimal> AllocatedAsync(int productId)
    {
        await using var db = Db();
        return (await db.StockAllocations.AsNoTracking()
            .Where(a => a.ProductId == productId && a.LocationId == Warehouse && a.Source == AllocationSource.PendingOrder)
            .Select(a => a.Quantity).ToListAsync()).Sum();
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        await Emulator.DisposeAsync();
    }
}
