using Microsoft.EntityFrameworkCore;
using Portal.Data.Tenancy;
using Portal.Domain.Organizations;
using Portal.Features.StockSync;
using Portal.Tests.Integrations;
using Portal.Tests.Sales;
using WooCommerce.Emulator.Control;

namespace Portal.Tests.StockSync;

/// <summary>Issue 13's "done when" against the emulator: the push the job runs, with the clock in the test's hands.</summary>
public sealed class StockPushTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    private const int Shirt = 12;
    private const int LinenShirt = 13;
    private const int Dress = 17;

    [Fact]
    public async Task Push_WhenStockChanges_ThenBothStoresHoldTheNewQuantityAndTheLogSaysSoInWords()
    {
        await using var world = await StockSyncWorld.CreateAsync(fx, stores: 2);
        var product = await world.ProductAsync("TWO-1");
        await world.LinkAsync(product, Shirt);
        await world.AdjustAsync(product, 7);

        foreach (var index in new[] { 0, 1 })
        {
            var pushed = await world.PushAsync(index);
            (pushed.Status, pushed.Sent, pushed.Confirmed, pushed.Requests).ShouldBe((StockPushStatus.Done, 1, 1, 1));
            StockSyncWorld.Quantity(world.Emulator(index), Shirt).ShouldBe(7);
        }

        await world.AdjustAsync(product, -2);
        (await world.PushAsync(0)).Confirmed.ShouldBe(1);
        (await world.PushAsync(1)).Confirmed.ShouldBe(1);

        StockSyncWorld.Quantity(world.Emulator(0), Shirt).ShouldBe(5);
        StockSyncWorld.Quantity(world.Emulator(1), Shirt).ShouldBe(5);
        (await world.StateAsync(0)).Backlog.ShouldBe(0);
        var log = await world.ActivityAsync(1);
        log.Count.ShouldBe(2);
        log[^1].ShouldStartWith("Stock push to Shop B: 1 quantity sent in 1 request (1 changed), 1 confirmed, in ");
    }

    [Fact]
    public async Task Push_WhenAStoreFailsWith500sThen429s_ThenItKeepsItsBacklogWhileTheOtherIsServedAndCatchesUpWithoutResending()
    {
        await using var world = await StockSyncWorld.CreateAsync(fx, stores: 2);
        var (failing, healthy) = (world.Emulator(1), world.Emulator(0));
        var moved = await world.ProductAsync("DOWN-1");
        var back = await world.ProductAsync("DOWN-2");
        await world.LinkAsync(moved, Shirt);
        await world.LinkAsync(back, LinenShirt);
        await world.AdjustAsync(moved, 4);
        await world.AdjustAsync(back, 6);
        (await world.PushAsync(0)).Confirmed.ShouldBe(2);
        (await world.PushAsync(1)).Confirmed.ShouldBe(2);

        var down = failing.AddFault(new FaultRule { PathPattern = "/wp-json/wc/v3/*", Kind = FaultKind.ServerError });
        await world.AdjustAsync(moved, 5);   // 9
        await world.AdjustAsync(back, 1);    // 7, then back to 6 before the store returns
        var servedWhileDown = await world.PushAsync(0);
        var failed = await world.PushAsync(1);

        servedWhileDown.Status.ShouldBe(StockPushStatus.Done);
        (StockSyncWorld.Quantity(healthy, Shirt), StockSyncWorld.Quantity(healthy, LinenShirt)).ShouldBe((9, 7));
        failed.Status.ShouldBe(StockPushStatus.Failed);
        (StockSyncWorld.Quantity(failing, Shirt), StockSyncWorld.Quantity(failing, LinenShirt)).ShouldBe((4, 6));
        var state = await world.StateAsync(1);
        (state.Backlog, state.Failures, state.Error).ShouldBe((2, 1, "The store failed with HTTP 500."));
        state.NextTryAtUtc.ShouldBe(world.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(5));
        (await world.StateAsync(0)).Backlog.ShouldBe(0);
        (await world.PushAsync(1)).Status.ShouldBe(StockPushStatus.Waiting, "the next try is not due yet");

        failing.Faults.Remove(down.Id);
        failing.AddFault(new FaultRule { PathPattern = "/wp-json/wc/v3/*", Kind = FaultKind.TooManyRequests, RetryAfterSeconds = 1 });
        world.Clock.Advance(TimeSpan.FromSeconds(6));
        var limited = await world.PushAsync(1);

        limited.Status.ShouldBe(StockPushStatus.Failed);
        state = await world.StateAsync(1);
        (state.Backlog, state.Failures, state.Error).ShouldBe((2, 2, "The store asked the portal to slow down (HTTP 429, retry after 1 s)."));
        state.NextTryAtUtc.ShouldBe(world.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(10), "doubled, and longer than Retry-After");

        failing.Faults.Clear();
        await world.AdjustAsync(back, -1);   // 6: what the failing store already has
        StockSyncWorld.SetQuantity(failing, LinenShirt, 999); // were it sent again, the store would say 6
        world.Clock.Advance(TimeSpan.FromSeconds(11));
        var before = failing.Requests.Entries.Count;
        var caughtUp = await world.PushAsync(1);

        (caughtUp.Status, caughtUp.Sent, caughtUp.Confirmed).ShouldBe((StockPushStatus.Done, 1, 1));
        StockSyncWorld.Batches(failing, before).ShouldBe(["/wp-json/wc/v3/products/batch"]);
        (StockSyncWorld.Quantity(failing, Shirt), StockSyncWorld.Quantity(failing, LinenShirt)).ShouldBe((9, 999));
        state = await world.StateAsync(1);
        (state.Backlog, state.Failures, state.Error, state.NextTryAtUtc).ShouldBe((0, 0, null, null));
        (await world.ActivityAsync(1)).ShouldContain(line => line.Contains("stopped after") && line.Contains("HTTP 500") && line.Contains("2 products wait"));
    }

    [Fact]
    public async Task Push_WhenOneOfThreeQuantitiesChanged_ThenOnlyThatOneIsSent()
    {
        await using var world = await StockSyncWorld.CreateAsync(fx, stores: 1);
        var emulator = world.Emulator(0);
        int[] woo = [Shirt, LinenShirt, Dress];
        var products = new List<int>();
        foreach (var id in woo)
        {
            var product = await world.ProductAsync($"ONLY-{id}");
            await world.LinkAsync(product, id);
            await world.AdjustAsync(product, 3);
            products.Add(product);
        }

        (await world.PushAsync(0)).Confirmed.ShouldBe(3);
        foreach (var id in woo)
        {
            StockSyncWorld.SetQuantity(emulator, id, 999);
        }

        await world.AdjustAsync(products[1], 2);
        await world.AdjustAsync(products[2], 1);
        await world.AdjustAsync(products[2], -1); // changed, and back: nothing to tell the store
        var before = emulator.Requests.Entries.Count;
        var pushed = await world.PushAsync(0);

        (pushed.Sent, pushed.Changed).ShouldBe((1, 1));
        StockSyncWorld.Batches(emulator, before).ShouldBe(["/wp-json/wc/v3/products/batch"]);
        woo.Select(id => StockSyncWorld.Quantity(emulator, id)).ShouldBe([999, 5, 999]);

        var idle = await world.PushAsync(0);
        idle.Status.ShouldBe(StockPushStatus.NothingToDo);
        StockSyncWorld.Batches(emulator, before).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Push_WhenVariationsOfTwoParentsAndSimpleProducts_ThenOneBatchPerParentAndOneForTheSimpleOnes()
    {
        await using var world = await StockSyncWorld.CreateAsync(fx, stores: 1);
        var emulator = world.Emulator(0);
        List<(int Parent, int Id)> variations;
        lock (emulator.Store.Sync)
        {
            variations = new[] { 43, 61 }.SelectMany(parent => emulator.Store.VariationsOf(parent).Take(3).Select(v => (parent, v.Id))).ToList();
        }

        var quantity = 1;
        foreach (var (parent, id) in variations)
        {
            var product = await world.ProductAsync($"VAR-{id}");
            await world.LinkAsync(product, parent, id);
            await world.AdjustAsync(product, quantity++);
        }

        foreach (var id in new[] { Shirt, Dress })
        {
            var product = await world.ProductAsync($"SIM-{id}");
            await world.LinkAsync(product, id);
            await world.AdjustAsync(product, 10);
        }

        var pushed = await world.PushAsync(0);

        (pushed.Sent, pushed.Confirmed, pushed.Requests).ShouldBe((8, 8, 3));
        StockSyncWorld.Batches(emulator).Order().ShouldBe(
            ["/wp-json/wc/v3/products/43/variations/batch", "/wp-json/wc/v3/products/61/variations/batch", "/wp-json/wc/v3/products/batch"]);
        variations.Select(v => StockSyncWorld.Quantity(emulator, v.Id)).ShouldBe([1, 2, 3, 4, 5, 6]);
        StockSyncWorld.Quantity(emulator, Dress).ShouldBe(10);
    }

    [Fact]
    public async Task Push_WhenOneStoreSellsFromALocationAndTheOtherFromAll_ThenTheFirstGetsThatLocationAndTheSecondTheSum()
    {
        await using var world = await StockSyncWorld.CreateAsync(fx, stores: 2);
        await world.SettingsAsync(world.Store(0), s => s.LocationId = world.Web);
        var product = await world.ProductAsync("LOC-1");
        await world.LinkAsync(product, Shirt);
        await world.AdjustAsync(product, 5, world.Web);
        await world.AdjustAsync(product, 3, world.BackRoom);

        await world.PushAsync(0);
        await world.PushAsync(1);

        StockSyncWorld.Quantity(world.Emulator(0), Shirt).ShouldBe(5);
        StockSyncWorld.Quantity(world.Emulator(1), Shirt).ShouldBe(8);
        (await world.StateAsync(0)).Location.ShouldBe("Web stock");
        (await world.StateAsync(1)).Location.ShouldBe("all locations");
    }

    [Fact]
    public async Task Push_WhenBuffers_ThenTheProductBufferWinsAndAStoreBufferChangeWaitsForPushAllStockNow()
    {
        await using var world = await StockSyncWorld.CreateAsync(fx, stores: 1);
        var emulator = world.Emulator(0);
        await world.SettingsAsync(world.Store(0), s => (s.UseBufferInventory, s.BufferInventory) = (true, 2));
        var storeBuffer = await world.ProductAsync("BUF-STORE");
        var none = await world.ProductAsync("BUF-ZERO");
        var own = await world.ProductAsync("BUF-OWN");
        await world.LinkAsync(storeBuffer, Shirt);
        await world.LinkAsync(none, LinenShirt, productBuffer: 0);
        await world.LinkAsync(own, Dress, productBuffer: 15);
        foreach (var product in new[] { storeBuffer, none, own })
        {
            await world.AdjustAsync(product, 10);
        }

        await world.PushAsync(0);
        new[] { Shirt, LinenShirt, Dress }.Select(id => StockSyncWorld.Quantity(emulator, id)).ShouldBe([8, 10, 0]);

        await world.SettingsAsync(world.Store(0), s => s.BufferInventory = 4);
        (await world.PushAsync(0)).Status.ShouldBe(StockPushStatus.NothingToDo, "a buffer change marks nothing");
        StockSyncWorld.Quantity(emulator, Shirt).ShouldBe(8);

        var everything = await world.Pusher().PushEverythingAsync(FixedTenant.For(world.Org), world.Store(0));

        everything.Succeeded.ShouldBeTrue(everything.Error);
        (everything.Value!.Sent, everything.Value.Changed).ShouldBe((3, 1));
        new[] { Shirt, LinenShirt, Dress }.Select(id => StockSyncWorld.Quantity(emulator, id)).ShouldBe([6, 10, 0]);
    }

    [Fact]
    public async Task Push_WhenTheBatchAnswersPerItemErrors_ThenTheyAreReportedAndTheDeletedProductsAreSkippedFromThenOn()
    {
        await using var world = await StockSyncWorld.CreateAsync(fx, stores: 1);
        var emulator = world.Emulator(0);
        var kept = await world.ProductAsync("ERR-OK");
        var deleted = await world.ProductAsync("ERR-GONE");
        var trashed = await world.ProductAsync("ERR-TRASH");
        await world.LinkAsync(kept, Shirt);
        await world.LinkAsync(deleted, 987_654);
        await world.LinkAsync(trashed, Dress);
        lock (emulator.Store.Sync)
        {
            emulator.Store.Product(Dress)!.Status = "trash";
        }

        foreach (var product in new[] { kept, deleted, trashed })
        {
            await world.AdjustAsync(product, 4);
        }

        var pushed = await world.PushAsync(0);

        (pushed.Status, pushed.Sent, pushed.Confirmed, pushed.Requests).ShouldBe((StockPushStatus.Done, 3, 1, 1));
        StockSyncWorld.Quantity(emulator, Shirt).ShouldBe(4);
        var state = await world.StateAsync(0);
        state.Backlog.ShouldBe(0, "skipped deliberately, not retried");
        state.Error.ShouldNotBeNull();
        state.Error.ShouldContain("P" + deleted + " is no longer in the store");
        state.Error.ShouldContain("P" + trashed + " is no longer in the store");
        await using (var db = fx.Db(world.Org))
        {
            (await db.StoreProductLinks.Where(l => l.MissingSinceUtc != null).Select(l => l.ProductId).OrderBy(p => p).ToListAsync())
                .ShouldBe([deleted, trashed]);
        }

        await world.AdjustAsync(deleted, 1);
        var before = emulator.Requests.Entries.Count;
        (await world.PushAsync(0)).Sent.ShouldBe(0);
        StockSyncWorld.Batches(emulator, before).ShouldBeEmpty();
    }

    [Fact]
    public async Task PushEverything_WhenTheUserMayOnlyRead_ThenRefusedWithTheReasonAndNothingSent()
    {
        await using var world = await StockSyncWorld.CreateAsync(fx, stores: 1);
        var product = await world.ProductAsync("RO-1");
        await world.LinkAsync(product, Shirt);

        var refused = await world.Pusher().PushEverythingAsync(new SalesBunit.UserTenant(world.Org, Permissions.ReadOnly), world.Store(0));

        refused.Succeeded.ShouldBeFalse();
        refused.Error!.ShouldStartWith("You can view the store's stock but not change them");
        StockSyncWorld.Batches(world.Emulator(0)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PushEverything_WhenUpdateStockLevelsIsOff_ThenRefusedWithTheReason()
    {
        await using var world = await StockSyncWorld.CreateAsync(fx, stores: 1);
        await world.SettingsAsync(world.Store(0), s => s.UpdateStockLevels = false);

        var refused = await world.Pusher().PushEverythingAsync(FixedTenant.For(world.Org), world.Store(0));

        refused.Error.ShouldBe("Update Stock Levels is off for this store: turn it on in the store's settings (Catalog) first.");
        (await world.PushAsync(0)).Status.ShouldBe(StockPushStatus.Off);
    }
}
