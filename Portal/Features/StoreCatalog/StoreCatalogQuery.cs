using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Domain.Integrations;
using Portal.Features.Catalog;
using Portal.Features.Integrations;
using Portal.Features.Stock;

namespace Portal.Features.StoreCatalog;

public enum ListingFilter
{
    All = 0,
    Listed = 1,
    NotListed = 2,
}

/// <summary>One row of a store's catalog: a portal stock product and, when listed, its store item.</summary>
public sealed record StoreCatalogRow(
    int ProductId, string Sku, string Name, bool Listed, long? WooProductId, long? WooVariationId, bool Missing,
    bool StockSyncOff, int? ProductBuffer, decimal Available, int Buffer, int SyncQuantity)
{
    public long? WooId => WooVariationId is > 0 ? WooVariationId : WooProductId;
}

public sealed record StoreCatalogResult(IReadOnlyList<StoreCatalogRow> Rows, int Total, bool ShowsBuffer);

/// <summary>
/// Which of the organization's stock products a store's catalog page shows and a bulk listing acts on. Every part is
/// optional; all given parts must hold. <see cref="ListedInStoreId"/> is another connected store of the organization.
/// </summary>
public sealed record CatalogFilter
{
    public string? Search { get; init; }
    public ListingFilter Listing { get; init; }
    public int? CategoryId { get; init; }
    public int? BrandId { get; init; }
    public int? FamilyId { get; init; }
    public string? Tag { get; init; }
    public int? ListedInStoreId { get; init; }

    /// <summary>The stock products of the tenant's organization that match, as a query run in the database.</summary>
    public IQueryable<Product> Apply(PortalDbContext db, int storeId)
    {
        var links = db.StoreProductLinks.Where(l => l.StoreId == storeId);
        var products = db.Products.AsNoTracking().Where(p => p.Type == ProductType.Stock).Matching(Search);
        products = Listing switch
        {
            ListingFilter.Listed => products.Where(p => links.Any(l => l.ProductId == p.Id)),
            ListingFilter.NotListed => products.Where(p => !links.Any(l => l.ProductId == p.Id)),
            _ => products,
        };
        if (CategoryId is { } category)
        {
            products = products.Where(p => p.CategoryId == category);
        }

        if (BrandId is { } brand)
        {
            products = products.Where(p => p.BrandId == brand);
        }

        if (FamilyId is { } family)
        {
            products = products.Where(p => p.FamilyId == family);
        }

        if (!string.IsNullOrWhiteSpace(Tag))
        {
            var tag = Tag.Trim();
            products = products.Where(p => p.Tags.Contains(tag));
        }

        if (ListedInStoreId is { } other)
        {
            products = products.Where(p => db.StoreProductLinks.Any(l => l.StoreId == other && l.ProductId == p.Id));
        }

        return products;
    }
}

/// <summary>What the catalog filters offer: the organization's categories, brands, families, tags and other stores.</summary>
public sealed record CatalogFilterChoices(
    IReadOnlyList<(int Id, string Name)> Categories, IReadOnlyList<(int Id, string Name)> Brands,
    IReadOnlyList<(int Id, string Name)> Families, IReadOnlyList<string> Tags, IReadOnlyList<(int Id, string Name)> OtherStores);

/// <summary>
/// The store's catalog page: every stock product of the organization, listed in this store or not, paged, searched and
/// filtered in SQL; availability (at the store's location, else all locations) and, when the store uses buffer
/// inventory, the buffer and the sync quantity of the products on the page.
/// </summary>
public sealed class StoreCatalogQuery(IPortalDbContextFactory dbFactory, AvailabilityQuery availability)
{
    public async Task<StoreCatalogResult> GetAsync(ITenantContext tenant, int storeId, CatalogFilter filter,
        int skip, int take, int? productId = null, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create(tenant);
        var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, ct);
        if (store is null)
        {
            return new StoreCatalogResult([], 0, false);
        }

