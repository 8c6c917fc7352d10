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
/// The store's catalog page: every stock product of the organization, listed in this store or not, paged, searched and
/// filtered in SQL; availability (at the store's location, else all locations) and, when the store uses buffer
/// inventory, the buffer and the sync quantity of the products on the page.
/// </summary>
public sealed class StoreCatalogQuery(IPortalDbContextFactory dbFactory, AvailabilityQuery availability)
{
    public async Task<StoreCatalogResult> GetAsync(ITenantContext tenant, int storeId, string? search, ListingFilter listing,
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
        var products = db.Products.AsNoTracking().Where(p => p.Type == ProductType.Stock).Matching(search);
        if (productId is { } id)
        {
            products = products.Where(p => p.Id == id);
        }

        products = listing switch
        {
            ListingFilter.Listed => products.Where(p => links.Any(l => l.ProductId == p.Id)),
            ListingFilter.NotListed => products.Where(p => !links.Any(l => l.ProductId == p.Id)),
            _ => products,
        };
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
        return await db.CatalogOperations.AsNoTracking().Where(o => o.StoreId == storeId)
            .OrderByDescending(o => o.Id).Take(take).ToListAsync(ct);
    }
}
