using System.Diagnostics;
using System.Text.Json;
using Portal.Domain.Customers;
using Portal.Domain.Integrations;
using Portal.Domain.Integrations.Orders;
using Portal.Features.Orders;
using Portal.WooCommerce;

namespace Portal.Benchmarks;

/// <summary>
/// The pure part of turning orders into sales: 10,000 copies of the real store's order 188 read through the client's
/// translation, each mapped to its own sale plan, then all consolidated into one daily plan. The database and the
/// emulator are not involved: this is the floor of the <c>orders-throughput</c> and <c>consolidation</c> goals.
/// </summary>
public sealed class OrderMappingScenario : IScenario
{
    private const int Orders = 10_000;

    public string Name => "order-mapping";

    public string Description => "10,000 real-store orders translated and mapped to sales, then consolidated into one daily plan (median of 5)";

    public Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        var fixture = Path.Combine(FixturesDirectory(), "orders_single_processing_coupon_fee.json");
        var wire = JsonSerializer.Deserialize<WooOrder>(File.ReadAllText(fixture), WooJson.Options)!;
        var orders = Enumerable.Range(1, Orders).Select(i => wire with { Id = 10_000 + i, Number = (10_000 + i).ToString() }).ToList();
        var settings = Settings();
        var captured = new DateTime(2026, 11, 27, 20, 0, 0, DateTimeKind.Utc);
        var (mapSamples, consolidateSamples) = (new List<double>(), new List<double>());
        for (var run = 0; run < 5; run++)
        {
            var sw = Stopwatch.StartNew();
            var translated = orders.Select(StoreOrderTranslation.ToStoreOrder).ToList();
            foreach (var order in translated)
            {
                _ = SaleMapping.Map(order, settings, captured);
            }

            mapSamples.Add(sw.Elapsed.TotalSeconds);
            sw.Restart();
            var plan = DailyConsolidation.Build(translated, settings, new DateOnly(2026, 11, 27), captured)!;
            consolidateSamples.Add(sw.Elapsed.TotalSeconds);
            if (plan.OrderNumbers.Count != Orders)
            {
                throw new InvalidOperationException("The daily plan lost orders.");
            }
        }

        return Task.FromResult(new Dictionary<string, object>
        {
            ["orders"] = Orders,
            ["map_seconds"] = Math.Round(Scenarios.Median(mapSamples), 4),
            ["consolidate_seconds"] = Math.Round(Scenarios.Median(consolidateSamples), 4),
        });
    }

    private static OrderMappingSettings Settings() => new()
    {
        StoreName = "Benchmark store",
        TimeZone = StoreTimeZone.Parse("America/New_York"),
        DefaultCustomer = new DefaultCustomer { Id = 1, Name = "Web Sales" },
        LocationId = 1,
        TaxRules = new Dictionary<long, int> { [1] = 10 },
        TaxFreeRuleId = 11,
        ShippingTaxRuleId = 12,
        PaymentAccounts = new Dictionary<string, int> { ["bacs"] = 20 },
    };

    private static string FixturesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WooPortal.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "woo-fixtures"));
            }
        }

        throw new DirectoryNotFoundException("Repository root (WooPortal.sln) not found above " + AppContext.BaseDirectory);
    }
}
