using Portal.Domain.Organizations;

namespace Portal.Domain.Integrations;

public enum StoreRefundStatus
{
    /// <summary>The order has no sale yet (a pending order, or capture still to come): applied once it has one.</summary>
    WaitingForSale = 1,
    /// <summary>The sale's invoice is Draft: the credit note follows the invoice and is applied when it is authorised.</summary>
    WaitingForInvoice = 2,
    /// <summary>Credited, but what the refund restocks was not picked yet: the restock is applied once it is.</summary>
    PendingFulfilment = 3,
    Applied = 4,
}

/// <summary>
/// One WooCommerce refund as the portal saw it, unique per store + WooCommerce refund id: however often the order is
/// delivered, polled or loaded, the refund becomes one credit note (and its restock). The refund and its order are
/// kept as read, so a refund waiting for its sale, its invoice or the pick is applied later from what the store said.
/// </summary>
public class StoreRefund : IOrganizationOwned, IStoreOwned
{
    private StoreRefund()
    {
    }

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int StoreId { get; private set; }
    public long WooOrderId { get; private set; }
    public long WooRefundId { get; private set; }
    public decimal Amount { get; private set; }
    public StoreRefundStatus Status { get; private set; }
    public string RefundJson { get; private set; } = "";
    public string OrderJson { get; private set; } = "";
    public DateTime SeenAtUtc { get; private set; }
    public DateTime? AppliedAtUtc { get; private set; }
    public int? SaleId { get; private set; }
    public string? Note { get; private set; }

    public static StoreRefund Seen(int organizationId, int storeId, long wooOrderId, long wooRefundId, decimal amount,
        string refundJson, string orderJson, DateTime nowUtc) => new()
    {
        OrganizationId = organizationId, StoreId = storeId, WooOrderId = wooOrderId, WooRefundId = wooRefundId, Amount = amount,
        Status = StoreRefundStatus.WaitingForSale, RefundJson = refundJson, OrderJson = orderJson,
        SeenAtUtc = Amounts.Utc(nowUtc, nameof(nowUtc)),
    };

    /// <summary>Moves to <paramref name="status"/> with the reason shown; true when that is news (the Log hears of it once).</summary>
    public bool Wait(StoreRefundStatus status, int? saleId, string note)
    {
        var changed = Status != status || Note != note;
        Status = status;
        SaleId = saleId;
        Note = note;
        return changed;
    }

    public void Applied(int saleId, DateTime nowUtc, string note)
    {
        Status = StoreRefundStatus.Applied;
        SaleId = saleId;
        AppliedAtUtc = Amounts.Utc(nowUtc, nameof(nowUtc));
        Note = note;
    }
}
