using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;

namespace Portal.Features.Stock;

/// <summary>The products whose availability changed, read from the <c>StockChanges</c> markers.</summary>
/// <param name="ProductIds">Each changed product once.</param>
/// <param name="Watermark">The highest marker id read (0 when none).</param>
/// <param name="ChangeIds">The marker rows read; acknowledging deletes exactly these.</param>
public sealed record StockChangeBatch(IReadOnlyList<int> ProductIds, long Watermark, IReadOnlyList<long> ChangeIds)
{
    public bool IsEmpty => ChangeIds.Count == 0;
}

/// <summary>
/// The "dirty products" reader of stock sync. Contract:
/// <list type="number">
/// <item><see cref="ReadAsync"/> returns the products of the markers committed so far (up to <c>max</c> rows,
/// lowest ids first), with the ids read. It changes nothing.</item>
/// <item>The caller pushes the current availability of those products (read after this call, so it is at least as
/// new as every marker read).</item>
/// <item>Only after a successful push, <see cref="AcknowledgeAsync"/> deletes the markers read. A failed push
/// acknowledges nothing: the same products come back next time.</item>
/// </list>
/// A change made meanwhile inserts a new marker, which is not among those read and so survives for the next run.
/// Acknowledging deletes the ids read rather than "every id up to the watermark": on SQL Server an identity value
/// is taken when a row is inserted, not when it commits, so a slower transaction can commit a lower id after a
/// higher one was read; a range delete would drop that change unseen.
/// </summary>
public sealed class StockChangeFeed(IPortalDbContextFactory contexts)
{
    private const int DeleteChunk = 500;

    public async Task<StockChangeBatch> ReadAsync(ITenantContext tenant, int max = 10_000, CancellationToken ct = default)
    {
        await using var db = contexts.Create(tenant);
        var rows = await db.StockChanges.AsNoTracking().OrderBy(c => c.Id).Take(max)
            .Select(c => new { c.Id, c.ProductId }).ToListAsync(ct);
        return new StockChangeBatch(
            rows.Select(r => r.ProductId).Distinct().ToList(),
            rows.Count == 0 ? 0 : rows[^1].Id,
            rows.Select(r => r.Id).ToList());
    }

    public async Task AcknowledgeAsync(ITenantContext tenant, StockChangeBatch batch, CancellationToken ct = default)
    {
        await using var db = contexts.Create(tenant);
        foreach (var chunk in batch.ChangeIds.Chunk(DeleteChunk))
        {
            await db.StockChanges.Where(c => chunk.Contains(c.Id)).ExecuteDeleteAsync(ct);
        }
    }
}
