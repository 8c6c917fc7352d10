using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Features.Orders;

namespace Portal.Benchmarks;

/// <summary>
/// "orders-throughput": 10,000 paid orders placed in the emulator by 8 shoppers at once, delivered by webhook to the real
/// portal (scheduler running), captured and made into sales by the processing worker (No Consolidation, each its own
/// sale with its customer created, payment held on the Draft invoice). Timed from the first checkout until the 10,000th
/// sale exists (at most 10 minutes; then sales says how many were made).
/// </summary>
public sealed class OrdersThroughputScenario : IScenario
{
    private const int Orders = 10_000;

    public string Name => "orders-throughput";

    public string Description => "10,000 orders from checkout and delivery to processed sale (scheduler running)";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        await using var world = await OrderBenchWorld.StartAsync();
        await world.ConfigureSalesAsync(null);
        var timer = Stopwatch.StartNew();
        await world.CheckoutManyAsync(Orders, 8);
        var checkoutSeconds = timer.Elapsed.TotalSeconds;
        var sales = await world.WaitForSalesAsync(Orders, TimeSpan.FromMinutes(10));
        return new Dictionary<string, object>
        {
            ["orders"] = Orders,
            ["sales"] = sales,
            ["seconds"] = Math.Round(timer.Elapsed.TotalSeconds, 2),
            ["checkout_seconds"] = Math.Round(checkoutSeconds, 2),
        };
    }
}

/// <summary>
/// "consolidation": 10,000 pending orders of a daily store (captured through the real portal) made into the day's one
/// sale by one consolidation run, on a clock set two days ahead so the run is due. Timed: the run alone.
/// </summary>
public sealed class ConsolidationScenario : IScenario
{
    private const int Orders = 10_000;

    public string Name => "consolidation";

    public string Description => "10,000 pending orders into one daily consolidated sale";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        await using var world = await OrderBenchWorld.StartAsync();
        await world.ConfigureSalesAsync(new TimeOnly(18, 0));
        await world.CheckoutManyAsync(Orders, 8);
        var pending = await world.WaitForPendingAsync(Orders, TimeSpan.FromMinutes(10));
        var consolidate = new ConsolidateOrders(world.App.Services.GetRequiredService<IPortalDbContextFactory>(),
            new AheadClock(TimeSpan.FromDays(2)), NullLogger<ConsolidateOrders>.Instance);
        var timer = Stopwatch.StartNew();
        var result = await consolidate.RunStoreAsync(world.OrganizationId, world.StoreId, CancellationToken.None);
        var seconds = timer.Elapsed.TotalSeconds;
        await using var db = world.Db();
        var lines = result?.SaleId is { } id ? db.SaleLines.Count(l => l.SaleId == id) : 0;
        return new Dictionary<string, object>
        {
            ["orders"] = pending,
            ["consolidated"] = result?.Orders ?? 0,
            ["sale_lines"] = lines,
            ["seconds"] = Math.Round(seconds, 2),
        };
    }

    private sealed class AheadClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }
}
