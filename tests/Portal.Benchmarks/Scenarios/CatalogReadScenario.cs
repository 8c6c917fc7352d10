using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.WooCommerce;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Seed;

namespace Portal.Benchmarks;

/// <summary>
/// Reads a 10,000-product catalogue (2,000 of them variable with 4 variations) from the emulator through the
/// portal's client, over http with OAuth 1.0a as a plain-http store demands. WooCommerce has no endpoint listing
/// all variations, so the floor is 100 product pages plus one variations page per variable product.
/// </summary>
public sealed class CatalogReadScenario : IScenario
{
    private const int Simple = 8_000;
    private const int Variable = 2_000;
    private const int VariationsEach = 4;

    public string Name => "catalog-read";

    public string Description => "read 10,000 products (2,000 variable × 4 variations) from the emulator through the client";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        await using var emulator = await WooEmulator.StartAsync(new EmulatorOptions(), null, TimeProvider.System);
        emulator.GenerateProducts(new ProductGeneration { Simple = Simple, Variable = Variable, VariationsPerProduct = VariationsEach, Seed = 7 });
        var key = emulator.CreateKey(KeyPermission.Read);
        using var factory = new WooClientFactory(Options.Create(new WooClientOptions { AllowPrivateAddresses = true }), new InMemoryWooCallRecorder(),
            TimeProvider.System, NullLoggerFactory.Instance);
        var client = factory.GetClient(new WooStoreConnection("bench", new Uri(emulator.BaseUrl), key.ConsumerKey, key.ConsumerSecret));
        var before = emulator.Requests.Entries.Count;

        var timer = Stopwatch.StartNew();
        int products = 0, variations = 0;
        await foreach (var item in client.ReadCatalogAsync())
        {
            products++;
            variations += item.Variations.Count;
        }

        timer.Stop();
        var requests = emulator.Requests.Entries.Count - before;
        if (products != Simple + Variable || variations != Variable * VariationsEach)
        {
            throw new InvalidOperationException($"Read {products} products and {variations} variations; expected {Simple + Variable} and {Variable * VariationsEach}.");
        }

        return new Dictionary<string, object>
        {
            ["products"] = products,
            ["variations"] = variations,
            ["seconds"] = Math.Round(timer.Elapsed.TotalSeconds, 2),
            ["requests"] = requests,
            ["min_requests"] = (Simple + Variable) / 100 + Variable,
        };
    }
}
