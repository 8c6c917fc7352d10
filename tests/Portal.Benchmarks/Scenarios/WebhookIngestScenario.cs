using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using Portal.Features.Organizations;
using Portal.Hosting;
using Portal.WooCommerce;

namespace Portal.Benchmarks;

/// <summary>
/// The webhook receiver under a burst, as after a store's sale day: the real portal (SQLite, Kestrel on loopback)
/// receives 2,000 signed order deliveries from 4 senders at once (WooCommerce's Action Scheduler runs a few in
/// parallel), then the same 2,000 again, as repeats. Every delivery must land in the inbox exactly once. Processing
/// is paused (scheduler off): this is the receiver alone, which answers 200 only after the row is committed.
/// </summary>
public sealed class WebhookIngestScenario : IScenario
{
    private const int Deliveries = 2_000;
    private const int Senders = 4;

    public string Name => "webhook-ingest";

    public string Description => "2,000 signed deliveries to the receiver from 4 senders, then the same again as repeats";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        var data = Path.Combine(Path.GetTempPath(), $"portal-bench-{Guid.NewGuid():N}");
        try
        {
            await using var app = PortalHost.Build(
            [
                "--applicationName=Portal", "--urls=http://127.0.0.1:0", $"--Portal:DataDirectory={data}", "--Portal:PublicUrl=http://127.0.0.1:9",
                "--Scheduler:Enabled=false", "--Logging:LogLevel:Default=Warning",
            ]);
            await DatabaseStartup.PrepareAsync(app.Services, app.Services.GetRequiredService<DatabaseOptions>(), migrate: true);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var (organizationId, publicKey, secret) = await SeedStoreAsync(app.Services);

            using var http = new HttpClient { BaseAddress = new Uri(address) };
            // CPU time of this process (receiver and senders) over the first burst: on a loaded machine a steadier
            // figure than the wall clock for comparing one version of the receiver with another.
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var first = await SendAllAsync(http, publicKey, secret);
            var cpuPerDelivery = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Deliveries;
            var repeats = await SendAllAsync(http, publicKey, secret);

            await using var db = app.Services.GetRequiredService<IPortalDbContextFactory>().CreateForOrganization(organizationId);
            var stored = await db.WebhookInbox.CountAsync();
            if (stored != Deliveries || first.Failures + repeats.Failures > 0)
            {
                throw new InvalidOperationException($"{stored} inbox rows for {Deliveries} deliveries; {first.Failures + repeats.Failures} not answered 200.");
            }

            await app.StopAsync();
            return new Dictionary<string, object>
            {
                ["deliveries"] = Deliveries,
                ["senders"] = Senders,
                ["median_ms"] = Math.Round(Scenarios.Median(first.Latencies), 2),
                ["p95_ms"] = Math.Round(first.Latencies.Order().ElementAt((int)(first.Latencies.Count * 0.95)), 2),
                ["p99_ms"] = Math.Round(first.Latencies.Order().ElementAt(Math.Min(first.Latencies.Count - 1, (int)(first.Latencies.Count * 0.99))), 2),
                ["per_second"] = Math.Round(Deliveries / first.Seconds, 0),
                ["cpu_ms_per_delivery"] = Math.Round(cpuPerDelivery, 3),
                ["repeat_median_ms"] = Math.Round(Scenarios.Median(repeats.Latencies), 2),
                ["inbox_rows"] = stored,
            };
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder; the next cleanup of /tmp takes it.
            }
        }
    }

    private static async Task<(int OrganizationId, string PublicKey, string Secret)> SeedStoreAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<OrganizationProvisioning>()
            .CreateOrganizationAsync("Bench", "USD", "UTC", "owner@bench.test", "Bench quartz meadow 19", temporaryPassword: false);
        var organizationId = created.OrganizationId!.Value;
        var secrets = services.GetRequiredService<StoreSecrets>();
        const string secret = "bench-webhook-secret";
        var store = new ConnectedStore
        {
            PublicKey = Guid.NewGuid().ToString("N"), Name = "Bench", Url = "http://127.0.0.1:9", NormalizedUrl = "127.0.0.1:9",
            ConnectionMethod = StoreConnectionMethod.Classic, ProtectedConsumerKey = secrets.Protect("ck_bench"),
            ProtectedConsumerSecret = secrets.Protect("cs_bench"), ConsumerKeyHint = "ck_…ench", KeyPermission = "read_write",
            Currency = "USD", TimeZone = "UTC", ProtectedWebhookSecret = secrets.Protect(secret), Status = StoreStatus.Connected,
        };
        await using var db = services.GetRequiredService<IPortalDbContextFactory>().CreateForOrganization(organizationId);
        db.Stores.Add(store);
        await db.SaveChangesAsync();
        return (organizationId, store.PublicKey, secret);
    }

    private sealed record Burst(List<double> Latencies, double Seconds, int Failures);

    private static async Task<Burst> SendAllAsync(HttpClient http, string publicKey, string secret)
    {
        var latencies = new List<double>();
        var failures = 0;
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < Deliveries; i = Interlocked.Increment(ref next))
            {
                var body = $"{{\"id\":{1000 + i},\"status\":\"processing\",\"total\":\"42.00\",\"line_items\":[{{\"sku\":\"WIDGET\",\"quantity\":1}}]}}";
                using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/woocommerce/" + publicKey)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("X-WC-Webhook-Topic", "order.updated");
                request.Headers.Add("X-WC-Webhook-Signature", WooWebhookSignature.Compute(Encoding.UTF8.GetBytes(body), secret));
                request.Headers.Add("X-WC-Webhook-Delivery-ID", $"{i:x32}");
                var sw = Stopwatch.StartNew();
                using var response = await http.SendAsync(request);
                var elapsed = sw.Elapsed.TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(elapsed);
                    failures += response.IsSuccessStatusCode ? 0 : 1;
                }
            }
        }));
        return new Burst(latencies, total.Elapsed.TotalSeconds, failures);
    }
}
