using System.Diagnostics;

namespace Portal.Benchmarks;

/// <summary>
/// "orders-dropped": 1,000 shoppers' orders while the store drops 30 % of its webhook deliveries (the emulator's
/// delivery chaos, seeded, so the same deliveries are dropped every run; WooCommerce never resends one). The portal
/// polls every 30 s (<c>OrderPolling:Interval</c>), which must find the orders whose deliveries never came. Timed from
/// the first checkout until every order is a pending order (or 3 minutes pass: then <c>captured</c> says how many).
/// </summary>
public sealed class OrdersDroppedScenario : IScenario
{
    private const int Orders = 1_000;

    public string Name => "orders-dropped";

    public string Description => "1,000 orders, 30 % of deliveries dropped, polling every 30 s: time until all are captured";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        await using var world = await OrderBenchWorld.StartAsync("--OrderPolling:Interval=00:00:30");
        await world.ControlAsync(HttpMethod.Put, "webhooks/chaos", new { drop = 0.3, seed = 11 });
        var timer = Stopwatch.StartNew();
        await world.CheckoutManyAsync(Orders, 4);
        var captured = await world.WaitForPendingAsync(Orders, TimeSpan.FromMinutes(3));
        var seconds = timer.Elapsed.TotalSeconds;
        var dropped = world.Emulator.Webhooks.Deliveries.Count(d => d.Chaos == "dropped");
        return new Dictionary<string, object>
        {
            ["orders"] = Orders,
            ["captured"] = captured,
            ["seconds"] = Math.Round(seconds, 2),
            ["deliveries_dropped"] = dropped,
        };
    }
}
