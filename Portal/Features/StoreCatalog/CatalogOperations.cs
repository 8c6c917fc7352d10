using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Domain.Organizations;
using Portal.Features.Common;
using Portal.Features.Integrations;
using Quartz;

namespace Portal.Features.StoreCatalog;

/// <summary>
/// Queues a store's catalog operations and cancels them. One operation of a store runs at a time: a second is refused
/// while the first is queued or running. The row is written first, then the job is triggered with its id; the job
/// finds everything it needs in the row.
/// </summary>
public sealed class CatalogOperations(UnitOfWork unitOfWork, ISchedulerFactory schedulers, TimeProvider clock)
{
    public const string What = "the store catalog";

    public async Task<OperationResult<long>> QueueAsync(ITenantContext tenant, int storeId, CatalogOperationKind kind,
        bool dryRun, string requestedBy, string? requestJson = null, CancellationToken ct = default)
    {
        var result = await unitOfWork.RunAsync(tenant, Permissions.IntegrationWooCommerce, What, async (db, organizationId, token) =>
        {
            var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, token)
                        ?? throw new Domain.DomainException("This store does not exist in your organization.");
            if (kind == CatalogOperationKind.BulkListing &&
                (BulkListingRequest.FromJson(requestJson) ?? throw new Domain.DomainException("Choose what the bulk listing does."))
                .Problem(storeId, StoreSettings.FromJson(store.SettingsJson)) is { } problem)
            {
                throw new Domain.DomainException(problem);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var active = await db.CatalogOperations.Where(o => o.StoreId == storeId &&
                (o.Status == CatalogOperationStatus.Queued || o.Status == CatalogOperationStatus.Running)).ToListAsync(token);
            active.ForEach(o => o.Interrupt(now));
            if (active.Any(o => o.IsActive && CatalogOperation.Excludes(o.Kind, kind)))
            {
                throw new Domain.DomainException(kind == CatalogOperationKind.LoadOrders
                    ? "Load Orders is already running for this store; wait for it to finish or cancel it."
                    : "Another catalog operation of this store is still running; wait for it to finish or cancel it.");
            }

            var operation = CatalogOperation.Queue(organizationId, storeId, kind, dryRun, requestedBy, now, requestJson);
            db.CatalogOperations.Add(operation);
            await db.SaveChangesAsync(token);
            return (operation.Id, organizationId);
        }, ct);
        if (!result.Succeeded)
        {
            return OperationResult<long>.From(result);
        }

        var (operationId, organization) = result.Value;
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(CatalogOperationJob.Key, new JobDataMap
        {
            [CatalogOperationJob.OrganizationIdKey] = organization,
            [CatalogOperationJob.OperationIdKey] = operationId,
        }, ct);
        return OperationResult<long>.Done(operationId);
    }

    public Task<OperationResult<bool>> CancelAsync(ITenantContext tenant, long operationId, CancellationToken ct = default) =>
        unitOfWork.RunAsync(tenant, Permissions.IntegrationWooCommerce, What, async (db, _, token) =>
        {
            var operation = await db.CatalogOperations.SingleOrDefaultAsync(o => o.Id == operationId, token)
                            ?? throw new Domain.DomainException("This operation does not exist.");
            operation.RequestCancel();
            await db.SaveChangesAsync(token);
            return operation.CancelRequested;
        }, ct);
}
