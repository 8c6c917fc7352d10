using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Conventions;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Features.Catalog;
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
/// Availability (on hand − allocated) of stock products per location. The database reads the balance and sums the
/// allocations of each product and location (two queries, filtered in SQL); the arithmetic is the
/// domain's <see cref="Availability.PerLocation(IEnumerable{StockFigure}, IEnumerable{StockFigure})"/>, the same that
/// the ledger uses. Read-only and untracked, so support's read-only tenant may use it too.
/// </summary>
public sealed class AvailabilityQuery(IPortalDbContextFactory contexts)
{
    /// <summary>
    /// A page of stock products (by SKU) with every chosen location (all when none are chosen), zero where nothing
    /// is stored: what the Stock page shows.
    /// </summary>
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
        var locations = filter.LocationIds is { } chosen
            ? chosen.ToList()
            : await db.Locations.AsNoTracking().OrderBy(l => l.Name).Select(l => l.Id).ToListAsync(ct);
        var stored = (await FiguresAsync(db, ids, locations, ct)).ToDictionary(f => (f.ProductId, f.LocationId));
        return new AvailabilityPage(
            heads.Select(h => new ProductStock(h.Id, h.Sku, h.Name, locations
                .Select(l => stored.GetValueOrDefault((h.Id, l)) ?? new LocationAvailability(h.Id, l, 0m, 0m))
                .ToList())).ToList(),
            total);
    }

    /// <summary>
    /// Every product and location of the filter that has a balance or an allocation (any other pair is 0 available),
    /// not paged: for stock sync and the benchmark.
    /// </summary>
    public async Task<IReadOnlyList<LocationAvailability>> PerLocationAsync(
        ITenantContext tenant, AvailabilityFilter filter, CancellationToken ct = default)
    {
        await using var db = contexts.Create(tenant);
        IReadOnlyCollection<int>? productIds = filter.ProductIds;
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            productIds = await Products(db, filter).Select(p => p.Id).ToListAsync(ct);
        }

        return await FiguresAsync(db, productIds, filter.LocationIds, ct);
    }

    /// <summary>
    /// On hand per product and location. A balance row is unique per product and location (unique index), so it is
    /// that pair's sum already: grouping it again made SQLite walk the index and look up every row, twice as slow.
    /// </summary>
    public static IQueryable<StockFigure> OnHandFigures(
        PortalDbContext db, IReadOnlyCollection<int>? productIds, IReadOnlyCollection<int>? locationIds)
    {
        var balances = db.StockBalances.AsNoTracking();
        if (productIds is not null)
        {
            balances = balances.Where(b => productIds.Contains(b.ProductId));
        }

        if (locationIds is not null)
        {
            balances = balances.Where(b => locationIds.Contains(b.LocationId));
        }

        return balances.Select(b => new StockFigure(b.ProductId, b.LocationId, b.OnHand));
    }

    /// <summary>Σ allocated (every source) per product and location, in SQL.</summary>
    public static IQueryable<StockFigure> AllocatedFigures(
        PortalDbContext db, IReadOnlyCollection<int>? productIds, IReadOnlyCollection<int>? locationIds)
    {
        var allocations = db.StockAllocations.AsNoTracking();
        if (productIds is not null)
        {
            allocations = allocations.Where(a => productIds.Contains(a.ProductId));
        }

        if (locationIds is not null)
        {
            allocations = allocations.Where(a => locationIds.Contains(a.LocationId));
        }

        return allocations.GroupBy(a => new { a.ProductId, a.LocationId })
            .Select(g => new StockFigure(g.Key.ProductId, g.Key.LocationId, g.Sum(a => a.Quantity)));
    }

    private static async Task<IReadOnlyList<LocationAvailability>> FiguresAsync(
        PortalDbContext db, IReadOnlyCollection<int>? productIds, IReadOnlyCollection<int>? locationIds, CancellationToken ct)
    {
        var onHand = await ReadAsync(db, OnHandFigures(db, productIds, locationIds), ct);
        var allocated = await ReadAsync(db, AllocatedFigures(db, productIds, locationIds), ct);
        return Availability.PerLocation(onHand, allocated);
    }

    /// <summary>
    /// Microsoft.Data.Sqlite has no asynchronous I/O (its async methods complete synchronously), and EF's async
    /// enumeration cost a quarter more CPU per row there when measured on 50,000 rows; SQL Server reads asynchronously.
    /// </summary>
    private static async Task<List<T>> ReadAsync<T>(PortalDbContext db, IQueryable<T> query, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return await query.ToListAsync(ct);
        }

        ct.ThrowIfCancellationRequested();
        return query.ToList();
    }

    private static IQueryable<Product> Products(PortalDbContext db, AvailabilityFilter filter)
    {
        var products = db.Products.AsNoTracking().Where(p => p.Type == ProductType.Stock);
        if (filter.ProductIds is { } ids)
        {
            products = products.Where(p => ids.Contains(p.Id));
        }

        return products.Matching(filter.Search);
    }
}
