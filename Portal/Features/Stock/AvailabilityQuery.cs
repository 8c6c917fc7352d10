using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Conventions;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Domain.Stock;

namespace Portal.Features.Stock;

/// <summary>What the Stock page, stock sync and the benchmark ask for; every part is optional.</summary>
public sealed record AvailabilityFilter
{
    /// <summary>Part of the SKU or name, any case.</summary>
    public string? Search { get; init; }

    public IReadOnlyCollection<int>? ProductIds { get; init; }
    public IReadOnlyCollection<int>? LocationIds { get; init; }

    /// <summary>Products are paged (ordered by SKU); every location of a product on the page is returned.</summary>
    public int Skip { get; init; }

    public int? Take { get; init; }
}

public sealed record ProductStock(int ProductId, string Sku, string Name, IReadOnlyList<LocationAvailability> Locations)
{
    public decimal OnHand => Locations.Sum(l => l.OnHand);
    public decimal Allocated => Locations.Sum(l => l.Allocated);
    public decimal Available => Availability.Available(OnHand, Allocated);
}

public sealed record AvailabilityPage(IReadOnlyList<ProductStock> Products, int TotalProducts);

/// <summary>
/// Availability (on hand − allocated) of stock products per location, computed in the database: one query sums
/// the balances and the allocations of each product and location (every product × every chosen location, zero
/// where nothing is stored). Read-only, untracked; support's read-only tenant may use it.
/// </summary>
public sealed class AvailabilityQuery(IPortalDbContextFactory contexts)
{
    public async Task<AvailabilityPage> GetAsync(ITenantContext tenant, AvailabilityFilter filter, CancellationToken ct = default)
    {
        await using var db = contexts.Create(tenant);
        var products = Products(db, filter);
        var total = await products.CountAsync(ct);
        var page = products.OrderBy(p => p.Sku).ThenBy(p => p.Id).Skip(filter.Skip);
        if (filter.Take is { } take)
        {
            page = page.Take(take);
        }

        var heads = await page.Select(p => new { p.Id, p.Sku, p.Name }).ToListAsync(ct);
        var ids = heads.Select(h => h.Id).ToList();
        var figures = await Figures(db, db.Products.Where(p => ids.Contains(p.Id)), filter.LocationIds).ToListAsync(ct);
        var byProduct = figures.ToLookup(f => f.ProductId);
        return new AvailabilityPage(
            heads.Select(h => new ProductStock(h.Id, h.Sku, h.Name, byProduct[h.Id].ToList())).ToList(), total);
    }

    /// <summary>Every product and location of the filter, not paged: for stock sync and the benchmark.</summary>
    public async Task<IReadOnlyList<LocationAvailability>> PerLocationAsync(
        ITenantContext tenant, AvailabilityFilter filter, CancellationToken ct = default)
    {
        await using var db = contexts.Create(tenant);
        return await Figures(db, Products(db, filter), filter.LocationIds).ToListAsync(ct);
    }

    /// <summary>The query itself, for tests that look at its SQL.</summary>
    public static IQueryable<LocationAvailability> Figures(
        PortalDbContext db, IQueryable<Product> products, IReadOnlyCollection<int>? locationIds)
    {
        var locations = locationIds is null ? db.Locations : db.Locations.Where(l => locationIds.Contains(l.Id));
        return from p in products
               from l in locations
               select new LocationAvailability(
                   p.Id,
                   l.Id,
                   db.StockBalances.Where(b => b.ProductId == p.Id && b.LocationId == l.Id).Sum(b => (decimal?)b.OnHand) ?? 0m,
                   db.StockAllocations.Where(a => a.ProductId == p.Id && a.LocationId == l.Id).Sum(a => (decimal?)a.Quantity) ?? 0m);
    }

    private static IQueryable<Product> Products(PortalDbContext db, AvailabilityFilter filter)
    {
        var products = db.Products.AsNoTracking().Where(p => p.Type == ProductType.Stock);
        if (filter.ProductIds is { } ids)
        {
            products = products.Where(p => ids.Contains(p.Id));
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = CaseInsensitiveKey.Normalize(filter.Search.Trim());
            products = products.Where(p =>
                EF.Property<string>(p, CaseInsensitiveKey.KeyName(nameof(Product.Sku))).Contains(term) ||
                EF.Property<string>(p, CaseInsensitiveKey.KeyName(nameof(Product.Name))).Contains(term));
        }

        return products;
    }
}
