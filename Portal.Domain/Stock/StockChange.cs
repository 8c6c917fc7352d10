using Portal.Domain.Organizations;

namespace Portal.Domain.Stock;

/// <summary>
/// Dirty marker: the availability of a product changed. Rows are only inserted (one per product per unit of work),
/// never updated, so concurrent writers never contend on them; the database-generated <see cref="Id"/> is the
/// sequence. Each store following the changes reads the rows it has not acknowledged, pushes their products and
/// acknowledges exactly the rows it read (<see cref="Portal.Domain.Integrations.StockChangeAcknowledgement"/>); a row
/// is deleted once every such store has acknowledged it. A change that lands meanwhile is a new row and survives.
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
