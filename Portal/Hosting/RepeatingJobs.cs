using Quartz;

namespace Portal.Hosting;

/// <summary>
/// The one way a background job is put on a timer. Every repeating job in the portal is a sweep whose next run does
/// the same work as a missed one, so a run missed while the scheduler was busy is dropped, not replayed.
/// </summary>
public static class RepeatingJobs
{
    /// <summary>The trigger <see cref="AddRepeatingJob{T}"/> gives a job, so a test can find it.</summary>
    public static TriggerKey TriggerFor(JobKey job) => new($"{job.Name}-every-interval", job.Group);

    public static void AddRepeatingJob<T>(this IQuartzBuilder quartz, JobKey key, TimeSpan interval, DateTimeOffset firstRunAt)
        where T : IJob
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        quartz.AddJob<T>(j => j.WithIdentity(key));
        quartz.AddTrigger(t => t.ForJob(key).WithIdentity(TriggerFor(key))
            .StartAt(firstRunAt)
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
    }
}
