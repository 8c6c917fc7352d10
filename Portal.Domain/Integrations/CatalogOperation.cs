using Portal.Domain.Organizations;

namespace Portal.Domain.Integrations;

public enum CatalogOperationKind
{
    DownloadProducts = 1,
    DownloadCustomers = 2,
    BulkListing = 3,
    /// <summary>Load Orders: a store's orders from a date through the capture path. It runs beside the catalog
    /// operations (see <see cref="CatalogOperation.Excludes"/>).</summary>
    LoadOrders = 4,
}

public enum CatalogOperationStatus
{
    Queued = 1,
    Running = 2,
    Completed = 3,
    Failed = 4,
    Cancelled = 5,
}

/// <summary>
/// One run of a catalog operation of a store (a download, a bulk listing): queued by a user, run by a job, its progress
/// and result kept here so the page can show them and a second run of the same store waits for the first.
/// </summary>
public class CatalogOperation : IOrganizationOwned, IStoreOwned
{
    public const int MaxResultLength = 4_000_000;

    private CatalogOperation()
    {
    }

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int StoreId { get; set; }
    public CatalogOperationKind Kind { get; private set; }
    /// <summary>Plans and reports without writing anything.</summary>
    public bool DryRun { get; private set; }
    public CatalogOperationStatus Status { get; private set; }
    public string RequestedBy { get; private set; } = "";
    public DateTime RequestedAtUtc { get; private set; }
    public DateTime? StartedAtUtc { get; private set; }
    public DateTime? FinishedAtUtc { get; private set; }
    /// <summary>What the run is doing now, for the progress bar's caption.</summary>
    public string Phase { get; private set; } = "";
    public int Done { get; private set; }
    /// <summary>0 while not known yet.</summary>
    public int Total { get; private set; }
    public bool CancelRequested { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The report (JSON) of a finished run.</summary>
    public string? ResultJson { get; private set; }
    /// <summary>Input of the run (JSON), e.g. a bulk listing's filters and action.</summary>
    public string? RequestJson { get; private set; }

    /// <summary>When the running job last said it was alive; a running operation silent for longer than
    /// <see cref="RunningStaleAfter"/> was cut off (the portal stopped or crashed) and no longer blocks the store.</summary>
    public DateTime? HeartbeatAtUtc { get; private set; }

    /// <summary>The job beats every <see cref="HeartbeatInterval"/>; four missed beats mean it is gone.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RunningStaleAfter = TimeSpan.FromMinutes(2);
    /// <summary>A queued operation whose job never started (its trigger was lost with the node that queued it).</summary>
    public static readonly TimeSpan QueuedStaleAfter = TimeSpan.FromMinutes(10);

    public const string InterruptedMessage =
        "Interrupted: the portal stopped while this operation was running (or before it started); what was done is kept, run it again.";

    /// <summary>Whether an active operation of kind <paramref name="running"/> keeps one of kind <paramref name="wanted"/>
    /// from starting: the catalog operations exclude each other, Load Orders excludes only a second Load Orders.</summary>
    public static bool Excludes(CatalogOperationKind running, CatalogOperationKind wanted) =>
        (running == CatalogOperationKind.LoadOrders) == (wanted == CatalogOperationKind.LoadOrders);

    public bool IsActive => Status is CatalogOperationStatus.Queued or CatalogOperationStatus.Running;

    public bool IsStale(DateTime now) => Status switch
    {
        CatalogOperationStatus.Running => (HeartbeatAtUtc ?? StartedAtUtc ?? RequestedAtUtc) < now - RunningStaleAfter,
        CatalogOperationStatus.Queued => RequestedAtUtc < now - QueuedStaleAfter,
        _ => false,
    };

    /// <summary>Marks a stale operation failed as interrupted, which lets the store's next operation start.</summary>
    public void Interrupt(DateTime now)
    {
        if (IsStale(now))
        {
            Fail(InterruptedMessage, now);
        }
    }

    public static CatalogOperation Queue(int organizationId, int storeId, CatalogOperationKind kind, bool dryRun,
        string requestedBy, DateTime now, string? requestJson = null) => new()
    {
        OrganizationId = organizationId,
        StoreId = storeId,
        Kind = kind,
        DryRun = dryRun,
        Status = CatalogOperationStatus.Queued,
        RequestedBy = requestedBy,
        RequestedAtUtc = now,
        Phase = "Waiting to start",
        RequestJson = requestJson,
    };

    public void Start(DateTime now)
    {
        if (Status != CatalogOperationStatus.Queued)
        {
            throw new DomainException($"The operation is {Status.ToString().ToLowerInvariant()}; only a queued one starts.");
        }

        Status = CatalogOperationStatus.Running;
        StartedAtUtc = now;
        HeartbeatAtUtc = now;
    }

    public void Progress(string phase, int done, int total)
    {
        Phase = phase;
        Done = Math.Max(0, done);
        Total = Math.Max(0, total);
    }

    public void RequestCancel()
    {
        if (IsActive)
        {
            CancelRequested = true;
        }
    }

    public void Complete(string resultJson, DateTime now) => Finish(CatalogOperationStatus.Completed, resultJson, null, now);

    public void Cancelled(string? resultJson, DateTime now) => Finish(CatalogOperationStatus.Cancelled, resultJson, null, now);

    public void Fail(string error, DateTime now) => Finish(CatalogOperationStatus.Failed, ResultJson, error, now);

    private void Finish(CatalogOperationStatus status, string? resultJson, string? error, DateTime now)
    {
        Status = status;
        ResultJson = resultJson is { Length: > MaxResultLength } ? null : resultJson;
        Error = error is { Length: > 2000 } ? error[..2000] : error;
        FinishedAtUtc = now;
        Phase = status.ToString();
    }
}
