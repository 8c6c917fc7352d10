using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Integrations;

namespace Portal.WooCommerce;

/// <summary>
/// The one way to the WooCommerce client of a saved store: its credentials unprotected, its calls recorded in the
/// store's activity log and sent through the store's resilience pipeline (one circuit breaker and concurrency limit
/// per store, whoever calls). Every feature that talks to a connected store asks here.
/// </summary>
public sealed class StoreClients(IPortalDbContextFactory dbFactory, IWooClientFactory clients, StoreSecrets secrets)
{
    /// <summary>The client of a store row already loaded.</summary>
    public WooClient For(ConnectedStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return clients.GetClient(new WooStoreConnection(store.PublicKey, new Uri(store.Url),
            secrets.Unprotect(store.ProtectedConsumerKey), secrets.Unprotect(store.ProtectedConsumerSecret)));
    }

    /// <summary>The client of a store of the organization; null when the store does not exist there (any more).</summary>
    public async Task<WooClient?> ForStoreAsync(int organizationId, int storeId, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, ct);
        return store is null ? null : For(store);
    }

    /// <summary>Drops the client of a store disconnected or given new credentials; the next call builds a fresh one.</summary>
    public void Forget(string storeKey) => clients.Remove(storeKey);
}
