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
/// Calls made before a store is saved (the checks of a connection attempt) belong to no store and are not kept.
/// </summary>
public sealed class StoreActivityRecorder(IPortalDbContextFactory dbFactory, ILogger<StoreActivityRecorder> logger)
    : BackgroundService, IWooCallRecorder
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);
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
            while (batch.Count < 500 && _queue.Reader.TryRead(out var call))
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
            }));
            await db.SaveChangesAsync(ct);
            if (group.Where(c => c.Status is >= 200 and < 300).Select(c => (DateTime?)c.Timestamp.UtcDateTime).Max() is { } lastSuccess)
            {
                await db.Stores.Where(s => s.Id == store.StoreId && (s.LastSuccessfulCallAtUtc == null || s.LastSuccessfulCallAtUtc < lastSuccess))
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSuccessfulCallAtUtc, lastSuccess), ct);
            }

            var cutoff = DateTime.UtcNow - Retention;
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

public sealed record ActivityFilter(string? Method = null, bool FailuresOnly = false, string? PathContains = null);

/// <summary>One page of a store's activity log, newest first; the same query serves the merchant and support.</summary>
public static class StoreActivityQuery
{
    public static async Task<(IReadOnlyList<StoreActivity> Items, int Total)> PageAsync(PortalDbContext db, int storeId,
        ActivityFilter filter, int page, int pageSize, CancellationToken ct)
    {
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

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        return (items, total);
    }
}
