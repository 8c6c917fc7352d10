using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.StockSync;
using Portal.Tests.Infrastructure;
using Portal.Tests.Integrations;
using Quartz;

namespace Portal.Tests.StockSync;

/// <summary>The portal with its scheduler running; the sweep is an hour away, so only the trigger can push within the test.</summary>
public sealed class StockSyncSchedulerFixture : StorePortalFixture
{
    protected override void Configure(PortalFactory portal) => portal
        .With("Scheduler:Enabled", "true")
        .With("StockSync:SweepInterval", "01:00:00")
        .With("StockSync:CoalesceDelay", "00:00:00.200");
}

/// <summary>A stock change reaches the store by itself: the committed adjustment fires the trigger, the store's job runs.</summary>
public sealed class StockSyncTriggerTests(StockSyncSchedulerFixture fx) : IClassFixture<StockSyncSchedulerFixture>
{
    [Fact]
    public async Task Trigger_WhenStockIsAdjusted_ThenTheStoresJobRunsAndTheStoreHoldsTheNewQuantity()
    {
        await using var world = await StockSyncWorld.CreateAsync(fx, stores: 2);
        var product = await world.ProductAsync("TRIG-1");
        await world.LinkAsync(product, 12);
        var runs = new PushJobRuns();
        var scheduler = await fx.Portal.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        scheduler.ListenerManager.AddJobListener(runs, [GroupMatcher<JobKey>.GroupEquals(PushStockJob.Group)]);

        await world.AdjustAsync(product, 7);

        // Each job run is a signal; after each the test looks at both stores (the store holds the quantity a moment
        // before the portal has recorded it, so the backlog is looked at too), within a bound.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        async Task<bool> BothDoneAsync() =>
            StockSyncWorld.Quantity(world.Emulator(0), 12) == 7 && StockSyncWorld.Quantity(world.Emulator(1), 12) == 7
            && (await world.StateAsync(0)).Backlog == 0 && (await world.StateAsync(1)).Backlog == 0
            && (await world.ActivityAsync(0)).Count > 0 && (await world.ActivityAsync(1)).Count > 0;
        while (!await BothDoneAsync())
        {
            await runs.Executed.Reader.ReadAsync(deadline.Token);
        }

        (await world.ActivityAsync(1)).ShouldHaveSingleItem().ShouldStartWith("Stock push to Shop B: 1 quantity sent");
        scheduler.ListenerManager.RemoveJobListener(runs.Name);
    }

    private sealed class PushJobRuns : IJobListener
    {
        public Channel<JobKey> Executed { get; } = Channel.CreateUnbounded<JobKey>();

        public string Name { get; } = "stock-sync-test-" + Guid.NewGuid().ToString("N");

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            Executed.Writer.TryWrite(context.JobDetail.Key);
            return ValueTask.CompletedTask;
        }
    }
}