        var settings = StoreSettings.FromJson(store.SettingsJson);
        var links = db.StoreProductLinks.Where(l => l.StoreId == storeId);
        var products = filter.Apply(db, storeId);
        if (productId is { } id)
        {
            products = products.Where(p => p.Id == id);
        }

        var total = await products.CountAsync(ct);
        var page = await products.OrderBy(p => p.Sku).ThenBy(p => p.Id).Skip(skip).Take(take)
            .Select(p => new { p.Id, p.Sku, p.Name }).ToListAsync(ct);
        var ids = page.Select(p => p.Id).ToList();
        var pageLinks = await links.AsNoTracking().Where(l => l.ProductId != null && ids.Contains(l.ProductId!.Value))
            .ToDictionaryAsync(l => l.ProductId!.Value, ct);
        var stock = await CatalogStock.ForAsync(availability, tenant, settings, ids, ct);
        var rows = page.Select(p =>
        {
            var link = pageLinks.GetValueOrDefault(p.Id);
            var (free, buffer, sync) = stock(p.Id, link?.ProductBuffer);
            return new StoreCatalogRow(p.Id, p.Sku, p.Name, link is not null, link?.WooProductId, link?.WooVariationId,
                link?.MissingSinceUtc is not null, link?.StockSyncOff ?? false, link?.ProductBuffer, free, buffer, sync);
        }).ToList();
        return new StoreCatalogResult(rows, total, settings.Buffer.BufferApplies);
    }

    /// <summary>How many products the filter matches (what a bulk listing would act on).</summary>
    public async Task<int> CountAsync(ITenantContext tenant, int storeId, CatalogFilter filter, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create(tenant);
        return await filter.Apply(db, storeId).CountAsync(ct);
    }

    public async Task<CatalogFilterChoices> FilterChoicesAsync(ITenantContext tenant, int storeId, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create(tenant);
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        var brands = await db.Brands.AsNoTracking().OrderBy(b => b.Name).Select(b => new { b.Id, b.Name }).ToListAsync(ct);
        var families = await db.ProductFamilies.AsNoTracking().OrderBy(f => f.Name).Select(f => new { f.Id, f.Name }).ToListAsync(ct);
        // Tags are a JSON list per product; SQLite cannot flatten them in a query (no APPLY), so the lists are read.
        var tagLists = await db.Products.AsNoTracking().Where(p => p.Tags.Any()).Select(p => p.Tags).ToListAsync(ct);
        var tags = tagLists.SelectMany(t => t).Distinct(StringComparer.OrdinalIgnoreCase);
        var stores = await db.Stores.AsNoTracking().Where(s => s.Id != storeId).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        return new CatalogFilterChoices(
            categories.Select(c => (c.Id, c.Name)).ToList(), brands.Select(b => (b.Id, b.Name)).ToList(),
            families.Select(f => (f.Id, f.Name)).ToList(), tags.Order(StringComparer.OrdinalIgnoreCase).ToList(),
            stores.Select(s => (s.Id, s.Name)).ToList());
    }

    /// <summary>The store's name, or null when the store does not exist in the tenant's organization.</summary>
    public async Task<string?> StoreNameAsync(ITenantContext tenant, int storeId, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create(tenant);
        return await db.Stores.AsNoTracking().Where(s => s.Id == storeId).Select(s => s.Name).SingleOrDefaultAsync(ct);
    }

    /// <summary>The latest catalog operations of the store, newest first.</summary>
    public async Task<IReadOnlyList<CatalogOperation>> OperationsAsync(ITenantContext tenant, int storeId, int take, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create(tenant);
        return await db.CatalogOperations.AsNoTracking().Where(o => o.StoreId == storeId && o.Kind != CatalogOperationKind.LoadOrders)
            .OrderByDescending(o => o.Id).Take(take).ToListAsync(ct);
    }
}
