using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain;
using Portal.Domain.Integrations;
using Portal.Domain.Orders;
using Portal.Domain.Organizations;
using Portal.Domain.Stock;
using Portal.Features.Common;
using Portal.Features.Stock;
using Portal.Features.StoreCatalog;

namespace Portal.Features.Orders;

/// <summary>
/// What a user with the Integration permission (or an administrator) does to a store's orders: delete a Log entry
/// so that the order can be captured again, load orders from a date, retry or re-run a stored delivery. Support
/// staff and read-only users are refused before anything is read.
/// </summary>
public sealed class OrderLogCommands(
    UnitOfWork unitOfWork, CatalogOperations operations, OrderInboxSignal signal, TimeProvider clock)
{
    public const string What = "the store's orders";
    public static readonly TimeSpan LoadLimit = TimeSpan.FromDays(365);

    /// <summary>Deletes a Log entry: the order may then be captured again. Its pending order, not yet a sale, goes
    /// with it (and its stock is released), so a recapture cannot make a second one; a sale is never touched.</summary>
    public Task<OperationResult<bool>> DeleteEntryAsync(ITenantContext tenant, int storeId, long entryId, CancellationToken ct = default) =>
        unitOfWork.RunAsync(tenant, Permissions.IntegrationWooCommerce, What, async (db, organizationId, token) =>
        {
            var entry = await db.OrderLog.SingleOrDefaultAsync(e => e.Id == entryId && e.StoreId == storeId, token)
                        ?? throw new DomainException("This Log entry does not exist (any more).");
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            if (entry.PendingOrderId is { } pendingId && await db.PendingOrders.SingleOrDefaultAsync(p => p.Id == pendingId, token) is { } pending)
            {
                await ReleaseAsync(db, organizationId, [pending], clock.GetUtcNow().UtcDateTime, token);
                db.PendingOrders.Remove(pending);
            }

            db.OrderLog.Remove(entry);
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return true;
        }, ct);

    /// <summary>Releases every allocation of the pending orders (through the ledger, so other stores hear of it).</summary>
    public static async Task ReleaseAsync(PortalDbContext db, int organizationId, IReadOnlyList<PendingOrder> orders, DateTime now, CancellationToken ct)
    {
        var ids = orders.Select(o => o.Id).ToList();
        var ledger = await LedgerLoading.LoadOwnAllocationsAsync(db, organizationId, now, AllocationSource.PendingOrder, ids, ct);
        // Every row loaded is one of theirs: released in the order loaded (one pass, however many orders).
        foreach (var allocation in ledger.Allocations.ToList())
        {
            ledger.SetAllocation(allocation.Source, allocation.SourceId, allocation.ProductId, allocation.LocationId, 0m);
        }

        LedgerLoading.Stage(db, ledger);
    }

    /// <summary>Queues Load Orders of the store's orders created from <paramref name="fromUtc"/> (at most a year back): it
    /// runs in the background (<see cref="LoadOrders"/>), one at a time per store, with its progress and result on the
    /// operation's row.</summary>
    public async Task<OperationResult<long>> QueueLoadOrdersAsync(ITenantContext tenant, int storeId, DateTime fromUtc, string requestedBy,
        CancellationToken ct = default)
    {
        if (Refusal(tenant) is { } refusal)
        {
            return OperationResult<long>.From(refusal);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var earliest = (now - LoadLimit).Date;
        if (fromUtc.Kind != DateTimeKind.Utc || fromUtc < earliest || fromUtc > now)
        {
            return OperationResult<long>.From(OperationResult.Fail(
                $"Orders can be loaded from a date within the last year: from {earliest:yyyy-MM-dd} to today."));
        }

        return await operations.QueueAsync(tenant, storeId, CatalogOperationKind.LoadOrders, dryRun: false, requestedBy,
            new LoadOrdersRequest(fromUtc).ToJson(), ct);
    }

    /// <summary>Hands a stored delivery to the order drain again: a stopped one (Retry) or one already processed
    /// (re-run). The delivery only names an order, which is read from the store again, so a re-run is harmless.</summary>
    public async Task<OperationResult<bool>> RerunDeliveryAsync(ITenantContext tenant, int storeId, long deliveryRowId, CancellationToken ct = default)
    {
        var result = await unitOfWork.RunAsync(tenant, Permissions.IntegrationWooCommerce, What, async (db, _, token) =>
        {
            var updated = await db.WebhookInbox.Where(w => w.Id == deliveryRowId && w.StoreId == storeId
                    && w.Topic.StartsWith(DrainOrderInbox.TopicPrefix) && (w.ClaimedUntilUtc == null || w.ClaimedBy == null))
                .ExecuteUpdateAsync(u => u.SetProperty(w => w.ProcessedAtUtc, (DateTime?)null).SetProperty(w => w.Attempts, 0)
                    .SetProperty(w => w.ClaimedBy, (string?)null).SetProperty(w => w.ClaimedUntilUtc, (DateTime?)null)
                    .SetProperty(w => w.LastError, (string?)null), token);
            return updated == 1 ? true : throw new DomainException("This delivery is not an order delivery of the store, or it is being handled right now.");
        }, ct);
        if (result.Succeeded)
        {
            signal.Notify();
        }

        return result;
    }

    private static OperationResult? Refusal(ITenantContext tenant)
    {
        if (ActingUserChecks.Refusal(tenant, Permissions.IntegrationWooCommerce | Permissions.Administrator, What) is { } refusal)
        {
            return refusal;
        }

        return tenant.Access != TenantAccess.Organization || tenant.OrganizationId is null
            ? OperationResult.Fail(tenant.Access == TenantAccess.SupportReadOnly ? "Support access is read-only." : "Sign in to an organization first.")
            : null;
    }
}
