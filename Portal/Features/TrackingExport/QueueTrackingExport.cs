using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Integrations;
using Portal.Domain.Sales;
using Portal.Features.Integrations;

namespace Portal.Features.TrackingExport;

/// <summary>
/// The one hook the sale steps call: queues the tracking export of a store sale in the caller's unit of work, so the
/// outbox row is saved (or not) with the shipment. Only a sale of one store order (a consolidated day's sale has no
/// WooCommerce order), only when the store exports shipping information with No Consolidation and maps at least one
/// meta field. Auto-ship does not call it: a shipment the portal made by itself carries no tracking of its own.
/// </summary>
public static class QueueTrackingExport
{
    /// <param name="repeatOnly">A tracking number added after the shipment: send again only a sale whose shipment was
    /// queued before (so never one that auto-ship made).</param>
    public static async Task QueueAsync(PortalDbContext db, Sale sale, DateTime nowUtc, CancellationToken ct, bool repeatOnly = false)
    {
        if (sale is not { StoreId: { } storeId, WooOrderId: { } wooOrderId } || sale.ShipStatus != StageStatus.Authorised)
        {
            return;
        }

        var settingsJson = await db.Stores.AsNoTracking().Where(s => s.Id == storeId).Select(s => s.SettingsJson).FirstOrDefaultAsync(ct);
        var settings = StoreSettings.FromJson(settingsJson);
        if (settingsJson is null || !settings.ExportShippingInformation || settings.Consolidation != Consolidation.None ||
            settings.ShippingMeta.Count == 0)
        {
            return;
        }

        var existing = await db.TrackingExports.FirstOrDefaultAsync(e => e.SaleId == sale.Id, ct);
        if (existing is null && !repeatOnly)
        {
            db.TrackingExports.Add(ShipmentTrackingExport.Queue(sale.OrganizationId, storeId, sale.Id, wooOrderId, nowUtc));
        }
        else
        {
            existing?.Requeue(nowUtc);
        }
    }
}
