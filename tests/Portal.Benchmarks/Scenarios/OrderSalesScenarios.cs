using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Domain.Orders;
using Portal.Domain.Stock;
using Portal.Features.Orders;
using Portal.Features.Stock;

namespace Portal.Benchmarks;

/// <summary>
/// "orders-throughput": 10,000 paid orders (or the count given as the first argument) placed in the emulator's process
/// with its deliveries held, then delivered by webhook (8 at a time) to the real portal (scheduler running), captured and
/// made into sales by the processing worker (No Consolidation, each its own sale with its customer created, payment held
/// on the Draft invoice). Timed from the release of the deliveries until the last sale exists (at most 10 minutes; then
/// sales says how many were made). The time every order was in the Log (captured) is reported beside it.
/// </summary>
public sealed class OrdersThroughputScenario : IScenario
{
    public string Name => "orders-throughput";

    /// <summary>Deliveries the store sends at once, as in capture-throughput.</summary>
    private const int ConcurrentDeliveries = 8;

    public string Description => "10,000 orders from delivery to processed sale (scheduler running); [count]";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        var orders = OrderCount(args);
        await using var world = await OrderBenchWorld.StartAsync(ConcurrentDeliveries);
        await world.ConfigureSalesAsync(null);
        // As capture-throughput: the orders are placed in the store with its deliveries held (setup, not timed), and
        // the clock runs from the release of the deliveries to the last sale.
        var webhooks = world.Emulator.Webhooks;
        webhooks.Pause();
        var setup = Stopwatch.StartNew();
        world.PlaceOrders(orders);
        while (webhooks.Held < webhooks.InFlight)
        {
            await Task.Delay(20);
        }

        var checkoutSeconds = setup.Elapsed.TotalSeconds;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var timer = Stopwatch.StartNew();
        webhooks.Resume();
        double? loggedSeconds = null;
        var deadline = TimeSpan.FromMinutes(10);
        int logged, sales;
        while (true)
        {
            await using (var db = world.Db())
            {
                logged = await db.OrderLog.CountAsync(e => e.StoreId == world.StoreId);
                sales = await db.Sales.CountAsync(s => s.StoreId == world.StoreId && s.WooOrderId != null);
            }

            if (logged >= orders)
            {
                loggedSeconds ??= timer.Elapsed.TotalSeconds;
            }

            if (sales >= orders || timer.Elapsed > deadline)
            {
                break;
            }

            await Task.Delay(100);
        }

        return new Dictionary<string, object>
        {
            ["orders"] = orders,
            ["sales"] = sales,
            ["seconds"] = Math.Round(timer.Elapsed.TotalSeconds, 2),
            ["captured"] = logged,
            ["captured_seconds"] = Math.Round(loggedSeconds ?? timer.Elapsed.TotalSeconds, 2),
            // The emulator and the portal share this process: on a loaded machine this says more than seconds.
            ["cpu_seconds"] = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, 2),
            ["checkout_seconds"] = Math.Round(checkoutSeconds, 2),
        };
    }

    /// <summary>The first argument, when it is a count of orders (to iterate on fewer); else 10,000.</summary>
    internal static int OrderCount(string[] args) =>
        args.Length > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? count : 10_000;
}

/// <summary>
/// "consolidation": 10,000 pending orders (or the count given as the first argument) of a daily store made into the
/// day's one sale by one consolidation run, on a clock set two days ahead so the run is due. Two orders (a shirt, a
/// tote) are captured through the real portal from the emulator's checkout; the others are copies of them written
/// straight into the database as capture writes them (pending order with its lines and payment, Log entry, allocation)
/// — setup, not timed. Timed: the run alone.
/// </summary>
public sealed class ConsolidationScenario : IScenario
{
    private const int SeedBatch = 1_000;

    public string Name => "consolidation";

    public string Description => "10,000 pending orders into one daily consolidated sale; [count]";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        var orders = OrdersThroughputScenario.OrderCount(args);
        // "sql": every command the portal runs is logged with its duration, to see where a slow run goes.
        await using var world = await OrderBenchWorld.StartAsync(args.Contains("sql")
            ? new[] { "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Information" } : []);
        await world.ConfigureSalesAsync(new TimeOnly(18, 0));
        await world.CheckoutManyAsync(2, 2);
        if (await world.WaitForPendingAsync(2, TimeSpan.FromMinutes(2)) < 2)
        {
            throw new InvalidOperationException("The two template orders were not captured.");
        }

