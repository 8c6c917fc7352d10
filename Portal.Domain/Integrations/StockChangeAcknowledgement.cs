using Portal.Domain.Organizations;

namespace Portal.Domain.Integrations;

/// <summary>
/// One store has pushed the change a stock-change marker (<see cref="Portal.Domain.Stock.StockChange"/>) stands for.
/// Each store acknowledges markers by their ids, so a store that is down keeps its backlog while another store moves
/// on; a marker is deleted once every store that follows the changes has acknowledged it.
/// </summary>
public class StockChangeAcknowledgement : IOrganizationOwned, IStoreOwned
{
    public int OrganizationId { get; set; }
    public int StoreId { get; set; }
    public long StockChangeId { get; set; }
}
