using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Tests.Inventory;

public sealed class StockConcurrencyTests
{
    [Fact]
    public async Task Adjust_WhenTwoAdjustmentsReadTheBalanceBeforeEitherWrites_ThenBothCount()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 10m, "opening")).Succeeded.ShouldBeTrue();
        var conflicts = new ConflictCounter();
        database.Interceptors.AddRange([new SaveBarrier(2), conflicts]);

        var results = await Task.WhenAll(
            database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 3m, "found"),
            database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 4m, "found"));

        results.ShouldAllBe(r => r.Succeeded);
        conflicts.Count.ShouldBe(1, "both read 10 before either wrote, so the second write must have been refused once");
        (await database.StockOfAsync(seed.Org, seed.Widget, seed.Warehouse)).ShouldBe((17m, 17m));
    }

    [Fact]
    public async Task Adjust_WhenTheVersionTokenIsRemoved_ThenTheSecondAdjustmentOverwritesTheFirst()
    {
        // The control for the test above: the same interleaving without the guard loses an update.
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 10m, "opening")).Succeeded.ShouldBeTrue();
        database.WithoutVersionTokens = true;
        database.Interceptors.Add(new SaveBarrier(2));

        var results = await Task.WhenAll(
            database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 3m, "found"),
            database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 4m, "found"));

        results.ShouldAllBe(r => r.Succeeded);
        var (balance, ledger) = await database.StockOfAsync(seed.Org, seed.Widget, seed.Warehouse);
        ledger.ShouldBe(17m);
        balance.ShouldBeOneOf(13m, 14m);
    }

    [Fact]
    public async Task Adjust_WhenManyTasksAdjustOneBalanceInParallel_ThenBalanceEqualsTheSumOfTheLedger()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await seed.SellInFractionsAsync(database, seed.Widget);
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 100m, "opening")).Succeeded.ShouldBeTrue();

        var workers = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            var applied = 0m;
            for (var i = 0; i < 8; i++)
            {
                var quantity = (worker + i) % 3 == 0 ? -1.5m : 2.25m;
                var result = await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, quantity, $"w{worker}");
                if (result.Succeeded)
                {
                    applied += quantity;
                }
                else
                {
                    result.Error.ShouldStartWith("Someone changed the stock of WIDGET at Warehouse at the same time");
                }
            }

            return applied;
        })).ToList();
        var applied = (await Task.WhenAll(workers)).Sum();

        var (balance, ledger) = await database.StockOfAsync(seed.Org, seed.Widget, seed.Warehouse);
        balance.ShouldBe(ledger);
        balance.ShouldBe(100m + applied);
        applied.ShouldNotBe(0m);
    }

    [Fact]
    public async Task Adjust_WhenTheLedgerRowCannotBeWritten_ThenNeitherTheBalanceNorTheDirtyMarkerIsSaved()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 10m, "opening")).Succeeded.ShouldBeTrue();
        var feed = await database.Changes.ReadAsync(seed.Tenant, seed.Store);
        await database.Changes.AcknowledgeAsync(seed.Tenant, feed);
        database.Interceptors.Add(new FailingInsert("StockMovements"));

        await Should.ThrowAsync<DbUpdateException>(() =>
            database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 5m, "found"));

        (await database.StockOfAsync(seed.Org, seed.Widget, seed.Warehouse)).ShouldBe((10m, 10m));
        (await database.Changes.ReadAsync(seed.Tenant, seed.Store)).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task Adjust_WhenItWouldTakeOnHandBelowZero_ThenIsRefusedWithTheShortfall()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 2m, "opening")).Succeeded.ShouldBeTrue();

        var result = await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, -3m, "write-off");

        result.Succeeded.ShouldBeFalse();
        result.Error!.ShouldContain("short by 1");
        (await database.StockOfAsync(seed.Org, seed.Widget, seed.Warehouse)).ShouldBe((2m, 2m));
    }
}

/// <summary>Counts the saves refused because a row had changed since it was read.</summary>
public sealed class ConflictCounter : SaveChangesInterceptor
{
    private int _count;

    public int Count => _count;

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}

/// <summary>Fails any INSERT into the named table, as a crash between two statements of one save would.</summary>
public sealed class FailingInsert(string table) : DbCommandInterceptor
{
    public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
        System.Data.Common.DbCommand command, CommandEventData eventData,
        InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default) =>
        command.CommandText.Contains($"INSERT INTO \"{table}\"", StringComparison.Ordinal)
            ? throw new InvalidOperationException($"Simulated failure writing {table}.")
            : ValueTask.FromResult(result);
}
