using Portal.Domain.Organizations;

namespace Portal.Domain.Stock;

/// <summary>
/// Dirty marker: the availability of a product changed. Rows are only inserted (one per product per unit of work),
/// never updated, so concurrent writers never contend on them; the database-generated <see cref="Id"/> is the
/// sequence. Stock sync reads the products of all rows up to an id, pushes them and deletes those rows: a change
/// that lands meanwhile has a higher id and survives for the next run.
/// </summary>
public class StockChange : IOrganizationOwned
{
    private StockChange()
    {
    }

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int ProductId { get; private set; }
    public DateTime ChangedAt { get; private set; }

    internal static StockChange Create(int organizationId, int productId, DateTime changedAt) =>
        new() { OrganizationId = organizationId, ProductId = productId, ChangedAt = changedAt };
}
