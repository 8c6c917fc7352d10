using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Features.Integrations;
using Portal.Hosting;
using Quartz;

namespace Portal.Features.StockSync;

/// <summary>Pushes one store's stock changes. One job per store, so a store that is slow or down never holds up
/// another's run, and two runs of the same store never overlap.</summary>
[DisallowConcurrentExecution]
public sealed class PushStockJob(PushStock push) : IJob
{
    public const string Group = "stock-sync";
    public const string OrganizationIdKey = "organizationId";
    public const string StoreIdKey = "storeId";

    public static JobKey KeyFor(int organizationId, int storeId) => new($"push-stock-{organizationId}-{storeId}", Group);

    public static IJobDetail Detail(int organizationId, int storeId) => JobBuilder.Create<PushStockJob>()
        .WithIdentity(KeyFor(organizationId, storeId))
        .UsingJobData(OrganizationIdKey, organizationId)
        .UsingJobData(StoreIdKey, storeId)
        .StoreDurably()
        .Build();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await push.PushAsync(context.MergedJobDataMap.GetInt(OrganizationIdKey), context.MergedJobDataMap.GetInt(StoreIdKey),
            StockPushMode.Changes, cancellationToken);
}

/// <summary>
/// The safety net under the triggers: asks for a push to every store that updates stock levels (or still follows the
/// changes and must stop), so nothing waits longer than <see cref="StockSyncOptions.SweepInterval"/> — a change
/// committed on another node, a trigger lost in a restart, a failed store whose wait is over.
/// </summary>
[DisallowConcurrentExecution]
public sealed class StockSyncSweepJob(IPortalDbContextFactory contexts, IStockPushTrigger trigger) : IJob
{
    public static readonly JobKey Key = new("stock-sync-sweep", PushStockJob.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create(FixedTenant.None);
        // Across organizations on purpose; each push then runs in its store's organization.
        var stores = await db.Stores.IgnoreQueryFilters().AsNoTracking()
            .Select(s => new { s.OrganizationId, s.Id, s.SettingsJson, Following = s.StockChangesFollowedSinceUtc != null })
            .ToListAsync(cancellationToken);
        foreach (var store in stores.Where(s => s.Following || StoreSettings.FromJson(s.SettingsJson).UpdateStockLevels))
        {
            trigger.Request(store.OrganizationId, store.Id);
        }
    }

    public static void Register(IQuartzBuilder quartz, StockSyncOptions options, DateTimeOffset startedAt)
    {
        quartz.AddRepeatingJob<StockSyncSweepJob>(Key, options.SweepInterval, startedAt + options.SweepInterval);
    }
}
