using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Data;
using Portal.Domain.Integrations;
using Portal.Domain.Orders;
using Portal.Domain.Sales;
using Portal.Features.Orders;
using Portal.Features.Sales;
using Portal.Tests.Integrations;

namespace Portal.Tests.Orders;

/// <summary>Daily consolidation against the emulator and real SQLite, on a fake clock: the day's pending orders become
/// one sale at the store's consolidation time on its own clock, once per day, across a daylight-saving change and in a
/// fixed-offset store; a cancellation before the run leaves the order out, one after is credited on the day's sale.</summary>
public sealed class OrderConsolidationTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    // The orders are captured now (real time); the fake clock runs after that, in 2027, around the US spring change
    // (Sunday 14 March 2027: 02:00 EST becomes 03:00 EDT).
    private static readonly TimeOnly SixPm = new(18, 0);

    [Fact]
    public async Task Run_WhenTheConsolidationTimeComesAcrossTheClocksGoingForward_ThenOneSaleADayAtSixPmLocal()
    {
        await using var world = await DailyWorldAsync("America/New_York");
        var first = await world.CheckoutAsync(paid: true, lines: [(OrderWorld.ShirtId, 2)]);
        var second = await world.CheckoutAsync(paid: true, lines: [(OrderWorld.ShirtId, 1), (OrderWorld.ToteId, 1)]);
        await world.DrainAsync();
        // The first run ever is the latest six o'clock already passed: 18:00 EST on Saturday.
        var clock = new FakeTimeProvider(At(2027, 3, 13, 23, 0));
        var consolidate = Consolidate(world, clock);
        var saturday = (await consolidate.RunStoreAsync(world.OrganizationId, world.Store.Id, default)).ShouldNotBeNull();
        (saturday.LocalDate, saturday.Orders).ShouldBe((new DateOnly(2027, 3, 13), 2));
        (await consolidate.RunStoreAsync(world.OrganizationId, world.Store.Id, default)).ShouldBeNull("a day runs once");

        var sale = await DaySaleAsync(world, "2027-03-13");
        sale.WooOrderId.ShouldBeNull();
        sale.Lines.Single(l => l.ProductId == world.Shirt).Quantity.ShouldBe(3m);
        sale.Lines.Single(l => l.ProductId == world.Tote).Quantity.ShouldBe(1m);
        sale.Comments.ShouldNotBeNull();
        sale.Comments.ShouldContain($"{first}");
        sale.Comments.ShouldContain($"{second}");
        sale.HeldPayments.Sum(p => p.Amount).ShouldBe(sale.Total);
        (await world.PendingAsync()).ShouldBeEmpty();
        (await world.LogAsync()).ShouldAllBe(e => e.Status == OrderLogStatus.Sale && e.SaleId == sale.Id);
        (await world.AllocatedAsync(world.Shirt)).ShouldBe(0m);
        (await OrderSalesTests.SaleAllocatedAsync(world, world.Shirt)).ShouldBe(3m);

        var third = await world.CheckoutAsync(paid: true, lines: [(OrderWorld.ToteId, 2)]);
        await world.DrainAsync();
        clock.SetUtcNow(At(2027, 3, 14, 21, 59)); // 17:59 EDT: the clocks went forward, six pm is 22:00 UTC now
        (await consolidate.RunStoreAsync(world.OrganizationId, world.Store.Id, default)).ShouldBeNull();
        clock.SetUtcNow(At(2027, 3, 14, 22, 0));
        var sunday = (await consolidate.RunStoreAsync(world.OrganizationId, world.Store.Id, default)).ShouldNotBeNull();
        (sunday.LocalDate, sunday.Orders).ShouldBe((new DateOnly(2027, 3, 14), 1));
        clock.SetUtcNow(At(2027, 3, 14, 23, 0)); // what six pm would be without the change: nothing more
        (await consolidate.RunStoreAsync(world.OrganizationId, world.Store.Id, default)).ShouldBeNull();
        (await DaySaleAsync(world, "2027-03-14")).Comments!.ShouldContain($"{third}");
        await using var db = world.Db();
        (await db.ConsolidationRuns.CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Run_WhenAFixedOffsetStore_ThenTheDayIsTheStoresAndADayWithoutOrdersMakesNoSale()
    {
        await using var world = await DailyWorldAsync("UTC+05:30");
        await world.CheckoutAsync(paid: false);
        await world.DrainAsync();
        var clock = new FakeTimeProvider(At(2027, 3, 20, 12, 30)); // 18:00 in the store
        var consolidate = Consolidate(world, clock);
        (await consolidate.RunStoreAsync(world.OrganizationId, world.Store.Id, default))!.Orders.ShouldBe(1);
        (await DaySaleAsync(world, "2027-03-20")).HeldPayments.ShouldBeEmpty("the order was not paid");

        clock.SetUtcNow(At(2027, 3, 21, 12, 29));
        (await consolidate.RunStoreAsync(world.OrganizationId, world.Store.Id, default)).ShouldBeNull("17:59 in the store");
        clock.SetUtcNow(At(2027, 3, 21, 12, 30));
        var empty = (await consolidate.RunStoreAsync(world.OrganizationId, world.Store.Id, default)).ShouldNotBeNull();
        (empty.Orders, empty.SaleId).ShouldBe((0, (int?)null));
        await using var db = world.Db();
        (await db.Sales.CountAsync()).ShouldBe(1, "a day with no orders makes no sale");
    }

    [Fact]
    public async Task Run_WhenAnOrderIsCancelledBeforeTheRun_ThenItIsLeftOutAndAfterTheRunItIsCreditedOnTheDaySale()
    {
        await using var world = await DailyWorldAsync("Europe/Berlin", s => s.InvoiceStatus = InvoiceStatus.Authorised);
        var before = await world.CheckoutAsync(paid: true, lines: [(OrderWorld.ToteId, 5)]);
        var after = await world.CheckoutAsync(paid: true, lines: [(OrderWorld.ShirtId, 2)]);
        var kept = await world.CheckoutAsync(paid: true, lines: [(OrderWorld.ShirtId, 1)]);
        await world.DrainAsync();
        await world.ControlAsync($"orders/{before}/cancel");
        await world.DrainAsync();

        var clock = new FakeTimeProvider(At(2027, 3, 20, 17, 0)); // 18:00 in Berlin (CET)
        var result = (await Consolidate(world, clock).RunStoreAsync(world.OrganizationId, world.Store.Id, default)).ShouldNotBeNull();
        result.Orders.ShouldBe(2);
        var sale = await DaySaleAsync(world, "2027-03-20");
        sale.Lines.ShouldNotContain(l => l.ProductId == world.Tote);
        sale.Lines.Single(l => l.ProductId == world.Shirt).Quantity.ShouldBe(3m);
        var totalBefore = sale.Total;

        await world.ControlAsync($"orders/{after}/cancel");
        await world.DrainAsync();

        var credited = await DaySaleAsync(world, "2027-03-20");
        credited.IsVoided.ShouldBeFalse("the day's sale stands for the other orders");
        var note = credited.CreditNotes.ShouldHaveSingleItem();
        note.Total.ShouldBeGreaterThan(0m);
        note.Total.ShouldBeLessThan(totalBefore);
        var entry = (await world.LogAsync()).Single(e => e.WooOrderId == after);
        entry.Status.ShouldBe(OrderLogStatus.Voided);
        entry.Note!.ShouldContain("credited");
        (await world.LogAsync()).Single(e => e.WooOrderId == kept).Status.ShouldBe(OrderLogStatus.Sale);
        (await world.LogAsync()).Single(e => e.WooOrderId == before).Status.ShouldBe(OrderLogStatus.Dropped);
    }

    [Fact]
    public async Task Process_WhenTheStoreConsolidatesDaily_ThenNeitherAutomaticProcessingNorProcessMakesSingleSales()
    {
        await using var world = await DailyWorldAsync("UTC");
        await world.CheckoutAsync(paid: true);
        await world.DrainAsync();

        (await OrderSalesTests.ProcessAsync(world)).ShouldBe(0);
        var pending = (await world.PendingAsync()).ShouldHaveSingleItem();
        var refused = await world.WithAsync(sp => sp.GetRequiredService<ProcessPendingOrders>().ProcessAsync(world.Tenant, world.Store.Id, [pending.Id]));
        refused.Succeeded.ShouldBeFalse();
        refused.Error.ShouldNotBeNull();
        refused.Error.ShouldContain("consolidates its orders daily");
        (await world.PendingAsync()).ShouldHaveSingleItem();
    }

    private async Task<OrderWorld> DailyWorldAsync(string timeZone, Action<Portal.Features.Integrations.StoreSettings>? change = null)
    {
        var world = await OrderWorld.CreateAsync(fx);
        await OrderSalesTests.ConfigureForSalesAsync(world, s =>
        {
            s.Consolidation = Consolidation.Daily;
            s.ConsolidationTime = SixPm;
            change?.Invoke(s);
        }, timeZone);
        return world;
    }

    private static ConsolidateOrders Consolidate(OrderWorld world, TimeProvider clock) =>
        world.WithAsync(sp => Task.FromResult(new ConsolidateOrders(sp.GetRequiredService<IPortalDbContextFactory>(), clock,
            NullLogger<ConsolidateOrders>.Instance))).GetAwaiter().GetResult();

    private static async Task<Sale> DaySaleAsync(OrderWorld world, string date)
    {
        await using var db = world.Db();
        return await db.Sales.AsNoTracking().AsSplitQuery().Include(s => s.Lines).Include(s => s.HeldPayments).Include(s => s.CreditNotes)
            .SingleAsync(s => s.Reference == "WooCommerce Sales for " + date);
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
