using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Domain.Stock;
using Portal.Features.Integrations;
using Portal.Features.StoreCatalog;
using Portal.Tests.Integrations;
using Portal.WooCommerce;
using WooCommerce.Emulator;

namespace Portal.Tests.Catalog;

/// <summary>An organization with the fixture store connected through the emulator, and a way to run catalog operations
/// the way the job does (the test portal's scheduler is off).</summary>
internal sealed class CatalogTestStore(StorePortalFixture fx, int organizationId, int storeId, WooEmulator emulator, int locationId)
{
    public int Org { get; } = organizationId;
    public int StoreId { get; } = storeId;
    public WooEmulator Emulator { get; } = emulator;
    public int LocationId { get; } = locationId;

    public static async Task<CatalogTestStore> ConnectAsync(StorePortalFixture fx, WooEmulator? emulator = null)
    {
        emulator ??= await fx.StartStoreAsync();
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        var connected = await fx.ConnectClassicAsync(org, emulator);
        connected.Succeeded.ShouldBeTrue(connected.Message);
        await using var db = fx.Db(org);
        var location = Location.Create(org, "Web stock");
        db.Locations.Add(location);
        await db.SaveChangesAsync();
        var store = await db.Stores.SingleAsync();
        var test = new CatalogTestStore(fx, org, store.Id, emulator, location.Id);
        await test.ChangeSettingsAsync(s => s.LocationId = location.Id);
        return test;
    }

    public async Task ChangeSettingsAsync(Action<StoreSettings> change)
    {
        await using var db = fx.Db(Org);
        var store = await db.Stores.SingleAsync(s => s.Id == StoreId);
        var settings = StoreSettings.FromJson(store.SettingsJson);
        change(settings);
        store.SettingsJson = settings.ToJson();
        await db.SaveChangesAsync();
    }

    public async Task<CatalogOperation> RunAsync(CatalogOperationKind kind, bool dryRun = false, string? request = null,
        int? downloadChunk = null)
    {
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<CatalogOperations>()
            .QueueAsync(FixedTenant.For(Org), StoreId, kind, dryRun, "test@example.test", request);
        queued.Succeeded.ShouldBeTrue(queued.Error);
        var runner = scope.ServiceProvider.GetRequiredService<RunCatalogOperation>();
        if (downloadChunk is { } chunk)
        {
            // The portal's own handler with smaller chunks: many are written while the store is still being read.
            var dbFactory = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>();
            var handler = new DownloadProducts(dbFactory, scope.ServiceProvider.GetRequiredService<StoreClients>(), TimeProvider.System)
            {
                ChunkSize = chunk,
            };
            runner = new RunCatalogOperation(dbFactory, [handler], TimeProvider.System, NullLogger<RunCatalogOperation>.Instance);
        }

        await runner.RunAsync(Org, queued.Value, CancellationToken.None);
        await using var db = fx.Db(Org);
        var operation = await db.CatalogOperations.AsNoTracking().SingleAsync(o => o.Id == queued.Value);
        operation.Status.ShouldBe(CatalogOperationStatus.Completed, operation.Error);
        return operation;
    }

    public async Task<DownloadReport> DownloadAsync(bool dryRun = false, int? chunk = null) =>
        DownloadReport.FromJson((await RunAsync(CatalogOperationKind.DownloadProducts, dryRun, downloadChunk: chunk)).ResultJson)
            .ShouldNotBeNull();

    public Portal.Data.PortalDbContext Db() => fx.Db(Org);
}
