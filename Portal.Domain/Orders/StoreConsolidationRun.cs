using Portal.Domain.Integrations;
using Portal.Domain.Organizations;

namespace Portal.Domain.Orders;

/// <summary>
/// A store's daily consolidation for one local date: recorded in the transaction that makes the day's sale (unique per
/// store and date), so a repeated or crashed run makes the day's sale once. A day without orders is recorded too,
/// without a sale.
/// </summary>
public class StoreConsolidationRun : IOrganizationOwned, IStoreOwned
{
    private StoreConsolidationRun()
    {
    }

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int StoreId { get; private set; }
    /// <summary>The store's date the run consolidates (its reference's date).</summary>
    public DateOnly LocalDate { get; private set; }
    /// <summary>When the run fell due (the consolidation time of that date, in UTC).</summary>
    public DateTime DueAtUtc { get; private set; }
    public DateTime RanAtUtc { get; private set; }
    public int? SaleId { get; private set; }
    public int OrderCount { get; private set; }

    public static StoreConsolidationRun Record(int organizationId, int storeId, DateOnly localDate, DateTime dueAtUtc, DateTime now,
        int? saleId, int orderCount) => new()
    {
        OrganizationId = organizationId,
        StoreId = storeId,
        LocalDate = localDate,
        DueAtUtc = Amounts.Utc(dueAtUtc, nameof(dueAtUtc)),
        RanAtUtc = Amounts.Utc(now, nameof(now)),
        SaleId = saleId,
        OrderCount = orderCount,
    };

    public void MadeSale(int saleId) => SaleId = saleId;
}
