using System.Diagnostics;

namespace Portal.Benchmarks;

/// <summary>
/// "capture-throughput": 10,000 shoppers' orders placed in the emulator by 8 shoppers at once, each delivered by
/// webhook to the real portal, which drains its inbox (reading the orders back from the store, 100 a request) into
/// pending orders with stock allocated. Timed from the first checkout until the 10,000th pending order exists (at most 5 minutes; then pending says how many were captured); the time
/// the checkouts alone took is reported too, since the store has to make the orders before they can be delivered.
/// </summary>
public sealed class CaptureThroughputScenario : IScenario
{
    private const int Orders = 10_000;
    private const int Shoppers = 8;

    public string Name => "capture-throughput";

    public string Description => "10,000 orders from checkout and delivery to pending order (scheduler running)";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        await using var world = await OrderBenchWorld.StartAsync();
        var timer = Stopwatch.StartNew();
        await world.CheckoutManyAsync(Orders, Shoppers);
        var checkoutSeconds = timer.Elapsed.TotalSeconds;
        var pending = await world.WaitForPendingAsync(Orders, TimeSpan.FromMinutes(5));
        // Not all captured within 5 minutes: the figures say how far it got (seconds is then the time waited).
        var seconds = timer.Elapsed.TotalSeconds;
        return new Dictionary<string, object>
        {
            ["orders"] = Orders,
            ["pending"] = pending,
            ["seconds"] = Math.Round(seconds, 2),
            ["checkout_seconds"] = Math.Round(checkoutSeconds, 2),
        };
    }
}
