using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Hosting;
using Quartz;

namespace Portal.Features.StoreCatalog;

/// <summary>
/// Drains the product deliveries of the webhook inbox (and only those: order deliveries belong to the orders
/// processor) and hands their product ids, per store, to <see cref="RefreshStoreProducts"/>. A row is claimed with a
/// conditional update (processed only if nobody processed it yet), so two runners — two nodes, or a run and a slow
/// one before it — never act on one row; when the refresh fails the claim is given back and the next run retries.
/// </summary>
public sealed class ProcessProductDeliveries(IPortalDbContextFactory dbFactory, RefreshStoreProducts refresh, TimeProvider clock,
    ILogger<ProcessProductDeliveries> logger)
{
    public static readonly string[] Topics = ["product.updated", "product.deleted", "product.created", "product.restored"];

    /// <returns>How many deliveries were processed.</returns>
    public async Task<int> RunAsync(int max = 500, CancellationToken ct = default)
    {
        List<(long Id, int OrganizationId, int StoreId, string? ResourceId)> pending;
        await using (var lookup = dbFactory.Create(FixedTenant.None))
        {
            // Across organizations on purpose; each store's rows are then claimed in their organization's context.
            pending = (await lookup.WebhookInbox.IgnoreQueryFilters().AsNoTracking()
                .Where(w => w.ProcessedAtUtc == null && Topics.Contains(w.Topic)).OrderBy(w => w.Id).Take(max)
                .Select(w => new { w.Id, w.OrganizationId, w.StoreId, w.ResourceId }).ToListAsync(ct))
                .Select(w => (w.Id, w.OrganizationId, w.StoreId, w.ResourceId)).ToList();
        }

        var processed = 0;
        var failures = new List<Exception>();
        foreach (var store in pending.GroupBy(p => (p.OrganizationId, p.StoreId)))
        {
            await using var db = dbFactory.CreateForOrganization(store.Key.OrganizationId);
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = new List<(long Id, string? ResourceId)>();
            foreach (var row in store)
            {
                if (await db.WebhookInbox.Where(w => w.Id == row.Id && w.ProcessedAtUtc == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(w => w.ProcessedAtUtc, now), ct) == 1)
                {
                    claimed.Add((row.Id, row.ResourceId));
                }
            }

            if (claimed.Count == 0)
            {
                continue;
            }

            var productIds = claimed.Select(c => long.TryParse(c.ResourceId, out var id) ? id : 0).Where(id => id > 0).ToList();
            try
            {
                await refresh.RefreshAsync(store.Key.OrganizationId, store.Key.StoreId, productIds, ct);
                processed += claimed.Count;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Product deliveries of store {StoreId} not processed; they are retried", store.Key.StoreId);
                var ids = claimed.Select(c => c.Id).ToList();
                await db.WebhookInbox.Where(w => ids.Contains(w.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.ProcessedAtUtc, (DateTime?)null), CancellationToken.None);
                failures.Add(e);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Some stores' product deliveries could not be processed.", failures);
        }

        return processed;
    }
}

/// <summary>Drains product deliveries every few seconds; two runs never overlap on one node.</summary>
[DisallowConcurrentExecution]
public sealed class ProcessProductDeliveriesJob(ProcessProductDeliveries process) : IJob
{
    public static readonly JobKey Key = new("process-product-deliveries", "integrations");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await process.RunAsync(ct: cancellationToken);

    public static void Register(IQuartzBuilder quartz, DateTimeOffset startedAt)
    {
        quartz.AddRepeatingJob<ProcessProductDeliveriesJob>(Key, TimeSpan.FromSeconds(10), startedAt + TimeSpan.FromSeconds(5));
    }
}
