using Portal.Domain.Organizations;

namespace Portal.Domain.Stock;

public enum AllocationSource
{
    Sale = 1,
    PendingOrder = 2,
}

/// <summary>
/// Stock promised to a sale or a pending order: it stays on hand but is no longer available. One row per source,
/// product and location; only <see cref="StockLedger"/> makes, changes or releases one.
/// </summary>
public class StockAllocation : IOrganizationOwned
{
    private StockAllocation()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int ProductId { get; private set; }
    public int LocationId { get; private set; }
    public AllocationSource Source { get; private set; }
    public int SourceId { get; private set; }
    public decimal Quantity { get; private set; }
    public DateTime ChangedAt { get; private set; }

    internal static StockAllocation Create(
        int organizationId, AllocationSource source, int sourceId, int productId, int locationId, decimal quantity,
        DateTime now) => new()
    {
        OrganizationId = organizationId,
        Source = source,
        SourceId = sourceId,
        ProductId = productId,
        LocationId = locationId,
        Quantity = quantity,
        ChangedAt = now,
    };

    internal void ChangeQuantity(decimal quantity, DateTime now)
    {
        Quantity = quantity;
        ChangedAt = now;
    }
}
