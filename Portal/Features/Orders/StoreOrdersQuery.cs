using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Integrations;
using Portal.Domain.Orders;

namespace Portal.Features.Orders;

public sealed record OrderLogFilter(DateTime? FromUtc = null, DateTime? ToUtc = null, OrderLogStatus? Status = null,
    string? OrderNumber = null, string? Customer = null);

public sealed record OrderLogRow(long Id, long WooOrderId, string OrderNumber, OrderLogStatus Status, string WooStatus, string? CustomerName,
    DateTime? OrderedAtUtc, DateTime LoggedAtUtc, int? PendingOrderId, int? SaleId, string? ChangesAfterCapture, string? Note);

public sealed record PendingOrderRow(int Id, long WooOrderId, string OrderNumber, PendingOrderStatus Status, string? Problem, string WooStatus,
    string? CustomerName, decimal Total, string Currency, DateTime CapturedAtUtc, int Lines, int ServiceLines, bool Paid);

public sealed record OrderDeliveryRow(long Id, string Topic, string? ResourceId, DateTime ReceivedAtUtc, DateTime? ProcessedAtUtc,
    int Attempts, string? LastError, bool Stopped);

/// <summary>What the store's Orders page reads: the Log (server-paged, filtered), pending orders and the order
/// deliveries that failed. Reads only; the context decides the organization.</summary>
public static class StoreOrdersQuery
{
    public const int MaxPageSize = 100;

    public static async Task<(IReadOnlyList<OrderLogRow> Rows, int Total)> LogAsync(PortalDbContext db, int storeId, OrderLogFilter filter,
        int page, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.OrderLog.AsNoTracking().Where(e => e.StoreId == storeId);
        if (filter.Status is { } status)
        {
            query = query.Where(e => e.Status == status);
        }

        if (filter.OrderNumber?.Trim() is { Length: > 0 } number)
        {
            // A prefix as a range, so both providers use the (store, status, number) index.
            var upper = number + "\uffff";
            query = query.Where(e => string.Compare(e.OrderNumber, number) >= 0 && string.Compare(e.OrderNumber, upper) < 0);
        }

        if (filter.Customer?.Trim() is { Length: > 0 } customer)
        {
            query = query.Where(e => e.CustomerName != null && e.CustomerName.Contains(customer));
        }

        if (filter.FromUtc is { } from)
        {
            query = query.Where(e => e.OrderedAtUtc >= from);
        }

        if (filter.ToUtc is { } to)
        {
            query = query.Where(e => e.OrderedAtUtc < to);
        }

        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await query.CountAsync(ct);
        // The page's ids first (only the filter's index and the ids sorted), then those rows: sorting whole rows of
        // tens of thousands of matching entries to keep 25 was most of the page's time over 1,000,000 entries.
        var ids = await query.OrderByDescending(e => e.Id).Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(e => e.Id).ToListAsync(ct);
        var rows = await db.OrderLog.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderByDescending(e => e.Id)
            .Select(e => new OrderLogRow(e.Id, e.WooOrderId, e.OrderNumber, e.Status, e.WooStatus, e.CustomerName, e.OrderedAtUtc,
                e.LoggedAtUtc, e.PendingOrderId, e.SaleId, e.ChangesAfterCapture, e.Note))
            .ToListAsync(ct);
        return (rows, total);
    }

    public static async Task<IReadOnlyList<PendingOrderRow>> PendingAsync(PortalDbContext db, int storeId, CancellationToken ct)
    {
        var orders = await db.PendingOrders.AsNoTracking().Where(p => p.StoreId == storeId)
            .OrderBy(p => p.Status).ThenByDescending(p => p.Id).Take(500).ToListAsync(ct);
        return orders.Select(p => new PendingOrderRow(p.Id, p.WooOrderId, p.OrderNumber, p.Status, p.Problem, p.WooStatus, p.CustomerName,
            p.Total, p.Currency, p.CapturedAtUtc, p.Lines.Count(l => l.Kind is PendingOrderLineKind.Product or PendingOrderLineKind.Service),
            p.Lines.Count(l => l.Kind == PendingOrderLineKind.Service), p.Payments.Count > 0)).ToList();
    }

    /// <summary>The store's order deliveries, those with an error first (stopped ones need a Retry).</summary>
    public static async Task<IReadOnlyList<OrderDeliveryRow>> DeliveriesAsync(PortalDbContext db, int storeId, int maxAttempts, CancellationToken ct) =>
        await db.WebhookInbox.AsNoTracking()
            .Where(w => w.StoreId == storeId && w.Topic.StartsWith(DrainOrderInbox.TopicPrefix))
            .OrderByDescending(w => w.LastError != null).ThenByDescending(w => w.Id).Take(100)
            .Select(w => new OrderDeliveryRow(w.Id, w.Topic, w.ResourceId, w.ReceivedAtUtc, w.ProcessedAtUtc, w.Attempts, w.LastError,
                w.ProcessedAtUtc == null && w.Attempts >= maxAttempts))
            .ToListAsync(ct);

    public static string Describe(OrderLogStatus status) => status switch
    {
        OrderLogStatus.Waiting => "Waiting (tax mapping)",
        OrderLogStatus.Pending => "Pending order",
        OrderLogStatus.Sale => "Sale",
        OrderLogStatus.Voided => "Sale voided",
        _ => "Dropped",
    };

    public static string Describe(PendingOrderStatus status) =>
        status == PendingOrderStatus.Ready ? "Ready" : "Needs tax mapping";

    /// <summary>The store's latest Load Orders (running or finished), for its progress and result.</summary>
    public static Task<CatalogOperation?> LatestLoadAsync(PortalDbContext db, int storeId, CancellationToken ct) =>
        db.CatalogOperations.AsNoTracking().Where(o => o.StoreId == storeId && o.Kind == CatalogOperationKind.LoadOrders)
            .OrderByDescending(o => o.Id).FirstOrDefaultAsync(ct);

    public static async Task<ConnectedStore?> StoreAsync(PortalDbContext db, int storeId, CancellationToken ct) =>
        await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, ct);
}
