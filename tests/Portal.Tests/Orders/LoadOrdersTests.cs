using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Data;
using Portal.Domain.Integrations;
using Portal.Features.Orders;
using Portal.Features.StoreCatalog;
using Portal.Tests.Integrations;

namespace Portal.Tests.Orders;

/// <summary>Load Orders runs in the background as an operation of the store (against the emulator and real SQLite):
/// one at a time per store, cancellable between pages with what was captured kept, and a run cut off by a stopped
/// portal is marked interrupted so the next run picks up the rest without capturing anything twice.</summary>
public sealed class LoadOrdersTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    [Fact]
    public async Task LoadOrders_WhenOneIsAlreadyQueued_ThenASecondIsRefusedButACatalogDownloadMayStart()
    {
        await using var world = await OrderWorld.CreateAsync(fx);
        var from = Now.AddDays(-30);
        var first = await LoadOrdersRuns.QueueAsync(world, from);

        var second = await world.WithAsync(sp => sp.GetRequiredService<OrderLogCommands>()
            .QueueLoadOrdersAsync(world.Tenant, world.Store.Id, from, "test@example.test"));
        second.Succeeded.ShouldBeFalse();
        second.Error.ShouldBe("Load Orders is already running for this store; wait for it to finish or cancel it.");
        (await LoadOrdersRuns.OperationsAsync(world)).ShouldHaveSingleItem().Id.ShouldBe(first);

        var download = await world.WithAsync(sp => sp.GetRequiredService<CatalogOperations>()
            .QueueAsync(world.Tenant, world.Store.Id, CatalogOperationKind.DownloadCustomers, false, "test@example.test"));
        download.Succeeded.ShouldBeTrue(download.Error);

        await LoadOrdersRuns.RunQueuedAsync(world, first);
        (await LoadOrdersRuns.OperationAsync(world, first)).Status.ShouldBe(CatalogOperationStatus.Completed);
        (await LoadOrdersRuns.RunAsync(world, from)).Captured.ShouldBe(0, "the store may load again once the first ended, which captured all");
    }

    [Fact]
    public async Task LoadOrders_WhenCancelledWhileRunning_ThenItStopsAfterThePageAndTheNextRunCapturesOnlyTheRest()
    {
        await using var world = await OrderWorld.CreateAsync(fx);
        await world.ControlAsync("webhooks/pause");
        await world.ControlAsync("generate/orders", new { count = 130, seed = 7 });
        var id = await LoadOrdersRuns.QueueAsync(world, Now.AddDays(-1));
        await using (var db = world.Db())
        {
            // The job has started it and the user pressed Cancel while it reads the first page.
            var row = await db.CatalogOperations.SingleAsync(o => o.Id == id);
            row.Start(Now);
            row.RequestCancel();
            await db.SaveChangesAsync();
        }

        var cancelled = await Should.ThrowAsync<CatalogOperationCancelledException>(world.WithAsync(async sp =>
        {
            var run = new CatalogOperationRun(sp.GetRequiredService<IPortalDbContextFactory>(), await LoadOrdersRuns.OperationAsync(world, id));
            return await sp.GetServices<ICatalogOperationHandler>().Single(h => h.Kind == CatalogOperationKind.LoadOrders).RunAsync(run, CancellationToken.None);
        }));
        var partial = LoadOrdersResult.FromJson(cancelled.ResultJson).ShouldNotBeNull();
        partial.Read.ShouldBe(CaptureOrders.IncludeLimit, "one page read, then the cancel was seen");
        await using (var db = world.Db())
        {
            // What the job's runner records when its handler stops at the cancel.
            (await db.CatalogOperations.SingleAsync(o => o.Id == id)).Cancelled(cancelled.ResultJson, Now);
            await db.SaveChangesAsync();
        }

        var logged = (await world.LogAsync()).Count;
        logged.ShouldBe(partial.Captured + partial.Waiting);

        var rest = await LoadOrdersRuns.RunAsync(world, Now.AddDays(-1));
        rest.Read.ShouldBeGreaterThanOrEqualTo(130);
        rest.Skipped.ShouldBe(logged, "what the cancelled run captured is kept and not captured again");
        var log = await world.LogAsync();
        log.Select(e => e.WooOrderId).ShouldBeUnique();
        (await world.PendingAsync()).Select(p => p.WooOrderId).ShouldBeUnique();
    }

    [Fact]
    public async Task LoadOrders_WhenThePortalStoppedWhileItRan_ThenTheSweepMarksItInterruptedAndANewRunMayStart()
    {
        await using var world = await OrderWorld.CreateAsync(fx);
        var id = await LoadOrdersRuns.QueueAsync(world, Now.AddDays(-30));
        await using (var db = world.Db())
        {
            var row = await db.CatalogOperations.SingleAsync(o => o.Id == id);
            row.Start(Now);
            await db.SaveChangesAsync();
        }

        // The portal died mid-run: no heartbeat any more. A restarted portal's sweep runs later.
        var later = new FakeTimeProvider(fx.Portal.Services.GetRequiredService<TimeProvider>().GetUtcNow() + CatalogOperation.RunningStaleAfter + TimeSpan.FromMinutes(1));
        var sweep = new SweepCatalogOperations(fx.Portal.Services.GetRequiredService<IPortalDbContextFactory>(), later);
        (await sweep.RunAsync()).ShouldBeGreaterThanOrEqualTo(1);

        var interrupted = await LoadOrdersRuns.OperationAsync(world, id);
        (interrupted.Status, interrupted.Error).ShouldBe((CatalogOperationStatus.Failed, CatalogOperation.InterruptedMessage));
        var again = await LoadOrdersRuns.RunAsync(world, Now.AddDays(-30));
        again.Read.ShouldBeGreaterThan(0);
    }

    private DateTime Now => fx.Portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
}
