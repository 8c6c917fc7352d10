using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Portal.Benchmarks;

/// <summary>
/// "capture-throughput": 10,000 shoppers' orders from delivery to pending order. The orders are placed in the
/// emulator first (in its process, through its checkout code) with webhook deliveries held, so the store has them all
/// and every delivery is due; the clock starts when the deliveries are let go. The store sends 8 at a time (Action
/// Scheduler runs a few batches at once) to the real portal, which stores them in its inbox and drains it (reading
/// the orders back from the store, 100 a request) into pending orders with stock allocated. Timed until the 10,000th
/// pending order exists (at most 5 minutes; then pending says how many were captured). Where the time goes:
/// <c>delivered_seconds</c> (until the store sent the last delivery), <c>store_read_seconds</c> (the portal's reads of
/// orders from the store, summed from its store activity log), <c>cpu_seconds</c> (the CPU time of this process —
/// store and portal — while timed: on a loaded machine steadier than the clock) and <c>checkout_seconds</c> (setup,
/// not timed).
/// </summary>
public sealed class CaptureThroughputScenario : IScenario
{
    private const int Orders = 10_000;
    private const int ConcurrentDeliveries = 8;

    public string Name => "capture-throughput";

    public string Description => "10,000 orders from delivery to pending order (scheduler running)";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        await using var world = await OrderBenchWorld.StartAsync(ConcurrentDeliveries);
        var webhooks = world.Emulator.Webhooks;
        webhooks.Pause();
        var setup = Stopwatch.StartNew();
        world.PlaceOrders(Orders);
        var checkoutSeconds = setup.Elapsed.TotalSeconds;
        // Each delivery waits out the store's delay before it is held; all are due before the clock starts.
        while (webhooks.Held < webhooks.InFlight)
        {
            await Task.Delay(20);
        }

        var deliveries = webhooks.Held;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var timer = Stopwatch.StartNew();
        webhooks.Resume();
        var delivered = Task.Run(async () =>
        {
            while (webhooks.InFlight > 0)
            {
                await Task.Delay(20);
            }

            return timer.Elapsed.TotalSeconds;
        });
        var pending = await world.WaitForPendingAsync(Orders, TimeSpan.FromMinutes(5));
        // Not all captured within 5 minutes: the figures say how far it got (seconds is then the time waited).
        var seconds = timer.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var deliveredSeconds = await delivered;
        await using var db = world.Db();
        var reads = await db.StoreActivity.Where(a => a.StoreId == world.StoreId && a.Path.Contains("orders")).ToListAsync();
        return new Dictionary<string, object>
        {
            ["orders"] = Orders,
            ["pending"] = pending,
            ["seconds"] = Math.Round(seconds, 2),
            ["cpu_seconds"] = Math.Round(cpuSeconds, 2),
            ["deliveries"] = deliveries,
            ["delivered_seconds"] = Math.Round(deliveredSeconds, 2),
            ["store_reads"] = reads.Count,
            ["store_read_seconds"] = Math.Round(reads.Sum(a => a.DurationMs) / 1000.0, 2),
            ["checkout_seconds"] = Math.Round(checkoutSeconds, 2),
        };
    }
}
