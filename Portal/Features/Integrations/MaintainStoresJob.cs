using Quartz;

namespace Portal.Features.Integrations;

/// <summary>Runs <see cref="MaintainStores"/> periodically; two runs never overlap (they would repair the same webhooks).</summary>
[DisallowConcurrentExecution]
public sealed class MaintainStoresJob(MaintainStores maintain) : IJob
{
    public static readonly JobKey Key = new("maintain-stores", "integrations");
    public static readonly TriggerKey TriggerKey = new("maintain-stores-every-interval", "integrations");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await maintain.RunAsync(cancellationToken);

    public static void Register(IQuartzBuilder quartz, StoreMaintenanceOptions options, DateTimeOffset startedAt)
    {
        quartz.AddJob<MaintainStoresJob>(j => j.WithIdentity(Key));
        quartz.AddTrigger(t => t.ForJob(Key).WithIdentity(TriggerKey)
            .StartAt(startedAt + options.FirstRunAfter)
            // A run missed while the scheduler was busy is not repeated: the next one does the same work.
            .WithSimpleSchedule(s => s.WithInterval(options.Interval).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
    }
}
