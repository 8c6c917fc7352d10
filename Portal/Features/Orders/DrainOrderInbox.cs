using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Domain.Orders;

namespace Portal.Features.Orders;

/// <summary>
/// Drains the order deliveries of the webhook inbox (topics <c>order.*</c> only; other topics belong to other
/// drains). Rows are claimed with a lease by one conditional UPDATE, so two processes never hold the same row; a
/// process that dies leaves a lease that expires. A claimed batch is handled store by store — the deliveries only
/// name orders, which are read from the store (<see cref="CaptureOrders.HandleIdsAsync"/>) — and marked processed
/// after; a crash in between repeats the work, which captures nothing twice. A row that keeps failing stops after
/// <see cref="OrderInboxOptions.MaxAttempts"/> with its error, until someone presses Retry.
/// </summary>
public sealed class DrainOrderInbox(
    IPortalDbContextFactory dbFactory, CaptureOrders capture, TimeProvider clock, IOptions<OrderInboxOptions> options,
    ILogger<DrainOrderInbox> logger)
{
    public const string TopicPrefix = "order.";
    private static readonly string Process = $"{Environment.MachineName}:{Environment.ProcessId}";
    private readonly OrderInboxOptions _options = options.Value;

    /// <summary>Handles every claimable order delivery, then captures orders whose tax mapping has been saved since.
    /// Returns the number of deliveries handled.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var handled = 0;
        while (true)
        {
            var (claim, rows) = await ClaimAsync(ct);
            if (rows.Count == 0)
            {
                break;
            }

            foreach (var group in rows.GroupBy(r => (r.OrganizationId, r.StoreId)))
            {
                await HandleStoreAsync(claim, group.Key.OrganizationId, group.Key.StoreId, group.ToList(), ct);
            }

            handled += rows.Count;
        }

        await CaptureWaitingAsync(ct);
        return handled;
    }

    private static Expression<Func<WebhookInboxEntry, bool>> Claimable(DateTime now, int maxAttempts) => w =>
        w.ProcessedAtUtc == null && w.Topic.StartsWith(TopicPrefix) && w.Attempts < maxAttempts
        && (w.ClaimedUntilUtc == null || w.ClaimedUntilUtc < now);

    private async Task<(string Claim, IReadOnlyList<WebhookInboxEntry> Rows)> ClaimAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = $"{Process}:{Guid.NewGuid():N}";
        await using var db = dbFactory.Create(FixedTenant.None);
        var candidates = await db.WebhookInbox.IgnoreQueryFilters().Where(Claimable(now, _options.MaxAttempts))
            .OrderBy(w => w.Id).Select(w => w.Id).Take(_options.BatchSize).ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return (claim, []);
        }

        // The condition is repeated in the UPDATE: a row another process claimed in between is not taken.
        var until = now + _options.Lease;
        await db.WebhookInbox.IgnoreQueryFilters().Where(w => candidates.Contains(w.Id)).Where(Claimable(now, _options.MaxAttempts))
            .ExecuteUpdateAsync(u => u.SetProperty(w => w.ClaimedBy, claim).SetProperty(w => w.ClaimedUntilUtc, until)
                .SetProperty(w => w.Attempts, w => w.Attempts + 1), ct);
        // By key: the claim alone has no index, and the inbox keeps every handled delivery.
        var rows = await db.WebhookInbox.IgnoreQueryFilters().AsNoTracking().Where(w => candidates.Contains(w.Id) && w.ClaimedBy == claim)
            .ToListAsync(ct);
        return (claim, rows);
    }

    private async Task HandleStoreAsync(string claim, int organizationId, int storeId, List<WebhookInboxEntry> rows, CancellationToken ct)
    {
        try
        {
            ConnectedStore? store;
            await using (var db = dbFactory.CreateForOrganization(organizationId))
            {
                store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, ct);
            }

            // A store being disconnected takes its inbox with it; one still connecting has no settings yet.
            if (store is { Status: StoreStatus.Connected })
            {
                var ids = rows.Select(r => long.TryParse(r.ResourceId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
                    .Where(id => id > 0).ToList();
                await capture.HandleIdsAsync(store, ids, ct);
            }

            await FinishAsync(claim, rows, null, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Order deliveries of store {StoreId} failed; they are tried again later", storeId);
            await FinishAsync(claim, rows, e, ct);
        }
    }

    private async Task FinishAsync(string claim, List<WebhookInboxEntry> rows, Exception? error, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = dbFactory.Create(FixedTenant.None);
        // Only while the claim is still ours: a row whose lease expired meanwhile belongs to whoever took it.
        var mine = db.WebhookInbox.IgnoreQueryFilters().Where(w => ids.Contains(w.Id) && w.ClaimedBy == claim);
        if (error is null)
        {
            await mine.ExecuteUpdateAsync(u => u.SetProperty(w => w.ProcessedAtUtc, now).SetProperty(w => w.ClaimedBy, (string?)null)
                .SetProperty(w => w.ClaimedUntilUtc, (DateTime?)null).SetProperty(w => w.LastError, (string?)null), ct);
            return;
        }

        var message = Describe(error);
        var retryAt = now + _options.RetryAfter * rows.Max(r => r.Attempts);
        await mine.ExecuteUpdateAsync(u => u.SetProperty(w => w.ClaimedBy, (string?)null)
            .SetProperty(w => w.ClaimedUntilUtc, retryAt).SetProperty(w => w.LastError, message), ct);
    }

    /// <summary>The error as support staff read it on the store page: WooCommerce errors are already redacted.</summary>
    private static string Describe(Exception error)
    {
        var text = error is WooCommerce.WooApiException woo ? $"{woo.Kind}: {woo.Message}" : $"{error.GetType().Name}: {error.Message}";
        return text.Length > 2000 ? text[..2000] : text;
    }

    private async Task CaptureWaitingAsync(CancellationToken ct)
    {
        List<(int OrganizationId, int StoreId)> stores;
        await using (var db = dbFactory.Create(FixedTenant.None))
        {
            stores = (await db.PendingOrders.IgnoreQueryFilters().Where(p => p.Status == PendingOrderStatus.NeedsTaxMapping)
                    .Select(p => new { p.OrganizationId, p.StoreId }).Distinct().ToListAsync(ct))
                .Select(s => (s.OrganizationId, s.StoreId)).ToList();
        }

        foreach (var (organizationId, storeId) in stores)
        {
            await using var db = dbFactory.CreateForOrganization(organizationId);
            if (await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, ct) is { } store)
            {
                await capture.CaptureWaitingAsync(store, ct);
            }
        }
    }
}
