using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain;
using Portal.Domain.Integrations;
using Portal.Domain.Organizations;
using Portal.Features.Common;

namespace Portal.Features.TrackingExport;

public sealed record TrackingExportRow(
    long Id, int SaleId, string? OrderNumber, long WooOrderId, TrackingExportStatus Status, int Attempts, DateTime NextAttemptAtUtc,
    DateTime? ExportedAtUtc, string? Note, string? LastError);

/// <summary>What the store page and the sale page read of tracking exports, and Retry (Integration permission).</summary>
public sealed class TrackingExportCommands(UnitOfWork unitOfWork, TimeProvider clock)
{
    public const string What = "the store's tracking exports";

    /// <summary>Sends a failed (or still retrying) export again now, with its attempts counted afresh.</summary>
    public Task<OperationResult<bool>> RetryAsync(ITenantContext tenant, int storeId, long exportId, CancellationToken ct = default) =>
        unitOfWork.RunAsync(tenant, Permissions.IntegrationWooCommerce, What, async (db, _, token) =>
        {
            var row = await db.TrackingExports.SingleOrDefaultAsync(e => e.Id == exportId && e.StoreId == storeId, token)
                      ?? throw new DomainException("This tracking export does not exist (any more).");
            if (row.Status is TrackingExportStatus.Exported or TrackingExportStatus.Skipped)
            {
                throw new DomainException("This tracking export is not waiting for a retry.");
            }

            row.Requeue(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(token);
            return true;
        }, ct);

    /// <summary>The store's exports that failed at least once and are not done: stopped ones first.</summary>
    public static async Task<IReadOnlyList<TrackingExportRow>> ProblemsAsync(PortalDbContext db, int storeId, CancellationToken ct) =>
        await Rows(db.TrackingExports.AsNoTracking().Where(e => e.StoreId == storeId && e.LastError != null &&
                (e.Status == TrackingExportStatus.Failed || e.Status == TrackingExportStatus.Pending))
            .OrderByDescending(e => e.Status).ThenBy(e => e.Id).Take(100), db).ToListAsync(ct);

    public static Task<TrackingExportRow?> ForSaleAsync(PortalDbContext db, int saleId, CancellationToken ct) =>
        Rows(db.TrackingExports.AsNoTracking().Where(e => e.SaleId == saleId), db).FirstOrDefaultAsync(ct);

    private static IQueryable<TrackingExportRow> Rows(IQueryable<ShipmentTrackingExport> exports, PortalDbContext db) =>
        from e in exports
        join s in db.Sales on e.SaleId equals s.Id
        select new TrackingExportRow(e.Id, e.SaleId, s.StoreOrderNumber, e.WooOrderId, e.Status, e.Attempts, e.NextAttemptAtUtc,
            e.ExportedAtUtc, e.Note, e.LastError);
}
