using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Domain.Integrations;
using Portal.Domain.Stock;
using Portal.Features.Integrations;
using Portal.Features.Stock;
using Portal.Features.StockSync;
using Portal.Tests.Integrations;
using WooCommerce.Emulator;

namespace Portal.Tests.StockSync;

/// <summary>One organization with two locations and any number of emulated stores connected (Update Stock Levels on,
/// all locations), and the push run as its job runs it, with a clock the test moves (the portal's scheduler is off).</summary>
internal sealed class StockSyncWorld(StorePortalFixture fx, int organizationId, int webLocation, int backRoom) : IAsyncDisposable
{
    private readonly List<(int StoreId, WooEmulator Emulator)> _stores = [];

    public int Org { get; } = organizationId;
    public int Web { get; } = webLocation;
    public int BackRoom { get; } = backRoom;
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public IReadOnlyList<(int StoreId, WooEmulator Emulator)> Stores => _stores;

    public static async Task<StockSyncWorld> CreateAsync(StorePortalFixture fx, int stores)
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        int web, back;
        await using (var db = fx.Db(org))
        {
            var locations = new[] { Location.Create(org, "Web stock"), Location.Create(org, "Back room") };
            db.Locations.AddRange(locations);
            await db.SaveChangesAsync();
            (web, back) = (locations[0].Id, locations[1].Id);
        }

        var world = new StockSyncWorld(fx, org, web, back);
        for (var i = 0; i < stores; i++)
        {
            var emulator = await fx.StartStoreAsync();
            var connected = await fx.ConnectClassicAsync(org, emulator, name: $"Shop {(char)('A' + i)}");
            connected.Succeeded.ShouldBeTrue(connected.Message);
            await using var db = fx.Db(org);
            var storeId = await db.Stores.Where(s => s.Name == $"Shop {(char)('A' + i)}").Select(s => s.Id).SingleAsync();
            world._stores.Add((storeId, emulator));
            await world.SettingsAsync(storeId, s => s.UpdateStockLevels = true);
        }

        return world;
    }

    public int Store(int index) => _stores[index].StoreId;

    public WooEmulator Emulator(int index) => _stores[index].Emulator;

    public async Task SettingsAsync(int storeId, Action<StoreSettings> change)
    {
        await using var db = fx.Db(Org);
        var store = await db.Stores.SingleAsync(s => s.Id == storeId);
        var settings = StoreSettings.FromJson(store.SettingsJson);
        change(settings);
        store.SettingsJson = settings.ToJson();
        await db.SaveChangesAsync();
    }

    public async Task<int> ProductAsync(string sku)
    {
        await using var db = fx.Db(Org);
        var product = Product.Create(Org, sku, "Product " + sku);
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product.Id;
    }

    /// <summary>Links the portal product to a simple product (<paramref name="wooVariationId"/> 0) or a variation of
    /// <paramref name="wooProductId"/> in every store given (all stores when none).</summary>
    public async Task LinkAsync(int productId, long wooProductId, long wooVariationId = 0, int? productBuffer = null, params int[] stores)
    {
        await using var db = fx.Db(Org);
        foreach (var storeId in stores.Length == 0 ? _stores.Select(s => s.StoreId) : stores)
        {
            var link = new StoreProductLink
            {
                StoreId = storeId, ProductId = productId, WooProductId = wooProductId, WooVariationId = wooVariationId,
                Sku = $"P{productId}", LinkedAtUtc = DateTime.UtcNow,
            };
            link.SetProductBuffer(productBuffer);
            db.StoreProductLinks.Add(link);
        }

        await db.SaveChangesAsync();
    }

    public async Task AdjustAsync(int productId, decimal quantity, int? location = null)
    {
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var adjusted = await scope.ServiceProvider.GetRequiredService<StockOperations>()
            .AdjustAsync(FixedTenant.For(Org), productId, location ?? Web, quantity, "counted");
        adjusted.Succeeded.ShouldBeTrue(adjusted.Error);
    }

    /// <summary>The push with this world's clock, as <see cref="PushStockJob"/> runs it.</summary>
    public PushStock Pusher() => ActivatorUtilities.CreateInstance<PushStock>(fx.Portal.Services, Clock);

    public Task<StockPushOutcome> PushAsync(int storeIndex, StockPushMode mode = StockPushMode.Changes) =>
        Pusher().PushAsync(Org, Store(storeIndex), mode);

    public async Task<StockSyncState> StateAsync(int storeIndex)
    {
        await using var db = fx.Db(Org);
        return (await StockSyncStatus.GetAsync(db, Store(storeIndex))).ShouldNotBeNull();
    }

    public async Task<ConnectedStore> StoreRowAsync(int storeIndex)
    {
        await using var db = fx.Db(Org);
        return await db.Stores.AsNoTracking().SingleAsync(s => s.Id == Store(storeIndex));
    }

    public async Task<List<string>> ActivityAsync(int storeIndex)
    {
        await using var db = fx.Db(Org);
        return await db.StoreActivity.AsNoTracking().Where(a => a.StoreId == Store(storeIndex) && a.Method == PushStock.ActivityMethod)
            .OrderBy(a => a.Id).Select(a => a.Path).ToListAsync();
    }

    public static int? Quantity(WooEmulator emulator, int wooId)
    {
        lock (emulator.Store.Sync)
        {
            return emulator.Store.Product(wooId)!.StockQuantity;
        }
    }

    public static void SetQuantity(WooEmulator emulator, int wooId, int quantity)
    {
        lock (emulator.Store.Sync)
        {
            emulator.Store.Product(wooId)!.StockQuantity = quantity;
        }
    }

    /// <summary>The batch requests the store received (the request log), optionally only since <paramref name="after"/> entries.</summary>
    public static List<string> Batches(WooEmulator emulator, int after = 0) =>
        emulator.Requests.Entries.Skip(after).Where(r => r.Method == "POST" && r.Path.EndsWith("/batch", StringComparison.Ordinal))
            .Select(r => r.Path).ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, emulator) in _stores)
        {
            await emulator.DisposeAsync();
        }
    }
}
