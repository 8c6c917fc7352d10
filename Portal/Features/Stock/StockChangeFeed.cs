using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Features.Common;

namespace Portal.Features.Stock;

/// <summary>What one store has to push: the products of the markers it has not acknowledged yet.</summary>
/// <param name="StoreId">The store the batch was read for; only that store may acknowledge it.</param>
/// <param name="FullPush">The store was never told its whole stock (first push, or a full push was requested): push
/// every linked product, not only <paramref name="ProductIds"/>.</param>
/// <param name="ProductIds">Each changed product once.</param>
/// <param name="ChangeIds">The marker rows read; acknowledging records exactly these for the store.</param>
public sealed record StockChangeBatch(int StoreId, bool FullPush, IReadOnlyList<int> ProductIds, IReadOnlyList<long> ChangeIds)
{
    public bool IsEmpty => !FullPush && ChangeIds.Count == 0;

    /// <summary>The product of each marker read (same order as <see cref="ChangeIds"/>).</summary>
    public IReadOnlyList<int> ChangeProductIds { get; init; } = [];

    /// <summary>
    /// The part of the batch whose products are done (pushed, or deliberately skipped): acknowledging it leaves the
    /// markers of the other products for the next run. A part is never a full push: the store is told everything again
    /// until one push gets through whole.
    /// </summary>
    public StockChangeBatch OnlyDone(Func<int, bool> productDone)
    {
        var kept = ChangeIds.Select((id, index) => (Id: id, ProductId: ChangeProductIds[index])).Where(c => productDone(c.ProductId)).ToList();
        return new StockChangeBatch(StoreId, false, kept.Select(c => c.ProductId).Distinct().ToList(), kept.Select(c => c.Id).ToList())
        {
            ChangeProductIds = kept.Select(c => c.ProductId).ToList(),
        };
    }
}

/// <summary>
/// The "dirty products" reader of stock sync, one position per store. Contract:
/// <list type="number">
/// <item><see cref="ReadAsync"/> returns the products of the markers committed so far that the store has not
/// acknowledged (up to <c>max</c> rows, lowest ids first). The first read makes the store follow the changes: from
/// then on no marker is deleted before the store acknowledged it. Until the store's first full push the batch says
/// <see cref="StockChangeBatch.FullPush"/>: a store connected later starts from the whole stock, not from the markers
/// other stores left.</item>
/// <item>The caller pushes the current availability of those products (read after this call, so it is at least as
/// new as every marker read).</item>
/// <item>Only after a successful push, <see cref="AcknowledgeAsync"/> records the markers read as done for that
/// store and deletes those that no store following the changes still needs. A failed push acknowledges nothing: the
/// same products come back next time, whatever the other stores did.</item>
/// </list>
/// A change made meanwhile inserts a new marker, which is not among those read and so survives for the next run.
/// Markers are acknowledged by id rather than "every id up to the highest read": on SQL Server (and PostgreSQL) an
/// identity value is taken when a row is inserted, not when it commits, so a slower transaction can commit a lower
/// id after a higher one was read; a range would drop that change unseen.
/// </summary>
public sealed class StockChangeFeed(IPortalDbContextFactory contexts, TimeProvider clock)
{
    private const int Chunk = 500;

    public async Task<StockChangeBatch> ReadAsync(ITenantContext tenant, int storeId, int max = 10_000, CancellationToken ct = default)
    {
        await using var db = contexts.Create(tenant);
        var now = clock.GetUtcNow().UtcDateTime;
        // Committed before any marker is read: a store pruning meanwhile then keeps what this store has not seen.
        await db.Stores.Where(s => s.Id == storeId && s.StockChangesFollowedSinceUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.StockChangesFollowedSinceUtc, now), ct);
        var store = await db.Stores.AsNoTracking().Where(s => s.Id == storeId)
            .Select(s => new { s.LastFullStockPushAtUtc }).SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Store {storeId} does not exist in this organization.");

