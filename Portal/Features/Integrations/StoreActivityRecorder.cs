using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.WooCommerce;

namespace Portal.Features.Integrations;

/// <summary>
/// Persists every call the WooCommerce client makes as the store's activity log. <see cref="Record"/> only queues
/// (a call never waits for the database); a background writer stores the queue in batches and moves the store's
/// "last successful call". When the queue is full the oldest entries are dropped: the log is diagnostic, the sync is not.
/// Calls made before a store is saved (the checks of a connection attempt) wait a few minutes for it: a connection
/// that succeeds keeps its checks in the log, one that is refused leaves nothing.
/// </summary>
public sealed class StoreActivityRecorder(IPortalDbContextFactory dbFactory, TimeProvider clock, ILogger<StoreActivityRecorder> logger)
    : BackgroundService, IWooCallRecorder
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    /// <summary>How long the calls of a store not saved yet wait for it.</summary>
    public static readonly TimeSpan UnsavedStoreWait = TimeSpan.FromMinutes(10);

    private const int MaxWaiting = 1_000;
    private readonly List<WooCall> _waiting = [];
    private readonly Channel<WooCall> _queue = Channel.CreateBounded<WooCall>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Dictionary<string, (int OrganizationId, int StoreId)> _stores = [];
    private long _written;

    public void Record(WooCall call) => _queue.Writer.TryWrite(call);

    /// <summary>Calls stored so far (tests wait on it).</summary>
    public long Written => Interlocked.Read(ref _written);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<WooCall>();
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            // The calls still waiting for their store go first: they are older.
            var waitedSince = clock.GetUtcNow() - UnsavedStoreWait;
            batch.AddRange(_waiting.Where(c => c.Timestamp >= waitedSince));
            _waiting.Clear();
            while (batch.Count < 500 + MaxWaiting && _queue.Reader.TryRead(out var call))
            {
                batch.Add(call);
            }

            try
            {
                await WriteAsync(batch, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "{Count} store calls could not be written to the activity log", batch.Count);
            }

            batch.Clear();
        }
    }

    private async Task WriteAsync(List<WooCall> batch, CancellationToken ct)
    {
        foreach (var group in batch.GroupBy(c => c.StoreKey))
        {
            if (await FindStoreAsync(group.Key, ct) is not { } store)
            {
                _waiting.AddRange(group.TakeLast(MaxWaiting - _waiting.Count));
                continue;
            }

            await using var db = dbFactory.CreateForOrganization(store.OrganizationId);
            db.StoreActivity.AddRange(group.Select(c => new StoreActivity
            {
                StoreId = store.StoreId,
                AtUtc = c.Timestamp.UtcDateTime,
                Method = c.Method,
                Path = c.Path.Length > 1000 ? c.Path[..1000] : c.Path,
                Status = c.Status,
                DurationMs = (int)Math.Min(int.MaxValue, c.Duration.TotalMilliseconds),
                Attempt = c.Attempt,
                ErrorKind = c.ErrorKind?.ToString(),
                Subject = c.Subject is { Length: > 200 } subject ? subject[..200] : c.Subject,
            }));
            await db.SaveChangesAsync(ct);
            if (group.Where(c => c.Status is >= 200 and < 300).Select(c => (DateTime?)c.Timestamp.UtcDateTime).Max() is { } lastSuccess)
            {
                await db.Stores.Where(s => s.Id == store.StoreId && (s.LastSuccessfulCallAtUtc == null || s.LastSuccessfulCallAtUtc < lastSuccess))
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSuccessfulCallAtUtc, lastSuccess), ct);
            }

            var cutoff = clock.GetUtcNow().UtcDateTime - Retention;
            await db.StoreActivity.Where(a => a.StoreId == store.StoreId && a.AtUtc < cutoff).ExecuteDeleteAsync(ct);
            Interlocked.Add(ref _written, group.Count());
        }
    }

    private async Task<(int OrganizationId, int StoreId)?> FindStoreAsync(string storeKey, CancellationToken ct)
    {
        if (_stores.TryGetValue(storeKey, out var known))
        {
            return known;
        }

        await using var db = dbFactory.Create(FixedTenant.None);
        // The client names stores by their public key, not by organization; new credentials being tried for a store
        // are logged under it, so a merchant sees why a change was refused.
        var publicKey = storeKey.EndsWith(StorePaths.CandidateSuffix, StringComparison.Ordinal)
            ? storeKey[..^StorePaths.CandidateSuffix.Length]
            : storeKey;
        var found = await db.Stores.IgnoreQueryFilters().AsNoTracking().Where(s => s.PublicKey == publicKey)
            .Select(s => new { s.OrganizationId, s.Id }).SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        return _stores[storeKey] = (found.OrganizationId, found.Id);
    }
}

