using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Integrations;
using Portal.Features.Orders;
using Portal.Features.Refunds;
using Portal.Features.StockSync;
using Portal.Features.StoreCatalog;
using Portal.Features.TrackingExport;
using Portal.Hosting;
using Portal.Tests.Infrastructure;
using Quartz;

namespace Portal.Tests.Hosting;

public sealed class RepeatingJobsTests
{
    public static TheoryData<string, string, double> Jobs => new()
    {
        { MaintainStoresJob.Key.Name, MaintainStoresJob.Key.Group, TimeSpan.FromMinutes(15).TotalSeconds },
        { StockSyncSweepJob.Key.Name, StockSyncSweepJob.Key.Group, 15 },
        { SweepCatalogOperationsJob.Key.Name, SweepCatalogOperationsJob.Key.Group, 60 },
        { ProcessProductDeliveriesJob.Key.Name, ProcessProductDeliveriesJob.Key.Group, 10 },
        { PollOrdersJob.Key.Name, PollOrdersJob.Key.Group, TimeSpan.FromMinutes(5).TotalSeconds },
        { ExportTrackingJob.Key.Name, ExportTrackingJob.Key.Group, 10 },
        { ApplyStoreRefundsJob.Key.Name, ApplyStoreRefundsJob.Key.Group, 15 },
        { ConsolidateOrdersJob.Key.Name, ConsolidateOrdersJob.Key.Group, 60 },
    };

    [Theory]
    [MemberData(nameof(Jobs))]
    public async Task EverySweep_RepeatsForeverAtItsInterval_AndDropsRunsMissedWhileBusy(string name, string group, double intervalSeconds)
    {
        await using var portal = await new PortalFactory().StartAsync();
        var scheduler = await portal.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var key = new JobKey(name, group);

        var trigger = (await scheduler.GetTriggersOfJob(key)).Single().ShouldBeAssignableTo<ISimpleTrigger>()!;

        trigger.Key.ShouldBe(RepeatingJobs.TriggerFor(key));
        trigger.RepeatInterval.ShouldBe(TimeSpan.FromSeconds(intervalSeconds));
        trigger.RepeatCount.ShouldBe(-1, "forever");
        trigger.MisfireInstruction.ShouldBe(SimpleTriggerMisfireInstruction.NextWithRemainingCount);
        trigger.StartTimeUtc.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddSeconds(-5), "the first run waits for the portal to start");
    }
}
