using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using Portal.WooCommerce;
using Portal.Tests.Infrastructure;
using Quartz;

namespace Portal.Tests.Integrations;

public sealed class MaintainStoresJobTests
{
    [Fact]
    public async Task Scheduler_HasTheMaintenanceJobWithItsIntervalTrigger()
    {
        await using var portal = await new PortalFactory().StartAsync();

        var scheduler = await portal.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var trigger = (await scheduler.GetTriggersOfJob(MaintainStoresJob.Key)).Single().ShouldBeAssignableTo<ISimpleTrigger>()!;
        trigger.Key.ShouldBe(MaintainStoresJob.TriggerKey);
        trigger.RepeatInterval.ShouldBe(TimeSpan.FromMinutes(15));
        trigger.RepeatCount.ShouldBe(-1, "forever");
        trigger.StartTimeUtc.ShouldBeGreaterThan(DateTimeOffset.UtcNow, "the first run waits until the portal has started");
        (await scheduler.GetJobDetail(MaintainStoresJob.Key))!.ConcurrentExecutionDisallowed.ShouldBeTrue();
    }

    [Fact]
    public async Task Job_WhenTheSchedulerRuns_ThenRemovesAnInterruptedStoreThatHasNotAnsweredFor24Hours()
    {
        await using var portal = new PortalFactory().With("Scheduler:Enabled", "true").With("StoreMaintenance:FirstRunAfter", "00:00:00");
        await portal.StartAsync();
        var (org, _, _) = await portal.CreateOrganizationAsync();
        var secrets = portal.Services.GetRequiredService<StoreSecrets>();
        await using (var db = portal.OpenDatabase(Portal.Data.Tenancy.FixedTenant.For(org)))
        {
            db.Stores.Add(new ConnectedStore
            {
                PublicKey = "0123456789abcdef0123456789abcdef", Name = "Gone", Url = "http://127.0.0.1:1", NormalizedUrl = "127.0.0.1:1",
                ConnectionMethod = StoreConnectionMethod.Classic, ProtectedConsumerKey = secrets.Protect("ck_0123456789"),
                ProtectedConsumerSecret = secrets.Protect("cs_0123456789"), ProtectedWebhookSecret = secrets.Protect("secret"),
                Status = StoreStatus.Connecting, ConnectedAtUtc = DateTime.UtcNow.AddHours(-25),
            });
            await db.SaveChangesAsync();
        }

        // The first run may have passed before the store existed: run it again, as the next interval would.
        var scheduler = await portal.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(MaintainStoresJob.Key);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        int left;
        do
        {
            await Task.Delay(200);
            await using var db = portal.OpenDatabase(Portal.Data.Tenancy.FixedTenant.For(org));
            left = await db.Stores.CountAsync();
        }
        while (left > 0 && DateTime.UtcNow < deadline);

        left.ShouldBe(0);
    }
}
