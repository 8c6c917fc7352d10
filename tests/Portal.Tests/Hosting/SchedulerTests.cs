using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Tests.Infrastructure;
using Quartz;

namespace Portal.Tests.Hosting;

public sealed class SchedulerTests
{
    [Fact]
    public async Task Scheduler_WhenAJobRunsTwice_ThenEachRunGetsItsOwnScope()
    {
        var key = new JobKey("probe-" + Guid.NewGuid().ToString("N"));
        await using var portal = new PortalFactory().With("Scheduler:Enabled", "true");
        portal.ConfigureTestServices = services => services.AddQuartz(q =>
        {
            q.AddJob<ProbeJob>(j => j.WithIdentity(key).UsingJobData("probe", key.Name));
            q.AddTrigger(t => t.ForJob(key).StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMilliseconds(50)).WithRepeatCount(1)));
        });
        await portal.StartAsync();

        var runs = ProbeJob.Contexts.GetOrAdd(key.Name, _ => new ConcurrentBag<PortalDbContext>());
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (runs.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        runs.Count.ShouldBe(2);
        runs.Distinct().Count().ShouldBe(2, "each run resolves its scoped services from a new scope");
    }

    // Receives the scoped context through its constructor, as real jobs will.
    private sealed class ProbeJob(PortalDbContext db) : IJob
    {
        public static readonly ConcurrentDictionary<string, ConcurrentBag<PortalDbContext>> Contexts = new();

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            Contexts.GetOrAdd(context.MergedJobDataMap.GetString("probe")!, _ => []).Add(db);
            return ValueTask.CompletedTask;
        }
    }
}
