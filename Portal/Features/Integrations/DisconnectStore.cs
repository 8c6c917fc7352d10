using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Features.Stock;
using Portal.WooCommerce;

namespace Portal.Features.Integrations;

/// <summary>
/// Removes the portal's webhooks from the store when it answers, then everything the portal keeps for the store
/// (catalog links, inbox, activity log, settings, pending authorizations, stock-change positions). Sales already
/// created keep their StoreId as a record of their origin and stay. The REST API cannot delete keys: the merchant is
/// sent to the store's key page to revoke it.
/// </summary>
public sealed class DisconnectStore(
    IPortalDbContextFactory dbFactory,
    StoreClients clients,
    StockChangeFeed stockChanges,
    TimeProvider clock,
    ILogger<DisconnectStore> logger)
{
    /// <summary>What a disconnect deletes, as the merchant reads it (catalog links only when there are some).</summary>
    public static string StoreData(int catalogLinks) =>
        (catalogLinks == 0 ? "" : CatalogLinks(catalogLinks) + ", ") + "settings, activity log, received webhooks, order Log and pending orders (their stock is released)";

    public static string CatalogLinks(int count) => $"{count} catalog link{(count == 1 ? "" : "s")}";

    /// <summary>Null when the store does not exist in the organization.</summary>
    public async Task<DisconnectResult?> DisconnectAsync(ITenantContext tenant, int storeId, CancellationToken ct = default)
    {
        if (StoreChecks.Refusal(tenant) is { } refusal)
        {
            return new DisconnectResult(false, "", refusal, Refused: true);
        }

        var organizationId = StoreChecks.OrganizationOf(tenant);
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var store = await db.Stores.SingleOrDefaultAsync(s => s.Id == storeId, ct);
        if (store is null)
        {
            return null;
        }

        var removed = await RemoveWebhooksAsync(clients.For(store), store.GetWebhookIds(), ct);
        clients.Forget(store.PublicKey);
        var links = await db.StoreProductLinks.CountAsync(l => l.StoreId == storeId, ct);
        // One SaveChanges, so one transaction: the store row goes with its pending authorizations (matched by
        // address, not owned by the store) or not at all, and the database's cascade takes what the store owns
        // (catalog links, inbox, activity log, stock-change acknowledgements) in the same statement.
        db.PendingStoreAuthorizations.RemoveRange(
            await db.PendingStoreAuthorizations.Where(p => p.NormalizedUrl == store.NormalizedUrl).ToListAsync(ct));
        // Pending orders go with the store (cascade); the stock they hold is released first, through the ledger.
        var pending = await db.PendingOrders.Where(p => p.StoreId == storeId).ToListAsync(ct);
        await Orders.OrderLogCommands.ReleaseAsync(db, organizationId, pending, clock.GetUtcNow().UtcDateTime, ct);
        db.Stores.Remove(store);
        await db.SaveChangesAsync(ct);
        // Stock changes only this store still needed go too.
        await stockChanges.PruneAsync(FixedTenant.For(organizationId), CancellationToken.None);
        logger.LogInformation("Store {StoreId} ({Url}) disconnected from organization {OrganizationId}", storeId, store.Url, organizationId);
        var deleted = $"Its {StoreData(links)} were deleted; sales already created stay.";
        return new DisconnectResult(removed, StoreUrl.KeysPage(store.Url), removed
            ? $"{store.Name} is disconnected and its webhooks were removed. {deleted} Revoke the key {store.ConsumerKeyHint} in WooCommerce: the portal cannot delete it."
            : $"{store.Name} is disconnected, but the store did not answer, so its webhooks named '{StoreWebhooks.AppName} …' are still there: delete them in WooCommerce → Settings → Advanced → Webhooks. {deleted} Revoke the key {store.ConsumerKeyHint} too.");
    }

    /// <summary>Whether every webhook is gone (one already deleted in WooCommerce counts as removed).</summary>
    private static async Task<bool> RemoveWebhooksAsync(WooClient client, IEnumerable<long> ids, CancellationToken ct)
    {
        var removed = true;
        foreach (var id in ids)
        {
            try
            {
                await client.DeleteWebhookAsync(id, ct);
            }
            catch (WooApiException e) when (e.Kind == WooErrorKind.NotFound)
            {
                // Already deleted in WooCommerce.
            }
            catch (WooApiException)
            {
                removed = false;
            }
        }

        return removed;
    }
}
