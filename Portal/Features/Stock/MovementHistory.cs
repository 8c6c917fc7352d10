using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Stock;

namespace Portal.Features.Stock;

public sealed record MovementRow(
    int Id, DateTime OccurredAt, int ProductId, int LocationId, StockMovementKind Kind, decimal Quantity,
    string? Reason, string? Reference, int? SaleId);

public sealed record MovementPage(IReadOnlyList<MovementRow> Rows, int Total);

/// <summary>
/// The ledger rows of a product, or of every product (optionally at one location), newest first, paged in the database.
/// </summary>
public sealed class MovementHistory(IPortalDbContextFactory contexts)
{
    public async Task<MovementPage> GetAsync(
        ITenantContext tenant, int? productId, int? locationId, int skip, int take, CancellationToken ct = default)
    {
        await using var db = contexts.Create(tenant);
        var rows = db.StockMovements.AsNoTracking();
        if (productId is { } product)
        {
            rows = rows.Where(m => m.ProductId == product);
        }

        if (locationId is { } location)
        {
            rows = rows.Where(m => m.LocationId == location);
        }

        var total = await rows.CountAsync(ct);
        var page = await rows.OrderByDescending(m => m.OccurredAt).ThenByDescending(m => m.Id).Skip(skip).Take(take)
            .Select(m => new MovementRow(m.Id, m.OccurredAt, m.ProductId, m.LocationId, m.Kind, m.Quantity, m.Reason,
                m.Reference, m.SaleId))
            .ToListAsync(ct);
        return new MovementPage(page, total);
    }
}
