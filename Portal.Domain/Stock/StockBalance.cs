using Portal.Domain.Organizations;

namespace Portal.Domain.Stock;

/// <summary>
/// On hand of one product at one location: the running sum of its ledger rows. <see cref="Version"/> is the
/// optimistic-concurrency token; every change sets a new one, so of two writers that read the same row the second
/// fails instead of overwriting the first one's change.
/// </summary>
public class StockBalance : IOrganizationOwned
{
    private StockBalance()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int ProductId { get; private set; }
    public int LocationId { get; private set; }
    public decimal OnHand { get; private set; }
    public Guid Version { get; private set; }

    /// <summary>A zero balance for a product and location that has none yet.</summary>
    public static StockBalance Open(int organizationId, int productId, int locationId) => new()
    {
        OrganizationId = organizationId,
        ProductId = productId,
        LocationId = locationId,
        Version = Guid.NewGuid(),
    };

    internal void Apply(StockMovement movement, string productLabel)
    {
        if (movement.ProductId != ProductId || movement.LocationId != LocationId ||
            movement.OrganizationId != OrganizationId)
        {
            throw new InvalidOperationException("A movement can only be applied to the balance of its own product and location.");
        }

        var after = OnHand + movement.Quantity;
        if (after < 0)
        {
            throw new DomainException(
                $"{productLabel}: on hand is {OnHand}, so {-movement.Quantity} cannot be taken off " +
                $"(short by {-after}). On hand never goes below zero.");
        }

        OnHand = after;
        Version = Guid.NewGuid();
    }
}
