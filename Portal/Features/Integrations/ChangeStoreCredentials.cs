using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Domain.Organizations;
using Portal.Features.Common;
using Portal.WooCommerce;

namespace Portal.Features.Integrations;

/// <summary>
/// Replaces the key, or the address and key, of a connected store; settings and activity log stay. The new
/// connection passes the same checks as a new one; when the address changes, the catalog links must exist in the
/// new store too, or the merchant confirms their reset. Every step that can fail talks to the stores only, and the
/// database changes once, at the end, in one SaveChanges: a failure, or a crash at any point, leaves the store
/// row as it was (usable with its old address, key and webhook secret) or completely switched.
/// </summary>
public sealed class ChangeStoreCredentials(
    IPortalDbContextFactory dbFactory,
    IWooClientFactory candidates,
    StoreClients clients,
    StoreSecrets secrets,
    StoreWebhooks webhooks,
    TimeProvider clock,
    ILogger<ChangeStoreCredentials> logger)
{
    private sealed record Switch(Uri Site, string Normalized, string ConsumerKey, string ConsumerSecret, StoreVerification.Verified Verified,
        Organization Organization, List<StoreProductLink> Links, bool LinksDiffer, bool Moved);

    public async Task<ConnectResult> ChangeCredentialsAsync(ITenantContext tenant, int storeId, string? url, string? consumerKey,
        string? consumerSecret, bool acceptCurrencyDifference, bool resetCatalogLinks = false, CancellationToken ct = default)
    {
        if (StoreChecks.Refusal(tenant) is { } refusal)
        {
            return ConnectResult.Fail(ConnectFailure.NotPermitted, refusal);
        }

        var organizationId = StoreChecks.OrganizationOf(tenant);
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var store = await db.Stores.SingleOrDefaultAsync(s => s.Id == storeId, ct);
        if (store is null)
        {
            return ConnectResult.Fail(ConnectFailure.InvalidInput, "This store does not exist in your organization.");
        }

        if (StoreChecks.Input(webhooks.PublicUrl, store.Name, string.IsNullOrWhiteSpace(url) ? store.Url : url, out var site, out var normalized) is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(consumerKey) || string.IsNullOrWhiteSpace(consumerSecret))
        {
            return ConnectResult.Fail(ConnectFailure.InvalidInput, "Enter the new consumer key and consumer secret.");
        }

        if (await StoreChecks.AlreadyConnectedAsync(db, normalized, store.Id, credentialsChecked: false, ct) is { } taken)
        {
            return taken;
        }

        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, ct);
        var (key, secret) = (consumerKey.Trim(), consumerSecret.Trim());
        var newClient = candidates.GetClient(new WooStoreConnection(StorePaths.CandidateKey(store.PublicKey), site, key, secret));
        try
        {
            var verified = await StoreVerification.VerifyAsync(newClient, organization.BaseCurrency, acceptCurrencyDifference, ct);
            if (verified.Failure is { } failure)
            {
                return failure;
            }

            if (await StoreChecks.AlreadyConnectedAsync(db, normalized, store.Id, credentialsChecked: true, ct) is { } elsewhere)
            {
                return elsewhere;
            }

            var moved = normalized != store.NormalizedUrl;
            var (linkFailure, links, linksDiffer) = await CheckCatalogLinksAsync(db, newClient, store, moved, resetCatalogLinks, verified.Currency, ct);
            return linkFailure ?? await SwitchAsync(db, store, newClient,
                new Switch(site, normalized, key, secret, verified, organization, links, linksDiffer, moved), ct);
        }
        finally
        {
            candidates.Remove(StorePaths.CandidateKey(store.PublicKey));
        }
    }

    /// <summary>Only a new address can lose products: the same store with a new key has the same catalog.</summary>
    private static async Task<(ConnectResult? Failure, List<StoreProductLink> Links, bool Differ)> CheckCatalogLinksAsync(
        PortalDbContext db, WooClient newClient, ConnectedStore store, bool moved, bool resetCatalogLinks, string currency, CancellationToken ct)
    {
        var links = !moved ? [] : await db.StoreProductLinks.Where(l => l.StoreId == store.Id).ToListAsync(ct);
        if (links.Count == 0)
        {
            return (null, links, false);
        }

        IReadOnlyList<StoreProductLink> missing;
        try
        {
            missing = await CatalogLinkCheck.FindMissingAsync(newClient, links, ct);
        }
        catch (WooApiException e)
        {
            return (ConnectResult.Fail(ConnectFailure.Unreachable,
                $"The new store failed while the portal checked that its {links.Count} catalog links exist there ({e.Message}). Nothing was changed; try again."), links, false);
        }

        return missing.Count > 0 && !resetCatalogLinks
            ? (ConnectResult.Fail(ConnectFailure.CatalogLinksDiffer, CatalogLinkCheck.Describe(missing, links.Count), currency), links, true)
            : (null, links, missing.Count > 0);
    }

    private async Task<ConnectResult> SwitchAsync(PortalDbContext db, ConnectedStore store, WooClient newClient, Switch next, CancellationToken ct)
    {
        // A new secret, saved only with the rest: until then the old webhooks keep working, and webhooks left
        // behind (created here before a crash, or old ones the old store did not let the portal delete) sign
        // with a secret the portal no longer accepts. Deliveries of the new webhooks in the moment before the
        // save are refused; WooCommerce tolerates a few failures, and the ping needs no signature.
        var secret = StoreChecks.RandomToken(32);
        var creating = clock.GetUtcNow().UtcDateTime;
        List<long> created;
        try
        {
            created = await webhooks.CreateAllAsync(newClient, store.PublicKey, secret, ct);
        }
        catch (WebhookCreationException e)
        {
            return e.Result;
        }

        // The store pings each new webhook synchronously: whether those pings arrived is measured again, since a
        // new address may be one WordPress refuses to deliver to (or the other way round).
        store.WebhooksNotReaching = !await StoreWebhooks.PingedSinceAsync(db, store.Id, creating, ct);
        var oldClient = clients.For(store);
        var oldWebhooks = store.GetWebhookIds();
        var oldKey = store.ConsumerKeyHint;
        Apply(store, next, secret, created);
        if (next.LinksDiffer)
        {
            db.StoreProductLinks.RemoveRange(next.Links);
        }

        try
        {
            // Not cancelled from here on: the new webhooks exist, so the switch completes or is undone.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException e)
        {
            await StoreWebhooks.RemoveAsync(newClient, created);
            logger.LogWarning(e, "Saving the new credentials of store {StoreId} failed", store.Id);
            return ConnectResult.Fail(ConnectFailure.AlreadyConnected, UnitOfWork.IsUniqueViolation(e)
                ? "This address was connected by someone else a moment ago. Nothing was changed."
                : "Someone else changed this store or its catalog links at the same time. Nothing was changed; try again.");
        }

        // After the save: if the old store cannot be reached, or the portal stops here, its webhooks are only
        // left signing with a secret the portal no longer accepts.
        await StoreWebhooks.RemoveAsync(oldClient, oldWebhooks);
        clients.Forget(store.PublicKey);
        logger.LogInformation("Store {StoreId} changed credentials (address changed: {Moved}, catalog links reset: {Reset})",
            store.Id, next.Moved, next.LinksDiffer);
        var revoke = oldKey == store.ConsumerKeyHint ? ""
            : $" The portal no longer uses the old key {oldKey}: revoke it in WooCommerce → Settings → Advanced → REST API.";
        return new ConnectResult(ConnectFailure.None, (next.LinksDiffer
            ? $"The new credentials were checked and saved. The {next.Links.Count} catalog links were reset: download the catalog again."
            : "The new credentials were checked and saved.") + revoke, store.Id, next.Verified.Currency);
    }

    private void Apply(ConnectedStore store, Switch next, string webhookSecret, List<long> webhookIds)
    {
        store.Url = next.Site.ToString().TrimEnd('/');
        store.NormalizedUrl = next.Normalized;
        store.ProtectedConsumerKey = secrets.Protect(next.ConsumerKey);
        store.ProtectedConsumerSecret = secrets.Protect(next.ConsumerSecret);
        store.ConsumerKeyHint = ConnectedStore.Hint(next.ConsumerKey);
        store.KeyPermission = "read_write";
        store.ConnectionMethod = StoreConnectionMethod.Classic;
        store.Currency = next.Verified.Currency;
        store.CurrencyDifferenceAccepted = !string.Equals(next.Verified.Currency, next.Organization.BaseCurrency, StringComparison.OrdinalIgnoreCase);
        if (!store.TimeZoneOverridden)
        {
            store.TimeZone = next.Verified.TimeZone;
        }

        store.WordPressVersion = next.Verified.WordPressVersion;
        store.WooCommerceVersion = next.Verified.WooCommerceVersion;
        store.ProtectedWebhookSecret = secrets.Protect(webhookSecret);
        store.WebhookIds = string.Join(',', webhookIds);
    }
}
