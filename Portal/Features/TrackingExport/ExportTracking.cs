using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Domain.Sales;
using Portal.Features.Integrations;
using Portal.Hosting;
using Portal.WooCommerce;
using Quartz;

namespace Portal.Features.TrackingExport;

/// <summary>
/// Sends due tracking exports (the outbox rows <see cref="QueueTrackingExport"/> writes) to the stores. A row is
/// claimed with a lease by one conditional UPDATE, so two nodes never send it at once. The order is read first: the
/// tracking goes only to an order that is processing or on hold, and the meta already on the order gives the ids of
/// the keys to overwrite, so a repeat updates the same meta rows instead of adding a second set. A failure waits
/// with a doubling back-off and stops as Failed after <see cref="TrackingExportOptions.MaxAttempts"/>, shown on the
/// store page with Retry.
/// </summary>
public sealed class ExportTracking(
    IPortalDbContextFactory dbFactory, StoreClients clients, TimeProvider clock, IOptions<TrackingExportOptions> options,
    ILogger<ExportTracking> logger)
{
    public static readonly string[] ExportableStatuses = ["processing", "on-hold"];
    private static readonly string Process = $"{Environment.MachineName}:{Environment.ProcessId}";
    private readonly TrackingExportOptions _options = options.Value;

    /// <summary>Sends every export due now; returns how many were handled (exported, skipped or failed).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = $"{Process}:{Guid.NewGuid():N}";
        List<(long Id, int OrganizationId)> rows;
        await using (var db = dbFactory.Create(FixedTenant.None))
        {
            // Across organizations on purpose; each row is then handled in its organization's context.
            var due = db.TrackingExports.IgnoreQueryFilters().Where(e => e.Status == TrackingExportStatus.Pending &&
                e.NextAttemptAtUtc <= now && (e.ClaimedUntilUtc == null || e.ClaimedUntilUtc < now));
            var candidates = await due.OrderBy(e => e.NextAttemptAtUtc).Select(e => e.Id).Take(200).ToListAsync(ct);
            if (candidates.Count == 0)
            {
                return 0;
            }

            // The condition is repeated in the UPDATE: a row another process claimed in between is not taken.
            var until = now + _options.Lease;
            await due.Where(e => candidates.Contains(e.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.ClaimedBy, claim).SetProperty(e => e.ClaimedUntilUtc, until), ct);
            rows = (await db.TrackingExports.IgnoreQueryFilters().AsNoTracking().Where(e => e.ClaimedBy == claim)
                .Select(e => new { e.Id, e.OrganizationId }).ToListAsync(ct)).Select(e => (e.Id, e.OrganizationId)).ToList();
        }

        foreach (var (id, organizationId) in rows)
        {
            await ExportOneAsync(organizationId, id, claim, ct);
        }

        return rows.Count;
    }

    private async Task ExportOneAsync(int organizationId, long id, string claim, CancellationToken ct)
    {
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var row = await db.TrackingExports.SingleOrDefaultAsync(e => e.Id == id && e.ClaimedBy == claim, ct);
        if (row is null)
        {
            return;
        }

        try
        {
            await SendAsync(db, row, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Tracking export {ExportId} of store {StoreId} failed; it is tried again later", row.Id, row.StoreId);
            row.AttemptFailed(Describe(e), clock.GetUtcNow().UtcDateTime, _options.RetryAfter, _options.MaxWait, _options.MaxAttempts);
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task SendAsync(PortalDbContext db, ShipmentTrackingExport row, CancellationToken ct)
    {
        var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == row.StoreId, ct);
        if (store.Status != StoreStatus.Connected)
        {
            throw new InvalidOperationException("The store is not connected.");
        }

        var settings = StoreSettings.FromJson(store.SettingsJson);
        if (!settings.ExportShippingInformation || settings.ShippingMeta.Count == 0)
        {
            row.Skipped("Not exported: Export shipping information is off (or no meta field is mapped) in the store's settings.");
            return;
        }

        var sale = await db.Sales.AsNoTracking().Include(s => s.TrackingNumbers).SingleAsync(s => s.Id == row.SaleId, ct);
        if (sale.IsVoided)
        {
            row.Skipped("Not exported: the sale was voided.");
            return;
        }

        var carrier = sale.ShipCarrierId is { } carrierId
            ? await db.Carriers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == carrierId, ct)
            : null;
        var client = clients.For(store);
        var order = await client.GetOrderAsync(row.WooOrderId, ct);
        if (!ExportableStatuses.Contains(order.Status))
        {
            row.Skipped($"Not exported: the order is {order.Status} in the store; tracking is exported only while it is processing or on hold.");
            return;
        }

        var values = Values(sale, carrier, ZoneOf(store));
        var meta = settings.ShippingMeta
            .Select(m => (Key: m.MetaKey.Trim(), Value: values.GetValueOrDefault(m.Value)))
            .Where(m => m.Value is not null)
            .Select(m => WooMetaData.Of(m.Key, m.Value!) with
            {
                // The id of the key already on the order: WooCommerce then updates that row in place.
                Id = order.MetaData?.FirstOrDefault(existing => existing.Key == m.Key)?.Id ?? 0,
            })
            .ToList();
        if (meta.Count == 0)
        {
            row.Skipped("Not exported: the shipment has nothing the mapped meta fields ask for.");
            return;
        }

        await client.UpdateOrderMetaAsync(row.WooOrderId, meta, ct);
        var number = values.GetValueOrDefault(ShippingMetaValue.TrackingNumber);
        row.Exported(clock.GetUtcNow().UtcDateTime, number is null ? "Carrier and ship date exported." : $"Tracking number {number} exported.");
    }

    /// <summary>What each mapped field carries: the first package's tracking number (WooCommerce takes one), the
    /// carrier, its tracking page, and the ship date in the store's own calendar.</summary>
    public static Dictionary<ShippingMetaValue, string?> Values(Sale sale, Domain.Reference.Carrier? carrier, StoreTimeZone zone)
    {
        var number = sale.TrackingNumbers.OrderBy(t => t.Id).FirstOrDefault()?.Number;
        return new()
        {
            [ShippingMetaValue.TrackingNumber] = number,
            [ShippingMetaValue.Carrier] = carrier?.Name,
            [ShippingMetaValue.TrackingUrl] = number is null ? null : carrier?.TrackingUrl(number),
            [ShippingMetaValue.ShipDate] = sale.ShippedAt is { } shipped
                ? zone.DateOf(shipped).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : null,
        };
    }

    private static StoreTimeZone ZoneOf(ConnectedStore store) =>
        StoreTimeZone.TryParse(store.TimeZone, out var zone, out _) ? zone : StoreTimeZone.Utc;

    /// <summary>The error as support staff read it on the store page: WooCommerce errors are already redacted.</summary>
    private static string Describe(Exception error) =>
        error is WooApiException woo ? $"{woo.Kind}: {woo.Message}" : $"{error.GetType().Name}: {error.Message}";
}

/// <summary>Sends due tracking exports every few seconds; two runs never overlap on one node.</summary>
[DisallowConcurrentExecution]
public sealed class ExportTrackingJob(ExportTracking export) : IJob
{
    public static readonly JobKey Key = new("export-tracking", "integrations");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await export.RunAsync(cancellationToken);

    public static void Register(IQuartzBuilder quartz, TrackingExportOptions options, DateTimeOffset startedAt)
    {
        quartz.AddRepeatingJob<ExportTrackingJob>(Key, options.Interval, startedAt + TimeSpan.FromSeconds(5));
    }
}
