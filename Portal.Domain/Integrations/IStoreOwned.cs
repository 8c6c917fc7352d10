namespace Portal.Domain.Integrations;

/// <summary>
/// Data the portal keeps for one connected store only (catalog links, inbox, activity log, and later pending
/// orders). Deleted with the store: the database cascades from <see cref="ConnectedStore"/>, which a model test
/// checks for every implementing type. Sales made from a store's orders are not store-owned: they stay.
/// </summary>
public interface IStoreOwned
{
    int StoreId { get; }
}