public sealed record ActivityFilter(string? Method = null, bool FailuresOnly = false, string? PathContains = null)
{
    /// <summary>The method filter's choice that lists the webhook deliveries the store sent.</summary>
    public const string Received = "Received";
}

/// <summary>One line of the activity log: a call the portal made, or a webhook delivery the store sent.</summary>
public sealed record ActivityRow(
    DateTime AtUtc, string Method, string Path, int? Status, int? DurationMs, int? Attempt, string? ErrorKind, string Description)
{
    public bool IsDelivery => Method == ActivityFilter.Received;
}

/// <summary>
/// One page of a store's activity log, newest first: its calls and its received deliveries merged by time. The same
/// query serves the merchant and support.
/// </summary>
public static class StoreActivityQuery
{
    public static async Task<(IReadOnlyList<ActivityRow> Items, int Total)> PageAsync(PortalDbContext db, int storeId,
        ActivityFilter filter, int page, int pageSize, CancellationToken ct)
    {
        var calls = Calls(db, storeId, filter);
        var deliveries = Deliveries(db, storeId, filter);
        var total = (calls is null ? 0 : await calls.CountAsync(ct)) + (deliveries is null ? 0 : await deliveries.CountAsync(ct));

        // Each source contributes at most the rows up to the end of the page; merging them gives the page.
        var upTo = (page + 1) * pageSize;
        var rows = new List<ActivityRow>();
        if (calls is not null)
        {
            rows.AddRange((await calls.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Take(upTo).ToListAsync(ct))
                .Select(a => new ActivityRow(a.AtUtc, a.Method, a.Path, a.Status, a.DurationMs, a.Attempt, a.ErrorKind,
                    StoreCallDescription.Describe(a.Method, a.Path, a.Subject))));
        }

        if (deliveries is not null)
        {
            rows.AddRange((await deliveries.OrderByDescending(d => d.ReceivedAtUtc).ThenByDescending(d => d.Id).Take(upTo)
                    .Select(d => new { d.ReceivedAtUtc, d.Topic, d.ResourceId, d.DeliveryId }).ToListAsync(ct))
                .Select(d => new ActivityRow(d.ReceivedAtUtc, ActivityFilter.Received, $"delivery {d.DeliveryId}", null, null, null, null,
                    $"Received webhook {d.Topic}{(d.ResourceId is null ? "" : $" for {Resource(d.Topic)} {d.ResourceId}")}")));
        }

        return (rows.OrderByDescending(r => r.AtUtc).Skip(page * pageSize).Take(pageSize).ToList(), total);
    }

    private static string Resource(string topic) => topic.Split('.')[0];

    private static IQueryable<StoreActivity>? Calls(PortalDbContext db, int storeId, ActivityFilter filter)
    {
        if (filter.Method == ActivityFilter.Received)
        {
            return null;
        }

        var query = db.StoreActivity.AsNoTracking().Where(a => a.StoreId == storeId);
        if (!string.IsNullOrEmpty(filter.Method))
        {
            query = query.Where(a => a.Method == filter.Method);
        }

        if (filter.FailuresOnly)
        {
            query = query.Where(a => a.Status == null || a.Status >= 400);
        }

        if (!string.IsNullOrWhiteSpace(filter.PathContains))
        {
            var text = filter.PathContains.Trim();
            query = query.Where(a => a.Path.Contains(text));
        }

        return query;
    }

    private static IQueryable<WebhookInboxEntry>? Deliveries(PortalDbContext db, int storeId, ActivityFilter filter)
    {
        // A delivery is never a failure of the portal's calls, and has no method but its own choice.
        if (filter.FailuresOnly || (!string.IsNullOrEmpty(filter.Method) && filter.Method != ActivityFilter.Received))
        {
            return null;
        }

        var query = db.WebhookInbox.AsNoTracking().Where(d => d.StoreId == storeId);
        if (!string.IsNullOrWhiteSpace(filter.PathContains))
        {
            var text = filter.PathContains.Trim();
            query = query.Where(d => d.Topic.Contains(text));
        }

        return query;
    }
}
