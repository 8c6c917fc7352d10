using Microsoft.Extensions.Options;

namespace Portal.Features.Orders;

/// <summary>
/// Runs <see cref="DrainOrderInbox"/> within moments of a delivery (the receiver signals it) and, as a safety net,
/// every <see cref="OrderInboxOptions.SafetyInterval"/>. Runs only with the scheduler on; several nodes may each run
/// one, since rows are claimed with leases in the database.
/// </summary>
public sealed class OrderInboxWorker(
    IServiceScopeFactory scopes, OrderInboxSignal signal, TimeProvider clock, IOptions<OrderInboxOptions> options,
    ILogger<OrderInboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DrainOrderInbox>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The rows keep their leases and errors; the next run carries on.
                logger.LogError(e, "Draining the order inbox failed");
            }

            await signal.WaitAsync(options.Value.SafetyInterval, clock, stoppingToken);
        }
    }
}
