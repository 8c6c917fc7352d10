using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.WooCommerce;

namespace Portal.Features.Orders;

/// <summary>
/// The safety net under webhooks, for every store, always: WooCommerce never resends a failed delivery and disables
/// a webhook after repeated failures. Asks each store for the orders modified after its watermark (the latest
/// <c>date_modified_gmt</c> handled, minus an overlap; in UTC with <c>dates_are_gmt</c>), and — since
/// <c>status=any</c> leaves trashed orders out — for the trashed ones too, and feeds them through the same path as
/// deliveries. The watermark moves only after every order read was handled, so an interrupted poll is repeated.
/// </summary>
public sealed class PollOrders(
    IPortalDbContextFactory dbFactory, StoreClients clients, CaptureOrders capture, IOptions<OrderPollingOptions> options,
    ILogger<PollOrders> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        List<(int OrganizationId, int StoreId)> stores;
        await using (var db = dbFactory.Create(FixedTenant.None))
        {
            stores = (await db.Stores.IgnoreQueryFilters().AsNoTracking().Where(s => s.Status == StoreStatus.Connected)
                .Select(s => new { s.OrganizationId, s.Id }).ToListAsync(ct)).Select(s => (s.OrganizationId, s.Id)).ToList();
        }

        foreach (var (organizationId, storeId) in stores)
        {
            try
            {
                await PollStoreAsync(organizationId, storeId, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // One store that does not answer must not keep the others from being polled.
                logger.LogWarning(e, "Polling the orders of store {StoreId} failed; the next poll asks again", storeId);
            }
        }
    }

    public async Task PollStoreAsync(int organizationId, int storeId, CancellationToken ct)
    {
        ConnectedStore? store;
        await using (var db = dbFactory.CreateForOrganization(organizationId))
        {
            store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, ct);
        }

        if (store is not { Status: StoreStatus.Connected })
        {
            return;
        }

        var watermark = store.OrdersPolledUntilUtc ?? store.ConnectedAtUtc;
        var since = watermark - options.Value.Overlap;
        var client = clients.For(store);
        var latest = watermark;
        var orders = new List<WooOrder>();
        await foreach (var order in client.IterateOrdersAsync(new WooOrderQuery { ModifiedAfter = since }, ct))
        {
            orders.Add(order);
        }

        var trashed = new List<long>();
        await foreach (var order in client.IterateOrdersAsync(new WooOrderQuery { ModifiedAfter = since, Status = ["trash"] }, ct))
        {
            trashed.Add(order.Id);
            latest = Later(latest, order.DateModifiedGmt);
        }

        foreach (var chunk in orders.Chunk(CaptureOrders.IncludeLimit))
        {
            await capture.ApplyAsync(store, chunk, live: true, ct);
        }

        // A trashed order is confirmed by reading it alone (GET orders/{id}), as for a delivery.
        await capture.HandleIdsAsync(store, trashed, ct);
        latest = orders.Aggregate(latest, (max, o) => Later(max, o.DateModifiedGmt));
        if (latest > watermark)
        {
            await using var db = dbFactory.CreateForOrganization(organizationId);
            await db.Stores.Where(s => s.Id == storeId && (s.OrdersPolledUntilUtc == null || s.OrdersPolledUntilUtc < latest))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.OrdersPolledUntilUtc, latest), ct);
        }
    }

    private static DateTime Later(DateTime a, DateTime? b) => b is { } value && value > a ? value : a;
}
