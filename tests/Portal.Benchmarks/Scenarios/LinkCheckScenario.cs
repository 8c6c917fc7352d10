using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using Portal.WooCommerce;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Seed;

namespace Portal.Benchmarks;

/// <summary>
/// The check a change of store address runs before anything changes: do the 18,000 linked products and variations
/// of a 10,000-product catalogue exist in the new store with the same SKUs? Products are read by id and variations by
/// SKU, 100 per request, over http with OAuth 1.0a; three runs, median.
/// </summary>
public sealed class LinkCheckScenario : IScenario
{
    private const int Runs = 3;

    public string Name => "link-check";

    public string Description => "check 18,000 catalog links (10,000 products, 8,000 variations) against a moved store";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        await using var emulator = await WooEmulator.StartAsync(new EmulatorOptions(), null, TimeProvider.System);
        emulator.GenerateProducts(new ProductGeneration { Simple = 8_000, Variable = 2_000, VariationsPerProduct = 4, Seed = 7 });
        List<StoreProductLink> links;
        lock (emulator.Store.Sync)
        {
            links = emulator.Store.Products.Select(p => new StoreProductLink
            {
                WooProductId = p.ParentId == 0 ? p.Id : p.ParentId,
                WooVariationId = p.ParentId == 0 ? 0 : p.Id,
                Sku = p.Sku,
            }).ToList();
        }

        var key = emulator.CreateKey(KeyPermission.Read);
        using var factory = new WooClientFactory(Options.Create(new WooClientOptions { AllowPrivateAddresses = true }), new InMemoryWooCallRecorder(),
            TimeProvider.System, NullLoggerFactory.Instance);
        var client = factory.GetClient(new WooStoreConnection("bench", new Uri(emulator.BaseUrl), key.ConsumerKey, key.ConsumerSecret));
        var seconds = new List<double>();
        var requests = 0;
        for (var run = 0; run < Runs; run++)
        {
            var before = emulator.Requests.Entries.Count;
            var timer = Stopwatch.StartNew();
            var missing = await CatalogLinkCheck.FindMissingAsync(client, links, CancellationToken.None);
            timer.Stop();
            requests = emulator.Requests.Entries.Count - before;
            if (missing.Count != 0)
            {
                throw new InvalidOperationException($"{missing.Count} links reported missing in an unchanged store.");
            }

            seconds.Add(timer.Elapsed.TotalSeconds);
        }

        // The floor: products by id and variations by SKU, 100 a request, plus one listing per parent of a variation
        // without a searchable SKU (the generator leaves some SKUs empty, as real catalogues do).
        var unsearchable = links.Where(l => l.WooVariationId != 0 && (l.Sku.Trim().Length == 0 || l.Sku.Contains(','))).ToList();
        var floor = Pages(links.Count(l => l.WooVariationId == 0)) + Pages(links.Count(l => l.WooVariationId != 0) - unsearchable.Count)
            + unsearchable.Select(l => l.WooProductId).Distinct().Count();
        return new Dictionary<string, object>
        {
            ["links"] = links.Count,
            ["variations_without_sku"] = unsearchable.Count,
            ["runs"] = Runs,
            ["median_s"] = Math.Round(Scenarios.Median(seconds), 2),
            ["min_s"] = Math.Round(seconds.Min(), 2),
            ["requests"] = requests,
            ["min_requests"] = floor,
        };
    }

    private static int Pages(int items) => (items + CatalogLinkCheck.Chunk - 1) / CatalogLinkCheck.Chunk;
}
