using Portal.Domain.Integrations;
using Portal.Domain.Organizations;

namespace Portal.Domain.Orders;

public enum OrderLogStatus
{
    /// <summary>Kept as a pending order that waits for a tax mapping.</summary>
    Waiting = 1,
    /// <summary>A pending order with stock allocated.</summary>
    Pending = 2,
    /// <summary>Made into a sale (the next issue), or linked to the sale made before a reconnect.</summary>
    Sale = 3,
    /// <summary>Cancelled or trashed in the store (confirmed by the store) before it became a sale: the pending
    /// order was dropped and its stock released.</summary>
    Dropped = 4,
    /// <summary>Cancelled or trashed in the store (confirmed by the store) after it became a sale: the sale was voided
    /// (or, for a consolidated sale, its quantities credited).</summary>
    Voided = 5,
}

/// <summary>
/// The capture log entry: one per store + WooCommerce order id (a unique index), linking the store's order to its
/// pending order and then to its sale. While it exists the order is never captured again; deleting it (never the
/// sale) lets the order be captured again.
/// </summary>
public class OrderLogEntry : IOrganizationOwned, IStoreOwned
{
    public const int MaxChanges = 2000;

    private OrderLogEntry()
    {
    }

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int StoreId { get; private set; }
    public long WooOrderId { get; private set; }
    public string OrderNumber { get; private set; } = "";
    public OrderLogStatus Status { get; private set; }
    /// <summary>The store's status as last read.</summary>
    public string WooStatus { get; private set; } = "";
    public string? CustomerName { get; private set; }
    public DateTime? OrderedAtUtc { get; private set; }
    public DateTime LoggedAtUtc { get; private set; }
    /// <summary>The order's <c>date_modified_gmt</c> as last read: an older read changes nothing.</summary>
    public DateTime? StoreModifiedAtUtc { get; private set; }
    public int? PendingOrderId { get; private set; }
    public int? SaleId { get; private set; }
    /// <summary>"changed in the store after capture: …", one line per change seen, not applied.</summary>
    public string? ChangesAfterCapture { get; private set; }
    public string? Note { get; private set; }

    public static OrderLogEntry ForPendingOrder(PendingOrder order, DateTime? storeModifiedAtUtc, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new OrderLogEntry
        {
            OrganizationId = order.OrganizationId,
            StoreId = order.StoreId,
            WooOrderId = order.WooOrderId,
            OrderNumber = order.OrderNumber,
            Status = order.Status == PendingOrderStatus.Ready ? OrderLogStatus.Pending : OrderLogStatus.Waiting,
            WooStatus = order.WooStatus,
            CustomerName = order.CustomerName ?? order.Company,
            OrderedAtUtc = order.OrderedAtUtc,
            LoggedAtUtc = Amounts.Utc(now, nameof(now)),
            StoreModifiedAtUtc = storeModifiedAtUtc,
        };
    }

    /// <summary>An order that already has a sale (made before the store was disconnected): linked, not captured.</summary>
    public static OrderLogEntry ForExistingSale(int organizationId, int storeId, long wooOrderId, string orderNumber,
        string wooStatus, string? customerName, DateTime? orderedAtUtc, DateTime? storeModifiedAtUtc, int saleId, DateTime now) => new()
    {
        OrganizationId = organizationId,
        StoreId = storeId,
        WooOrderId = wooOrderId,
        OrderNumber = orderNumber,
        Status = OrderLogStatus.Sale,
        WooStatus = wooStatus,
        CustomerName = customerName,
        OrderedAtUtc = orderedAtUtc,
        LoggedAtUtc = Amounts.Utc(now, nameof(now)),
        StoreModifiedAtUtc = storeModifiedAtUtc,
        SaleId = saleId,
        Note = "Linked to the sale made from this order before the store was reconnected.",
    };

    /// <summary>The pending order's id, known once it is saved.</summary>
    public void LinkPendingOrder(PendingOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        PendingOrderId = order.Id;
        Status = order.Status == PendingOrderStatus.Ready ? OrderLogStatus.Pending : OrderLogStatus.Waiting;
    }

    /// <summary>True when a read modified at <paramref name="storeModifiedAtUtc"/> is older than one already seen.</summary>
    public bool IsStale(DateTime? storeModifiedAtUtc) =>
        storeModifiedAtUtc is { } read && StoreModifiedAtUtc is { } seen && read < seen;

    public void Seen(string? wooStatus, DateTime? storeModifiedAtUtc)
    {
        if (storeModifiedAtUtc is { } read && (StoreModifiedAtUtc is null || read > StoreModifiedAtUtc))
        {
            StoreModifiedAtUtc = read;
        }

        if (!string.IsNullOrEmpty(wooStatus))
        {
            WooStatus = wooStatus;
        }
    }

    /// <summary>Lists changes seen after capture, each once.</summary>
    public void ListChanges(IEnumerable<string> changes)
    {
        var lines = (ChangesAfterCapture ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var change in changes.Where(c => !lines.Contains(c)))
        {
            lines.Add(change);
        }

        var text = string.Join('\n', lines);
        ChangesAfterCapture = text.Length == 0 ? null : text.Length > MaxChanges ? text[..MaxChanges] : text;
    }

    public void Captured() => Status = OrderLogStatus.Pending;

    /// <summary>The pending order became the sale <paramref name="saleId"/> (its own, or the day's consolidated sale).</summary>
    public void MadeIntoSale(int saleId, string? note = null)
    {
        Status = OrderLogStatus.Sale;
        SaleId = saleId;
        PendingOrderId = null;
        Note = Cut(note);
    }

    /// <summary>The store confirmed the order cancelled or trashed after it became a sale.</summary>
    public void SaleVoided(string why)
    {
        Status = OrderLogStatus.Voided;
        Note = Cut(why);
    }

    private static string? Cut(string? text) => text is { Length: > 500 } ? text[..500] : text;

    public void Dropped(string why)
    {
        Status = OrderLogStatus.Dropped;
        PendingOrderId = null;
        Note = why;
    }
}