        var rows = await db.StockChanges.AsNoTracking()
            .Where(c => !db.StockChangeAcknowledgements.Any(a => a.StoreId == storeId && a.StockChangeId == c.Id))
            .OrderBy(c => c.Id).Take(max)
            .Select(c => new { c.Id, c.ProductId }).ToListAsync(ct);
        return new StockChangeBatch(storeId, store.LastFullStockPushAtUtc is null,
            rows.Select(r => r.ProductId).Distinct().ToList(), rows.Select(r => r.Id).ToList())
        {
            ChangeProductIds = rows.Select(r => r.ProductId).ToList(),
        };
    }

    /// <summary>The store has pushed what <paramref name="batch"/> stands for.</summary>
    public async Task AcknowledgeAsync(ITenantContext tenant, StockChangeBatch batch, CancellationToken ct = default)
    {
        await using var db = contexts.Create(tenant);
        if (!await db.Stores.AnyAsync(s => s.Id == batch.StoreId, ct))
        {
            return; // Disconnected meanwhile: nothing of it is kept.
        }

        foreach (var chunk in batch.ChangeIds.Chunk(Chunk))
        {
            var done = await db.StockChangeAcknowledgements
                .Where(a => a.StoreId == batch.StoreId && chunk.Contains(a.StockChangeId)).Select(a => a.StockChangeId).ToListAsync(ct);
            db.StockChangeAcknowledgements.AddRange(chunk.Except(done)
                .Select(id => new StockChangeAcknowledgement { StoreId = batch.StoreId, StockChangeId = id }));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (UnitOfWork.IsUniqueViolation(e))
            {
                // The same batch acknowledged twice at once: the other acknowledgement stands for this one.
                db.ChangeTracker.Clear();
            }
        }

        if (batch.FullPush)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Stores.Where(s => s.Id == batch.StoreId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastFullStockPushAtUtc, now), ct);
        }

        await PruneAsync(db, ct);
    }

    /// <summary>
    /// The store no longer follows the changes (its Update Stock Levels was turned off): its acknowledgements go, the
    /// markers only it still needed are pruned, and its next push, once it follows again, is a full one.
    /// </summary>
    public async Task StopFollowingAsync(ITenantContext tenant, int storeId, CancellationToken ct = default)
    {
        await using var db = contexts.Create(tenant);
        await db.Stores.Where(s => s.Id == storeId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.StockChangesFollowedSinceUtc, (DateTime?)null)
            .SetProperty(s => s.LastFullStockPushAtUtc, (DateTime?)null), ct);
        await db.StockChangeAcknowledgements.Where(a => a.StoreId == storeId).ExecuteDeleteAsync(ct);
        await PruneAsync(db, ct);
    }

    /// <summary>The store's next push tells it every linked product (its catalog links changed, or the merchant asked).</summary>
    public async Task RequestFullPushAsync(ITenantContext tenant, int storeId, CancellationToken ct = default)
    {
        await using var db = contexts.Create(tenant);
        await db.Stores.Where(s => s.Id == storeId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastFullStockPushAtUtc, (DateTime?)null), ct);
    }

    /// <summary>
    /// Deletes the markers no store following the changes still needs (with no such store, all of them), and their
    /// acknowledgements. Acknowledging prunes; a disconnect calls this so that its store's backlog goes too. Every
    /// marker of the organization is considered, not only those just acknowledged: two stores acknowledging the same
    /// marker at once may each miss the other's row, and the next pruning then catches it.
    /// </summary>
    public async Task PruneAsync(ITenantContext tenant, CancellationToken ct = default)
    {
        await using var db = contexts.Create(tenant);
        await PruneAsync(db, ct);
    }

    private static async Task PruneAsync(PortalDbContext db, CancellationToken ct)
    {
        var done = await db.StockChanges
            .Where(c => !db.Stores.Any(s => s.StockChangesFollowedSinceUtc != null
                && !db.StockChangeAcknowledgements.Any(a => a.StoreId == s.Id && a.StockChangeId == c.Id)))
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        foreach (var chunk in done.Chunk(Chunk))
        {
            // Acknowledgements first: stopped in between, a marker left without them is pushed again, never lost.
            await db.StockChangeAcknowledgements.Where(a => chunk.Contains(a.StockChangeId)).ExecuteDeleteAsync(ct);
            await db.StockChanges.Where(c => chunk.Contains(c.Id)).ExecuteDeleteAsync(ct);
        }
    }
}
