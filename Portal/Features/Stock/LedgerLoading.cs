using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Stock;

namespace Portal.Features.Stock;

/// <summary>How a unit of work gets its <see cref="StockLedger"/> and how its effects are stored (ADR 0002).</summary>
public static class LedgerLoading
{
    /// <summary>
    /// Loads, tracked, every balance and every allocation (of every source) of the products at the locations:
    /// fewer allocations would overstate availability. Products not sold in fractions are marked, so that no
    /// command moves a fraction of them.
    /// </summary>
    public static async Task<StockLedger> LoadAsync(
        PortalDbContext db, int organizationId, DateTime now, IReadOnlyCollection<int> productIds,
        IReadOnlyCollection<int> locationIds, Func<int, string>? productLabel, CancellationToken ct)
    {
        var balances = await db.StockBalances
            .Where(b => productIds.Contains(b.ProductId) && locationIds.Contains(b.LocationId))
            .ToListAsync(ct);
        var allocations = await db.StockAllocations
            .Where(a => productIds.Contains(a.ProductId) && locationIds.Contains(a.LocationId))
            .ToListAsync(ct);
        var wholeOnly = await db.Products.Where(p => productIds.Contains(p.Id) && !p.SoldInFractions).Select(p => p.Id).ToListAsync(ct);
        return new StockLedger(organizationId, now, balances, allocations, productLabel).WholeNumbersOnly(wholeOnly);
    }

    /// <summary>
    /// Loads, tracked, only what the given sources themselves have allocated: enough to set or release their own
    /// allocations (<see cref="StockLedger.SetAllocation"/>, <see cref="StockLedger.ReleaseAll"/>, which never read
    /// availability), and nothing else — a ledger loaded this way must not answer Available, Backorder or picking
    /// questions. Its cost does not grow with the other allocations of the products (order capture allocates to
    /// products that thousands of pending orders hold).
    /// </summary>
    public static async Task<StockLedger> LoadOwnAllocationsAsync(
        PortalDbContext db, int organizationId, DateTime now, AllocationSource source, IReadOnlyCollection<int> sourceIds, CancellationToken ct)
    {
        var allocations = await db.StockAllocations
            .Where(a => a.Source == source && sourceIds.Contains(a.SourceId))
            .ToListAsync(ct);
        return new StockLedger(organizationId, now, [], allocations);
    }

    /// <summary>Adds the new rows and removes the released allocations; changed rows are already tracked.</summary>
    public static void Stage(PortalDbContext db, StockLedger ledger)
    {
        var effects = ledger.Effects;
        db.StockBalances.AddRange(effects.NewBalances);
        db.StockMovements.AddRange(effects.NewMovements);
        db.StockAllocations.AddRange(effects.NewAllocations);
        db.StockChanges.AddRange(effects.StockChanges);
        db.StockAllocations.RemoveRange(effects.ReleasedAllocations);
    }
}
