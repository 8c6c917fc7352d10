using Portal.Domain.Integrations;
using Portal.WooCommerce;

namespace Portal.Features.Integrations;

/// <summary>
/// Finds the catalog links a store does not have: the product (or the variation under its parent) is gone, or
/// carries another SKU. Used when a store's address changes, before anything is changed.
/// </summary>
public static class CatalogLinkCheck
{
    /// <summary>WooCommerce's largest page; also the most ids or SKUs sent in one request.</summary>
    public const int Chunk = 100;

    /// <summary>The links the store does not have, in the order given. Throws <see cref="WooApiException"/> when the
    /// store fails to answer.</summary>
    public static async Task<IReadOnlyList<StoreProductLink>> FindMissingAsync(WooClient client, IReadOnlyCollection<StoreProductLink> links,
        CancellationToken ct)
    {
        var products = await ProductSkusAsync(client, links.Where(l => l.WooVariationId == 0).Select(l => l.WooProductId), ct);
        var variations = await VariationSkusAsync(client, links.Where(l => l.WooVariationId != 0).ToList(), ct);
        return links.Where(l => !(l.WooVariationId == 0
                ? products.TryGetValue(l.WooProductId, out var sku) && SameSku(sku, l.Sku)
                : variations.TryGetValue((l.WooProductId, l.WooVariationId), out var variationSku) && SameSku(variationSku, l.Sku)))
            .ToList();
    }

    public static bool SameSku(string? store, string linked) =>
        string.Equals((store ?? "").Trim(), linked.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>What the merchant reads when the links differ: how many, up to three examples, and what confirming does.</summary>
    public static string Describe(IReadOnlyList<StoreProductLink> missing, int total)
    {
        var examples = string.Join("; ", missing.Take(3).Select(l => l.WooVariationId == 0
            ? $"SKU {Show(l.Sku)}, product {l.WooProductId}"
            : $"SKU {Show(l.Sku)}, variation {l.WooVariationId} of product {l.WooProductId}"));
        return $"{missing.Count} of {total} catalog links are not found in the new store (product id with the same SKU), for example {examples}. "
            + "Confirm to reset the catalog links: they are deleted, and the catalog must then be downloaded again.";
    }

    private static string Show(string sku) => sku.Trim().Length == 0 ? "(none)" : sku.Trim();

    private static async Task<Dictionary<long, string?>> ProductSkusAsync(WooClient client, IEnumerable<long> ids, CancellationToken ct)
    {
        var found = new Dictionary<long, string?>();
        foreach (var chunk in ids.Distinct().Chunk(Chunk))
        {
            // At most one product per id, so a page of 100 always holds the whole answer.
            var page = await client.ListProductsAsync(new WooProductQuery { Include = chunk }, 1, Chunk, ct);
            foreach (var product in page.Items)
            {
                found[product.Id] = product.Sku;
            }
        }

        return found;
    }

    /// <summary>
    /// There is no endpoint listing variations of many products, but a SKU search of <c>products</c> returns
    /// variations too (with their <c>parent_id</c>): one request per 100 linked variations instead of one per parent.
    /// A SKU the search cannot express (empty, or with a comma, which separates SKUs) is looked for under its parent.
    /// </summary>
    private static async Task<Dictionary<(long Parent, long Id), string?>> VariationSkusAsync(WooClient client,
        IReadOnlyList<StoreProductLink> links, CancellationToken ct)
    {
        var found = new Dictionary<(long, long), string?>();
        var searchable = links.Where(l => l.Sku.Trim().Length > 0 && !l.Sku.Contains(',')).ToList();
        foreach (var chunk in searchable.Select(l => l.Sku.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Chunk(Chunk))
        {
            var query = new WooProductQuery { Sku = string.Join(',', chunk) };
            for (var number = 1; ; number++)
            {
                var page = await client.ListProductsAsync(query, number, Chunk, ct);
                foreach (var item in page.Items.Where(p => p.ParentId is > 0))
                {
                    found[(item.ParentId!.Value, item.Id)] = item.Sku;
                }

                if (number >= (page.TotalPages ?? 1))
                {
                    break;
                }
            }
        }

        foreach (var parent in links.Except(searchable).Select(l => l.WooProductId).Distinct())
        {
            try
            {
                await foreach (var variation in client.IterateVariationsAsync(parent, ct))
                {
                    found[(parent, variation.Id)] = variation.Sku;
                }
            }
            catch (WooApiException e) when (e.Kind == WooErrorKind.NotFound)
            {
                // The parent is gone, and its variations with it.
            }
        }

        return found;
    }
}
