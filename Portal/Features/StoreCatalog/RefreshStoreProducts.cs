using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Conventions;
using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Download;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using Portal.WooCommerce;

namespace Portal.Features.StoreCatalog;

public sealed record ProductRefreshResult(int Missing, int Present, int Followed);

/// <summary>
/// Brings the links of some store products up to date with what the store has now — a webhook delivery only says
/// "look at product N" (its headers are unsigned and its body was built late), so every product is read from the store
/// first. A product (or variation) deleted or in the trash marks its links missing, which the catalog page shows; one
/// that is there again clears the mark. With "Use WooCommerce as master" the portal product's category (the root of
/// the store product's first category, created as needed) and description follow the store. Products the portal has
/// no link for are ignored.
/// </summary>
public sealed class RefreshStoreProducts(IPortalDbContextFactory dbFactory, StoreClients clients, TimeProvider clock)
{
    public async Task<ProductRefreshResult> RefreshAsync(int organizationId, int storeId, IReadOnlyCollection<long> wooIds,
        CancellationToken ct = default)
    {
        var ids = wooIds.Where(id => id > 0).Distinct().ToList();
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, ct);
        if (store is null || ids.Count == 0)
        {
            return new ProductRefreshResult(0, 0, 0);
        }

        var links = await db.StoreProductLinks
            .Where(l => l.StoreId == storeId && (ids.Contains(l.WooProductId) || ids.Contains(l.WooVariationId))).ToListAsync(ct);
        if (links.Count == 0)
        {
            return new ProductRefreshResult(0, 0, 0);
        }

        var settings = StoreSettings.FromJson(store.SettingsJson);
        var master = settings.WooCommerceIsMasterForCategoriesAndDescriptions;
        var client = clients.For(store);
        var now = clock.GetUtcNow().UtcDateTime;
        var follow = master ? new Follower(db, client, organizationId) : null;
        int missing = 0, present = 0, followed = 0;

        void Mark(StoreProductLink link, bool gone)
        {
            if (gone)
            {
                link.MissingSinceUtc ??= now;
                missing++;
            }
            else
            {
                link.MissingSinceUtc = null;
                present++;
            }
        }

        foreach (var id in ids)
        {
            // A product (simple or variable parent) by its own id.
            var byParent = links.Where(l => l.WooProductId == id).ToList();
            if (byParent.Count > 0)
            {
                var product = await ReadAsync(() => client.GetProductAsync(id, ct));
                var gone = product is null || product.Status == "trash";
                foreach (var link in byParent)
                {
                    // A variation of a parent that is there: gone when the parent no longer lists it.
                    Mark(link, gone || (link.WooVariationId != 0 && product!.Variations is { } children && !children.Contains(link.WooVariationId)));
                }

                if (!gone && follow is not null)
                {
                    followed += await follow.ApplyAsync(byParent.Where(l => l.MissingSinceUtc is null), product!.Categories,
                        product.Type == "variable" ? null : product.Description, ct);
                }
            }

            // A variation by its own id.
            foreach (var link in links.Where(l => l.WooVariationId == id))
            {
                var variation = await ReadAsync(() => client.GetVariationAsync(link.WooProductId, id, ct));
                var gone = variation is null || variation.Status == "trash";
                Mark(link, gone);
                if (!gone && follow is not null && !string.IsNullOrWhiteSpace(variation!.Description))
                {
                    followed += await follow.ApplyAsync([link], null, variation.Description, ct);
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return new ProductRefreshResult(missing, present, followed);
    }

    /// <summary>The store's answer, or null when the store says the item does not exist.</summary>
    private static async Task<T?> ReadAsync<T>(Func<Task<T>> read) where T : class
    {
        try
        {
            return await read();
        }
        catch (WooApiException e) when (e.StatusCode is 404 or 410 || e.WooCode?.EndsWith("_invalid_id", StringComparison.Ordinal) == true)
        {
            return null;
        }
    }

    /// <summary>Copies the store's category (root of the first) and description onto linked portal products.</summary>
    private sealed class Follower(PortalDbContext db, WooClient client, int organizationId)
    {
        private Dictionary<long, (string Name, long Parent)>? _tree;
        private Dictionary<string, Category>? _categories;

        public async Task<int> ApplyAsync(IEnumerable<StoreProductLink> links, IReadOnlyList<WooRef>? storeCategories, string? description,
            CancellationToken ct)
        {
            var productIds = links.Where(l => l.ProductId != null).Select(l => l.ProductId!.Value).ToList();
            if (productIds.Count == 0)
            {
                return 0;
            }

            Category? category = null;
            if (storeCategories is { Count: > 0 })
            {
                category = await CategoryAsync(storeCategories[0].Id, ct);
            }

            var changed = 0;
            foreach (var product in await db.Products.Where(p => productIds.Contains(p.Id)).ToListAsync(ct))
            {
                var before = (product.CategoryId, product.Category, product.Description);
                if (category is not null && product.CategoryId != category.Id)
                {
                    product.Category = category;
                }

                if (description is not null)
                {
                    var text = description.Trim() is { Length: > 4000 } long_ ? long_[..4000] : description.Trim();
                    product.Description = text.Length == 0 ? null : text;
                }

                changed += before != (product.CategoryId, product.Category, product.Description) ? 1 : 0;
            }

            return changed;
        }

        private async Task<Category?> CategoryAsync(long storeCategoryId, CancellationToken ct)
        {
            if (_tree is null)
            {
                _tree = [];
                await foreach (var c in client.IterateCategoriesAsync(ct))
                {
                    _tree[c.Id] = (c.Name ?? "", c.Parent ?? 0);
                }
            }

            if (StoreCategories.RootOf(storeCategoryId, _tree) is not { } root)
            {
                return null;
            }

            var name = root.Trim().Length > 100 ? root.Trim()[..100] : root.Trim();
            _categories ??= await db.Categories.ToDictionaryAsync(c => CaseInsensitiveKey.Normalize(c.Name), ct);
            var key = CaseInsensitiveKey.Normalize(name);
            if (!_categories.TryGetValue(key, out var category))
            {
                category = Category.Create(organizationId, name);
                db.Categories.Add(category);
                _categories[key] = category;
            }

            return category;
        }
    }
}
