using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Hosting;
using Quartz;

namespace Portal.Features.StoreCatalog;

/// <summary>
/// Finds catalog operations left queued or running by a portal that stopped (no heartbeat for
/// <see cref="CatalogOperation.RunningStaleAfter"/>, or never started) and marks them failed as interrupted, so the
/// page shows what happened and the store's next operation can start. Queuing a new operation does the same for its
/// store; this sweep covers stores nobody is looking at.
/// </summary>
public sealed class SweepCatalogOperations(IPortalDbContextFactory dbFactory, TimeProvider clock)
{
    /// <returns>How many operations were marked interrupted.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<(int OrganizationId, long Id)> candidates;
        await using (var lookup = dbFactory.Create(FixedTenant.None))
        {
            // Across organizations on purpose; each row is then changed in its own organization's context.
            candidates = (await lookup.CatalogOperations.IgnoreQueryFilters().AsNoTracking()
                .Where(o => o.Status == CatalogOperationStatus.Queued || o.Status == CatalogOperationStatus.Running)
                .Select(o => new { o.OrganizationId, o.Id }).ToListAsync(ct))
                .Select(o => (o.OrganizationId, o.Id)).ToList();
        }

        var interrupted = 0;
        foreach (var organization in candidates.GroupBy(c => c.OrganizationId))
        {
            await using var db = dbFactory.CreateForOrganization(organization.Key);
            var ids = organization.Select(c => c.Id).ToList();
            var operations = await db.CatalogOperations.Where(o => ids.Contains(o.Id)).ToListAsync(ct);
            foreach (var operation in operations.Where(o => o.IsStale(now)))
            {
                operation.Interrupt(now);
                interrupted++;
            }

            await db.SaveChangesAsync(ct);
        }

        return interrupted;
    }
}

[DisallowConcurrentExecution]
public sealed class SweepCatalogOperationsJob(SweepCatalogOperations sweep) : IJob
{
    public static readonly JobKey Key = new("sweep-catalog-operations", "integrations");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await sweep.RunAsync(cancellationToken);

    public static void Register(IQuartzBuilder quartz, DateTimeOffset startedAt)
    {
        quartz.AddRepeatingJob<SweepCatalogOperationsJob>(Key, TimeSpan.FromMinutes(1), startedAt + TimeSpan.FromSeconds(30));
    }
}
