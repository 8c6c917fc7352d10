using Portal.Hosting;
using Quartz;

namespace Portal.Features.Orders;

/// <summary>Pending orders into sales: processed at once (or on Process), or consolidated daily.</summary>
public static class OrderProcessingServices
{
    public static IServiceCollection AddOrderProcessing(this IServiceCollection services)
    {
        services.AddScoped<ProcessPendingOrders>();
        services.AddScoped<ConsolidateOrders>();
        return services;
    }
}

/// <summary>
/// Makes the sales of the stores that process automatically, within moments of capture: every
/// <see cref="Interval"/> it processes whatever is ready (the pending orders are the durable record, so a crash loses
/// nothing — the next round takes them). Runs only with the scheduler on.
/// </summary>
public sealed class ProcessPendingOrdersWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ProcessPendingOrdersWorker> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ProcessPendingOrders>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Processing pending orders failed");
            }

            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>
/// Wakes every minute and runs the daily consolidation of each store whose consolidation time (on its own clock) has
/// come; <see cref="Portal.Domain.Integrations.Orders.ConsolidationSchedule"/> decides, so a daylight-saving change moves
/// nothing and a settings change needs no rescheduling. Two runs never overlap; the recorded run makes each day once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ConsolidateOrdersJob(ConsolidateOrders consolidate) : IJob
{
    public static readonly JobKey Key = new("consolidate-orders", "orders");
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await consolidate.RunAsync(cancellationToken);

    public static void Register(IQuartzBuilder quartz, DateTimeOffset startedAt)
    {
        quartz.AddRepeatingJob<ConsolidateOrdersJob>(Key, Interval, startedAt + Interval);
    }
}
