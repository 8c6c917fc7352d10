using System.Runtime.CompilerServices;

namespace Portal.WooCommerce;

/// <summary>A product with its variations (empty unless the product is variable).</summary>
public sealed record WooCatalogItem(WooProduct Product, IReadOnlyList<WooVariation> Variations);

public sealed partial class WooClient
{
    /// <summary>The whole catalogue in the fewest requests WooCommerce allows: one per product page plus one per
    /// variable product (there is no endpoint listing all variations). Pages ahead and variations are fetched
    /// in parallel, within the store's concurrency limit; items come out in the store's order.</summary>
    public async IAsyncEnumerable<WooCatalogItem> ReadCatalogAsync(WooProductQuery? query = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var filter = query?.ToQuery();
        var first = await GetPageAsync<WooProduct>(Products, filter, 1, _options.PageSize, ct);
        var totalPages = first.TotalPages ?? 1;
        var window = Math.Max(1, _options.MaxConcurrentRequestsPerStore);
        var pages = new Queue<Task<WooPage<WooProduct>>>();
        var nextPage = 2;
        void FillWindow()
        {
            while (pages.Count < window && nextPage <= totalPages)
                pages.Enqueue(GetPageAsync<WooProduct>(Products, filter, nextPage++, _options.PageSize, ct));
        }

        var current = first;
        while (true)
        {
            FillWindow();
            var variations = current.Items
                .Select(p => p.Type == "variable" ? ReadAllVariationsAsync(p.Id, ct) : Task.FromResult<IReadOnlyList<WooVariation>>([]))
                .ToList();
            for (var i = 0; i < current.Items.Count; i++)
                yield return new WooCatalogItem(current.Items[i], await variations[i]);
            if (pages.Count == 0)
                yield break;
            current = await pages.Dequeue();
        }
    }

    private async Task<IReadOnlyList<WooVariation>> ReadAllVariationsAsync(long parentId, CancellationToken ct)
    {
        var all = new List<WooVariation>();
        await foreach (var variation in IterateVariationsAsync(parentId, ct))
            all.Add(variation);
        return all;
    }
}
