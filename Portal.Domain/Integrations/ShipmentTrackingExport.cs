using Portal.Domain.Organizations;

namespace Portal.Domain.Integrations;

public enum TrackingExportStatus
{
    /// <summary>Waiting for its (next) attempt.</summary>
    Pending = 1,
    Exported = 2,
    /// <summary>Not sent, on purpose: the order was not processing or on hold, or export was turned off.</summary>
    Skipped = 3,
    /// <summary>Gave up after the attempts allowed; waits for Retry on the store page.</summary>
    Failed = 4,
}

/// <summary>
/// The outbox row of one sale's tracking export to its WooCommerce order, written in the transaction that authorises
/// the shipment. One row per sale: sending it again (Retry, a tracking number added later) re-queues the same row,
/// and the export writes the same meta keys, so the order never gets a second set.
/// </summary>
public class ShipmentTrackingExport : IOrganizationOwned, IStoreOwned
{
    private ShipmentTrackingExport()
    {
    }

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int StoreId { get; set; }
    public int SaleId { get; private set; }
    public long WooOrderId { get; private set; }
    public TrackingExportStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime NextAttemptAtUtc { get; private set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
    public DateTime? ExportedAtUtc { get; private set; }

    /// <summary>What was written (the tracking number), or why nothing was.</summary>
    public string? Note { get; private set; }

    public string? LastError { get; private set; }

    public static ShipmentTrackingExport Queue(int organizationId, int storeId, int saleId, long wooOrderId, DateTime nowUtc) =>
        new()
        {
            OrganizationId = organizationId, StoreId = storeId, SaleId = saleId, WooOrderId = wooOrderId,
            Status = TrackingExportStatus.Pending, CreatedAtUtc = Amounts.Utc(nowUtc, nameof(nowUtc)), NextAttemptAtUtc = nowUtc,
        };

    /// <summary>Sends it again as soon as possible, with its attempts counted afresh (Retry, or new tracking).</summary>
    public void Requeue(DateTime nowUtc)
    {
        Status = TrackingExportStatus.Pending;
        Attempts = 0;
        NextAttemptAtUtc = Amounts.Utc(nowUtc, nameof(nowUtc));
        LastError = null;
    }

    public void Exported(DateTime nowUtc, string note)
    {
        Status = TrackingExportStatus.Exported;
        ExportedAtUtc = Amounts.Utc(nowUtc, nameof(nowUtc));
        Note = note;
        LastError = null;
        Release();
    }

    public void Skipped(string reason)
    {
        Status = TrackingExportStatus.Skipped;
        Note = reason;
        LastError = null;
        Release();
    }

    /// <summary>
    /// Counts a failed attempt: waits <paramref name="retryAfter"/> doubled for each attempt before (capped at
    /// <paramref name="maxWait"/>), and stops as Failed after <paramref name="maxAttempts"/>.
    /// </summary>
    public void AttemptFailed(string error, DateTime nowUtc, TimeSpan retryAfter, TimeSpan maxWait, int maxAttempts)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        NextAttemptAtUtc = Amounts.Utc(nowUtc, nameof(nowUtc)) + RetryWait.After(Attempts, retryAfter, maxWait);
        Status = Attempts >= maxAttempts ? TrackingExportStatus.Failed : TrackingExportStatus.Pending;
        Release();
    }

    private void Release()
    {
        ClaimedBy = null;
        ClaimedUntilUtc = null;
    }
}
