using Portal.Hosting;
using Quartz;

namespace Portal.Features.Integrations;

/// <summary>Runs <see cref="MaintainStores"/> periodically; two runs never overlap (they would repair the same webhooks).</summary>
[DisallowConcurrentExecution]
public sealed class MaintainStoresJob(MaintainStores maintain) : IJob
{
    public static readonly JobKey Key = new("maintain-stores", "integrations");
    public static readonly TriggerKey TriggerKey = RepeatingJobs.TriggerFor(Key);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await maintain.RunAsync(cancellationToken);

    public static void Register(IQuartzBuilder quartz, StoreMaintenanceOptions options, DateTimeOffset startedAt)
    {
        quartz.AddRepeatingJob<MaintainStoresJob>(Key, options.Interval, startedAt + options.FirstRunAfter);
    }
}