        await SeedCopiesAsync(world, orders - 2);
        var pending = await world.PendingOrdersAsync();
        var consolidate = new ConsolidateOrders(world.App.Services.GetRequiredService<IPortalDbContextFactory>(),
            new AheadClock(TimeSpan.FromDays(2)), NullLogger<ConsolidateOrders>.Instance);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var timer = Stopwatch.StartNew();
        var result = await consolidate.RunStoreAsync(world.OrganizationId, world.StoreId, CancellationToken.None);
        var seconds = timer.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        await using var db = world.Db();
        var lines = result?.SaleId is { } id ? db.SaleLines.Count(l => l.SaleId == id) : 0;
        // What the run leaves behind: pending orders' rows, allocations and Log entries not linked to the sale.
        var left = await db.Database.SqlQueryRaw<int>(
            "SELECT (SELECT COUNT(*) FROM PendingOrders) + (SELECT COUNT(*) FROM PendingOrderLines) + (SELECT COUNT(*) FROM PendingOrderPayments) AS Value")
            .SingleAsync();
        var allocated = await db.StockAllocations.CountAsync(a => a.Source == AllocationSource.PendingOrder);
        var linked = await db.OrderLog.CountAsync(e => e.SaleId == result!.SaleId && e.Status == OrderLogStatus.Sale);
        return new Dictionary<string, object>
        {
            ["orders"] = pending,
            ["consolidated"] = result?.Orders ?? 0,
            ["sale_lines"] = lines,
            ["log_linked"] = linked,
            ["pending_rows_left"] = left,
            ["pending_allocations_left"] = allocated,
            ["seconds"] = Math.Round(seconds, 2),
            ["cpu_seconds"] = Math.Round(cpuSeconds, 2),
        };
    }

    /// <summary>Copies of the captured orders (new WooCommerce ids and numbers, their JSON rewritten to match) with
    /// their Log entries and allocations, a thousand per transaction.</summary>
    private static async Task SeedCopiesAsync(OrderBenchWorld world, int copies)
    {
        List<PendingOrder> templates;
        await using (var db = world.Db())
        {
            templates = await db.PendingOrders.AsNoTracking().AsSplitQuery().Where(p => p.StoreId == world.StoreId).OrderBy(p => p.Id).ToListAsync();
        }

        IPortalDbContextFactory contexts = new SqliteContexts($"Data Source={Path.Combine(world.DataDirectory, "portal.db")};Pooling=True");
        for (var start = 0; start < copies; start += SeedBatch)
        {
            await using var db = contexts.CreateForOrganization(world.OrganizationId);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var now = DateTime.UtcNow;
            var made = new List<(PendingOrder Pending, OrderLogEntry Entry)>();
            for (var i = start; i < Math.Min(copies, start + SeedBatch); i++)
            {
                var pending = Copy(templates[i % templates.Count], 1_000_000 + i, now);
                var entry = OrderLogEntry.ForPendingOrder(pending, null, now);
                db.PendingOrders.Add(pending);
                db.OrderLog.Add(entry);
                made.Add((pending, entry));
            }

            await db.SaveChangesAsync();
            var ledger = new StockLedger(world.OrganizationId, now, [], []);
            foreach (var (pending, entry) in made)
            {
                entry.LinkPendingOrder(pending);
                foreach (var (productId, quantity) in pending.StockNeeds)
                {
                    ledger.SetAllocation(AllocationSource.PendingOrder, pending.Id, productId, pending.LocationId!.Value, quantity);
                }
            }

            LedgerLoading.Stage(db, ledger);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
    }

    private static PendingOrder Copy(PendingOrder template, long wooOrderId, DateTime now)
    {
        var number = wooOrderId.ToString(CultureInfo.InvariantCulture);
        var json = JsonNode.Parse(template.OrderJson)!;
        json["id"] = wooOrderId;
        json["number"] = number;
        var header = new PendingOrderHeader
        {
            WooOrderId = wooOrderId, OrderNumber = number, WooStatus = template.WooStatus, Currency = template.Currency,
            OrderedAtUtc = template.OrderedAtUtc, WooCustomerId = template.WooCustomerId, CustomerName = template.CustomerName,
            Company = template.Company, Email = template.Email, Phone = template.Phone, CustomerNote = template.CustomerNote,
            BillingAddress = template.BillingAddress, ShippingAddress = template.ShippingAddress, Total = template.Total,
            TotalTax = template.TotalTax, ShippingTotal = template.ShippingTotal, DiscountTotal = template.DiscountTotal,
            PaymentMethod = template.PaymentMethod,
        };
        var copy = PendingOrder.Capture(template.OrganizationId, template.StoreId, header,
            template.Lines.Select(l => l with { Taxes = l.Taxes.Select(t => t with { }).ToList() }),
            template.Coupons.Select(c => c with { }), json.ToJsonString(), template.LocationId, null, now);
        foreach (var payment in template.Payments)
        {
            copy.RecordPayment(payment with { });
        }

        return copy;
    }

    private sealed class AheadClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }
}
