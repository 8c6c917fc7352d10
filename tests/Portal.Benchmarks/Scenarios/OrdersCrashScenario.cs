using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Stock;

namespace Portal.Benchmarks;

/// <summary>
/// "orders-crash": 1,000 shoppers' orders delivered by webhook while the portal — run as its own OS process from the
/// built Portal.dll, on a SQLite file, bound to 127.0.0.1 — is killed with SIGKILL at random moments (at least
/// <see cref="Kills"/> times, during the checkouts and the capture after them) and started again. Deliveries sent while
/// it is down are refused and never resent (as WooCommerce does), so polling (every 10 s here) must find those
/// orders. WooCommerce disables a webhook after five failed deliveries in a row; after each start the scenario
/// activates it again as the portal's webhook repair does, so deliveries keep flowing between kills and rows a killed
/// process had claimed wait for their lease (20 s here) to expire: <c>inbox_deliveries</c> counts the order deliveries
/// stored, <c>claimed_again</c> those claimed more than once (a claim died with a process, or an attempt failed). Every order must end as
/// exactly one pending order: <c>duplicates</c> counts second pending orders, Log entries or allocations of an order,
/// <c>lost</c> the orders without a pending order once the portal has run undisturbed for up to 4 minutes.
/// </summary>
public sealed class OrdersCrashScenario : IScenario
{
    private const int Orders = 1_000;
    private const int Kills = 6;

    public string Name => "orders-crash";

    public string Description => "1,000 orders while the portal process is SIGKILLed at random at least 6 times and restarted";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        await using var world = await OrderBenchWorld.StartAsync();
        // The store is connected (its webhooks point at the port): from now on the portal runs as its own process.
        await world.StopPortalAsync();
        var log = Path.Combine(Path.GetTempPath(), $"portal-bench-crash-{Guid.NewGuid():N}.log");
        await using var portal = new PortalChild(world.Port, world.DataDirectory, log,
            "--OrderPolling:Interval=00:00:10", "--OrderInbox:Lease=00:00:20", "--OrderInbox:SafetyInterval=00:00:05");
        await portal.StartAsync();

        var random = new Random(20261203);
        var timer = Stopwatch.StartNew();
        var checkout = world.CheckoutManyAsync(Orders, 4);
        var kills = 0;
        while (kills < Kills)
        {
            // Up a random while (part of it starting), then killed wherever it is: receiving, claiming, capturing.
            await Task.WhenAny(checkout, Task.Delay(random.Next(1_500, 6_000)));
            portal.Kill();
            kills++;
            await Task.Delay(random.Next(100, 2_000));
            await portal.StartAsync();
            // The repair runs every 15 minutes (StoreMaintenance:Interval, at least one): here at once.
            world.ReactivateWebhooks();
        }

        var placed = await checkout;
        var checkoutSeconds = timer.Elapsed.TotalSeconds;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        Counts counts;
        while (true)
        {
            counts = await CountAsync(world, placed);
            if (counts.Lost == 0 || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(500);
        }

        var seconds = timer.Elapsed.TotalSeconds;
        await portal.DisposeAsync();
        int inbox, recovered;
        await using (var db = world.Db())
        {
            var deliveries = db.WebhookInbox.Where(w => w.StoreId == world.StoreId && w.Topic.StartsWith("order."));
            inbox = await deliveries.CountAsync();
            recovered = await deliveries.CountAsync(w => w.Attempts > 1);
        }

        var errors = File.ReadLines(log).Count(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
        Console.WriteLine($"portal output: {log}");
        return new Dictionary<string, object>
        {
            ["orders"] = placed.Count,
            ["pending"] = counts.Pending,
            ["duplicates"] = counts.Duplicates,
            ["lost"] = counts.Lost,
            ["kills"] = kills,
            ["inbox_deliveries"] = inbox,
            ["claimed_again"] = recovered,
            ["seconds"] = Math.Round(seconds, 2),
            ["checkout_seconds"] = Math.Round(checkoutSeconds, 2),
            ["portal_errors_logged"] = errors,
        };
    }

    private sealed record Counts(int Pending, int Duplicates, int Lost);

    private static async Task<Counts> CountAsync(OrderBenchWorld world, IReadOnlyCollection<long> placed)
    {
        await using var db = world.Db();
        var pendingIds = await db.PendingOrders.Where(p => p.StoreId == world.StoreId).Select(p => new { p.Id, p.WooOrderId }).ToListAsync();
        var logged = await db.OrderLog.Where(e => e.StoreId == world.StoreId).Select(e => e.WooOrderId).ToListAsync();
        // Every order is one shirt or one tote: more than one unit allocated to a pending order is a double allocation.
        var allocated = await db.StockAllocations.Where(a => a.Source == AllocationSource.PendingOrder)
            .GroupBy(a => a.SourceId).Select(g => g.Sum(a => a.Quantity)).ToListAsync();
        var captured = pendingIds.Select(p => p.WooOrderId).ToHashSet();
        var duplicates = (pendingIds.Count - captured.Count) + (logged.Count - logged.Distinct().Count())
                         + (int)allocated.Where(q => q > 1m).Sum(q => q - 1m);
        return new Counts(placed.Count(captured.Contains), duplicates, placed.Count(id => !captured.Contains(id)));
    }

    /// <summary>The built Portal.dll run with <c>dotnet</c> as its own process, its output appended to a file.</summary>
    private sealed class PortalChild(int port, string dataDirectory, string logPath, params string[] settings) : IAsyncDisposable
    {
        private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        private readonly StreamWriter _log = new(logPath, append: true) { AutoFlush = true };
        private Process? _process;

        public async Task StartAsync()
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in (string[])
                     [
                         Path.Combine(AppContext.BaseDirectory, "Portal.dll"), $"--urls=http://127.0.0.1:{port}",
                         $"--Portal:PublicUrl=http://127.0.0.1:{port}", $"--Portal:DataDirectory={dataDirectory}",
                         "--Portal:AllowPrivateStoreAddresses=true", "--Scheduler:Enabled=true", "--Logging:LogLevel:Default=Warning", .. settings,
                     ])
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet Portal.dll did not start.");
            process.OutputDataReceived += (_, e) => Write(e.Data);
            process.ErrorDataReceived += (_, e) => Write(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The portal process exited with {process.ExitCode}; see {logPath}.");
                }

                try
                {
                    using var response = await _http.GetAsync("/healthz");
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"The portal process did not answer /healthz in 2 minutes; see {logPath}.");
                }

                await Task.Delay(100);
            }
        }

        /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Unix): no shutdown, no flush, mid-transaction.</summary>
        public void Kill()
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill();
                process.WaitForExit();
            }

            _process?.Dispose();
            _process = null;
            Write("---- killed (SIGKILL) ----");
        }

        private void Write(string? line)
        {
            if (line is not null)
            {
                lock (_log)
                {
                    _log.WriteLine(line);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            _process?.Dispose();
            _process = null;
            _http.Dispose();
            lock (_log)
            {
                _log.Dispose();
            }
        }
    }
}
