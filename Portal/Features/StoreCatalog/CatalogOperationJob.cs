using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Integrations;
using Quartz;

namespace Portal.Features.StoreCatalog;

/// <summary>Runs one queued catalog operation (a download, a bulk listing) with the handler of its kind.</summary>
public sealed class CatalogOperationJob(RunCatalogOperation runner) : IJob
{
    public static readonly JobKey Key = new("catalog-operation", "integrations");
    public const string OrganizationIdKey = "organizationId";
    public const string OperationIdKey = "operationId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await runner.RunAsync(
            context.MergedJobDataMap.GetInt(OrganizationIdKey),
            context.MergedJobDataMap.GetLong(OperationIdKey),
            cancellationToken);

    public static void Register(IQuartzBuilder quartz) =>
        quartz.AddJob<CatalogOperationJob>(j => j.WithIdentity(Key).StoreDurably());
}

/// <summary>
/// Starts a queued operation, hands it to its handler and records how it ended: completed with the report,
/// cancelled at the user's request (what was written stays), or failed with the reason. A failure is rethrown
/// after it is recorded so the scheduler logs it too.
/// </summary>
public sealed class RunCatalogOperation(IPortalDbContextFactory dbFactory, IEnumerable<ICatalogOperationHandler> handlers,
    TimeProvider clock, ILogger<RunCatalogOperation> logger)
{
    public async Task RunAsync(int organizationId, long operationId, CancellationToken ct)
    {
        CatalogOperation operation;
        await using (var db = dbFactory.CreateForOrganization(organizationId))
        {
            operation = await db.CatalogOperations.SingleAsync(o => o.Id == operationId, ct);
            if (operation.Status != CatalogOperationStatus.Queued)
            {
                return;
            }

            if (operation.CancelRequested)
            {
                operation.Cancelled(null, Now);
                await db.SaveChangesAsync(ct);
                return;
            }

            operation.Start(Now);
            await db.SaveChangesAsync(ct);
        }

        var handler = handlers.Single(h => h.Kind == operation.Kind);
        using var beating = new CancellationTokenSource();
        var heartbeat = BeatAsync(organizationId, operationId, beating.Token);
        try
        {
            var report = await handler.RunAsync(new CatalogOperationRun(dbFactory, operation), ct);
            await FinishAsync(organizationId, operationId, o => o.Complete(report, Now));
        }
        catch (CatalogOperationCancelledException cancelled)
        {
            await FinishAsync(organizationId, operationId, o => o.Cancelled(cancelled.ResultJson, Now));
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Catalog operation {OperationId} ({Kind}) of store {StoreId} failed",
                operationId, operation.Kind, operation.StoreId);
            var message = exception is OperationCanceledException
                ? "The portal stopped while the operation was running; run it again."
                : exception.Message;
            await FinishAsync(organizationId, operationId, o => o.Fail(message, Now));
            throw;
        }
        finally
        {
            await beating.CancelAsync();
            await heartbeat;
        }
    }

    /// <summary>Tells the row the run is alive until <paramref name="ct"/> is cancelled: a run that stops beating
    /// (the portal crashed) is found stale and marked interrupted, so it does not block the store for ever.</summary>
    private async Task BeatAsync(int organizationId, long operationId, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(CatalogOperation.HeartbeatInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await using var db = dbFactory.CreateForOrganization(organizationId);
                    var now = Now;
                    await db.CatalogOperations.Where(o => o.Id == operationId && o.Status == CatalogOperationStatus.Running)
                        .ExecuteUpdateAsync(s => s.SetProperty(o => o.HeartbeatAtUtc, now), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Heartbeat of catalog operation {OperationId} not saved", operationId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task FinishAsync(int organizationId, long operationId, Action<CatalogOperation> finish)
    {
        // Not the job's token: a stopping portal must still record that the run ended.
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var operation = await db.CatalogOperations.SingleAsync(o => o.Id == operationId);
        if (operation.Status != CatalogOperationStatus.Running)
        {
            // Marked interrupted meanwhile (its heartbeat was lost): another operation may be running now.
            return;
        }

        finish(operation);
        await db.SaveChangesAsync();
    }
}
