using Portal.Hosting;
using Quartz;

namespace Portal.Features.Orders;

/// <summary>Runs <see cref="PollOrders"/> every <see cref="OrderPollingOptions.Interval"/>; two runs never overlap.</summary>
[DisallowConcurrentExecution]
public sealed class PollOrdersJob(PollOrders poll) : IJob
{
    public static readonly JobKey Key = new("poll-orders", "orders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await poll.RunAsync(cancellationToken);

    public static void Register(IQuartzBuilder quartz, OrderPollingOptions options, DateTimeOffset startedAt)
    {
        quartz.AddRepeatingJob<PollOrdersJob>(Key, options.Interval, startedAt + options.Interval);
    }
}
