using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Integrations;
using Portal.Features.Common;
using Portal.Hosting;
using Portal.WooCommerce;

namespace Portal.Features.Integrations;

public enum ConnectFailure
{
    None,
    InvalidInput,
    NoPublicUrl,
    AlreadyConnected,
    Unreachable,
    /// <summary>The address resolves to a private network address (request forgery guard).</summary>
    PrivateAddress,
    /// <summary>The address redirects: the merchant is told the address to connect instead.</summary>
    Redirected,
    NotWordPress,
    NoWooCommerceApi,
    VersionTooOld,
    BadCredentials,
    KeyNotReadWrite,
    AuthorizationHeaderStripped,
    CurrencyMismatch,
    Denied,
    Expired,
    StateMismatch,
    KeysNeverArrived,
    WebhooksFailed,
    /// <summary>The new address lacks some linked products; the merchant must confirm resetting the links.</summary>
    CatalogLinksDiffer,
}

public sealed record ConnectResult(ConnectFailure Failure, string Message, int? StoreId = null, string? StoreCurrency = null)
{
    public bool Succeeded => Failure == ConnectFailure.None;

    public static ConnectResult Fail(ConnectFailure failure, string message, string? currency = null) => new(failure, message, null, currency);
}

public sealed record AuthorizationStart(string? AuthorizeUrl, ConnectResult? Error);

/// <summary>
/// Connects WooCommerce stores: app authorization (start, callback, return) and classic keys. Both end in the same
/// verification; a store is saved only when every check passed and its webhooks were registered.
/// </summary>
public sealed class StoreConnector(
    IPortalDbContextFactory dbFactory,
    IWooClientFactory clients,
    StoreSecrets secrets,
    IOptions<PortalOptions> portalOptions,
    TimeProvider clock,
    ILogger<StoreConnector> logger)
{
    public static readonly TimeSpan AuthorizationLifetime = TimeSpan.FromMinutes(15);
    public static readonly string[] WebhookTopics = ["order.created", "order.updated", "order.deleted", "product.updated"];
    public const string AppName = "WooPortal";
    public const string CallbackPath = "/integrations/woocommerce/callback";
    public const string ReturnPath = "/integrations/woocommerce/return";
    public const string WebhookPathPrefix = "/webhooks/woocommerce/";

    /// <summary>Marks the client of credentials being tried for a connected store: its calls are logged under it.</summary>
    public const string CandidateSuffix = "~candidate";

    public static string CandidateKey(string publicKey) => publicKey + CandidateSuffix;

    private string? PublicUrl => portalOptions.Value.PublicUrl?.TrimEnd('/');

    public bool PublicUrlIsHttps => portalOptions.Value.PublicUrlIsHttps;

    public bool HasPublicUrl => PublicUrl is not null;

    public async Task<AuthorizationStart> StartAppAuthorizationAsync(int organizationId, string userId, string? name, string? url,
        CancellationToken ct = default)
    {
        if (Check(name, url, out var site, out var normalized) is { } invalid)
        {
            return new AuthorizationStart(null, invalid);
        }

        await using var db = dbFactory.CreateForOrganization(organizationId);
        if (await AlreadyConnectedAsync(db, normalized, null, ct) is { } taken)
        {
            return new AuthorizationStart(null, taken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var pending = new PendingStoreAuthorization
        {
            State = RandomToken(24),
            StoreName = name!.Trim(),
            Url = site.ToString().TrimEnd('/'),
            NormalizedUrl = normalized,
            CreatedByUserId = userId,
            CreatedAtUtc = now,
            ExpiresAtUtc = now + AuthorizationLifetime,
        };
        // Abandoned attempts of this organization are cleared here rather than by a job.
        await db.PendingStoreAuthorizations.Where(p => p.ExpiresAtUtc < now.AddDays(-1)).ExecuteDeleteAsync(ct);
        db.PendingStoreAuthorizations.Add(pending);
        await db.SaveChangesAsync(ct);

        var query = new Dictionary<string, string?>
        {
            ["app_name"] = AppName,
            ["scope"] = "read_write",
            ["user_id"] = pending.State,
            ["return_url"] = PublicUrl + ReturnPath,
            ["callback_url"] = PublicUrl + CallbackPath,
        };
        return new AuthorizationStart(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(pending.Url + "/wc-auth/v1/authorize", query), null);
    }

    /// <summary>The store's POST with the new key. Accepted only for a pending, unexpired state that has no keys yet.</summary>
    public async Task<bool> AcceptCallbackAsync(WooAuthCallback callback, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(callback.UserId) || string.IsNullOrWhiteSpace(callback.ConsumerKey) || string.IsNullOrWhiteSpace(callback.ConsumerSecret))
        {
            return false;
        }

        int organizationId;
        await using (var lookup = dbFactory.Create(Portal.Data.Tenancy.FixedTenant.None))
        {
            // The callback names no organization: the one-time state does.
            var found = await lookup.PendingStoreAuthorizations.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.State == callback.UserId).Select(p => (int?)p.OrganizationId).SingleOrDefaultAsync(ct);
            if (found is null)
            {
                return false;
            }

            organizationId = found.Value;
        }

        await using var db = dbFactory.CreateForOrganization(organizationId);
        var pending = await db.PendingStoreAuthorizations.SingleAsync(p => p.State == callback.UserId, ct);
        if (pending.ExpiresAtUtc < clock.GetUtcNow().UtcDateTime || pending.KeysReceivedAtUtc is not null)
        {
            return false;
        }

        pending.ProtectedConsumerKey = secrets.Protect(callback.ConsumerKey);
        pending.ProtectedConsumerSecret = secrets.Protect(callback.ConsumerSecret);
        pending.KeyPermission = callback.KeyPermissions ?? "";
        pending.KeysReceivedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The merchant is back from the store: success or the precise reason it did not work.</summary>
    public async Task<ConnectResult> CompleteAppAuthorizationAsync(int organizationId, string? success, string? state,
        bool acceptCurrencyDifference, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var pending = string.IsNullOrEmpty(state) ? null
            : await db.PendingStoreAuthorizations.SingleOrDefaultAsync(p => p.State == state, ct);
        if (pending is null)
        {
            return ConnectResult.Fail(ConnectFailure.StateMismatch,
                "This answer from the store does not belong to an authorization started in this organization (it was already used, or the link was altered). Start the connection again.");
        }

        if (success != "1")
        {
            db.PendingStoreAuthorizations.Remove(pending);
            await db.SaveChangesAsync(ct);
            return ConnectResult.Fail(ConnectFailure.Denied,
                "Access was denied in WooCommerce, so the portal received no key. Start again and choose Approve.");
        }

        if (pending.KeysReceivedAtUtc is null)
        {
            if (pending.ExpiresAtUtc < clock.GetUtcNow().UtcDateTime)
            {
                db.PendingStoreAuthorizations.Remove(pending);
                await db.SaveChangesAsync(ct);
                return ConnectResult.Fail(ConnectFailure.Expired,
                    $"The authorization expired: it must be approved within {AuthorizationLifetime.TotalMinutes:0} minutes. Start the connection again.");
            }

            return ConnectResult.Fail(ConnectFailure.KeysNeverArrived,
                "WooCommerce reported success but the keys never reached the portal. The store must be able to reach "
                + (PublicUrl ?? "the portal") + CallbackPath + " over https with a certificate it trusts. Try again, or use the Classic method.");
        }

        if (pending.KeyPermission != "read_write")
        {
            db.PendingStoreAuthorizations.Remove(pending);
            await db.SaveChangesAsync(ct);
            return ConnectResult.Fail(ConnectFailure.KeyNotReadWrite,
                $"The store created a '{pending.KeyPermission}' key; the portal needs read_write. Start again.");
        }

        var result = await VerifyAndSaveAsync(organizationId, pending.StoreName, pending.Url, StoreConnectionMethod.AppAuthorization,
            secrets.Unprotect(pending.ProtectedConsumerKey!), secrets.Unprotect(pending.ProtectedConsumerSecret!), "read_write",
            acceptCurrencyDifference, ct);
        if (result.Failure != ConnectFailure.CurrencyMismatch)
        {
            // Kept only while the merchant decides about the currency; any other outcome is final.
            db.PendingStoreAuthorizations.Remove(pending);
            await db.SaveChangesAsync(ct);
        }

        return result;
    }

    public async Task<ConnectResult> ConnectClassicAsync(int organizationId, string? name, string? url, string? consumerKey,
        string? consumerSecret, bool acceptCurrencyDifference, CancellationToken ct = default)
    {
        if (Check(name, url, out var site, out _) is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(consumerKey) || string.IsNullOrWhiteSpace(consumerSecret))
        {
            return ConnectResult.Fail(ConnectFailure.InvalidInput, "Enter the consumer key and the consumer secret created in WooCommerce.");
        }

        return await VerifyAndSaveAsync(organizationId, name!.Trim(), site.ToString().TrimEnd('/'), StoreConnectionMethod.Classic,
            consumerKey.Trim(), consumerSecret.Trim(), null, acceptCurrencyDifference, ct);
    }

    private ConnectResult? Check(string? name, string? url, out Uri site, out string normalized)
    {
        site = null!;
        normalized = "";
        if (PublicUrl is null)
        {
            return ConnectResult.Fail(ConnectFailure.NoPublicUrl,
                "The portal's public address (setting Portal:PublicUrl) is not configured: stores could not send webhooks or keys back.");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return ConnectResult.Fail(ConnectFailure.InvalidInput, "Enter a store name of at most 100 characters.");
        }

        return StoreUrl.TryNormalize(url, out site, out normalized, out var error)
            ? null
            : ConnectResult.Fail(ConnectFailure.InvalidInput, error);
    }

    private static async Task<ConnectResult?> AlreadyConnectedAsync(PortalDbContext db, string normalized, int? exceptStoreId, CancellationToken ct)
    {
        // Across organizations on purpose: one store must not feed two organizations.
        var owner = await db.Stores.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.NormalizedUrl == normalized && s.Id != exceptStoreId)
            .Select(s => new { s.OrganizationId, s.Status, s.ConnectedAtUtc }).FirstOrDefaultAsync(ct);
        if (owner is null)
        {
            return null;
        }

        if (owner.Status == StoreStatus.Connecting)
        {
            // Only an interrupted attempt stays Connecting for more than a few seconds; MaintainStores removes it.
            var from = owner.ConnectedAtUtc + MaintainStores.StaleConnectingAfter;
            return ConnectResult.Fail(ConnectFailure.AlreadyConnected,
                $"An earlier attempt to connect this store (started {owner.ConnectedAtUtc:yyyy-MM-dd HH:mm} UTC) did not finish. The portal "
                + $"cleans it up, with any webhooks it left in the store, at its first store check after {from:yyyy-MM-dd HH:mm} UTC; connect again after that.");
        }

        return ConnectResult.Fail(ConnectFailure.AlreadyConnected, owner.OrganizationId == db.CurrentOrganizationId
            ? "This store is already connected to this organization."
            : "This store is already connected to another organization. A store can feed only one organization: disconnect it there first.");
    }

    private async Task<ConnectResult> VerifyAndSaveAsync(int organizationId, string name, string url, StoreConnectionMethod method,
        string consumerKey, string consumerSecret, string? knownPermission, bool acceptCurrencyDifference, CancellationToken ct)
    {
        StoreUrl.TryNormalize(url, out var site, out var normalized, out _);
        await using var db = dbFactory.CreateForOrganization(organizationId);
        if (await AlreadyConnectedAsync(db, normalized, null, ct) is { } taken)
        {
            return taken;
        }

        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, ct);
        var publicKey = RandomHex(16);
        var client = clients.GetClient(new WooStoreConnection(publicKey, site, consumerKey, consumerSecret));
        try
        {
            var verified = await VerifyAsync(client, organization.BaseCurrency, acceptCurrencyDifference, ct);
            if (verified.Failure is { } failure)
            {
                return failure;
            }

            var webhookSecret = RandomToken(32);
            var store = new ConnectedStore
            {
                PublicKey = publicKey,
                Name = name,
                Url = url,
                NormalizedUrl = normalized,
                ConnectionMethod = method,
                ProtectedConsumerKey = secrets.Protect(consumerKey),
                ProtectedConsumerSecret = secrets.Protect(consumerSecret),
                ConsumerKeyHint = ConnectedStore.Hint(consumerKey),
                KeyPermission = knownPermission ?? "read_write",
                Currency = verified.Currency,
                CurrencyDifferenceAccepted = !string.Equals(verified.Currency, organization.BaseCurrency, StringComparison.OrdinalIgnoreCase),
                TimeZone = verified.TimeZone,
                WordPressVersion = verified.WordPressVersion,
                WooCommerceVersion = verified.WooCommerceVersion,
                ProtectedWebhookSecret = secrets.Protect(webhookSecret),
                Status = StoreStatus.Connecting,
                ConnectedAtUtc = clock.GetUtcNow().UtcDateTime,
                LastSuccessfulCallAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            db.Stores.Add(store);
            try
            {
                // Saved before the webhooks exist so that the store's ping finds it; removed again if they fail.
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (UnitOfWork.IsUniqueViolation(e))
            {
                return ConnectResult.Fail(ConnectFailure.AlreadyConnected, "This store was connected by someone else a moment ago.");
            }

            List<long> created;
            try
            {
                created = await CreateWebhooksAsync(client, publicKey, webhookSecret, ct);
            }
            catch (WebhookCreationException e)
            {
                db.Stores.Remove(store);
                await db.SaveChangesAsync(CancellationToken.None);
                return e.Result;
            }

            // The store pings each new webhook synchronously; the receiver has recorded it by now if it arrived.
            store.WebhookIds = string.Join(',', created);
            store.WebhooksNotReaching = !await PingedSinceAsync(db, store.Id, null, ct);
            store.Status = StoreStatus.Connected;
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Store {StoreId} ({Url}) connected to organization {OrganizationId} by {Method}", store.Id, url, organizationId, method);
            return new ConnectResult(ConnectFailure.None, $"{name} is connected.", store.Id, verified.Currency);
        }
        finally
        {
            clients.Remove(publicKey);
        }
    }

    private sealed class WebhookCreationException(ConnectResult result) : Exception(result.Message)
    {
        public ConnectResult Result { get; } = result;
    }

    /// <summary>Where the store delivers a store's webhooks: the current public address; null without one.</summary>
    internal string? WebhookUrl(string publicKey) => PublicUrl is null ? null : PublicUrl + WebhookPathPrefix + publicKey;

    /// <summary>One of the portal's webhooks, created at most once per topic and delivery URL (see the client).</summary>
    internal Task<WooWebhook> CreateWebhookAsync(WooClient client, string topic, string publicKey, string secret, CancellationToken ct) =>
        client.CreateWebhookAsync(new WooWebhook
        {
            Name = $"{AppName} {topic}",
            Topic = topic,
            Status = "active",
            DeliveryUrl = WebhookUrl(publicKey),
            Secret = secret,
        }, ct);

    /// <summary>Creates the portal's webhooks; on failure removes those already created and throws with the reason.</summary>
    private async Task<List<long>> CreateWebhooksAsync(WooClient client, string publicKey, string secret, CancellationToken ct)
    {
        var created = new List<long>();
        try
        {
            foreach (var topic in WebhookTopics)
            {
                var webhook = await CreateWebhookAsync(client, topic, publicKey, secret, ct);
                created.Add(webhook.Id);
            }

            return created;
        }
        catch (OperationCanceledException)
        {
            // Nobody would know these webhooks: the caller saves their ids only after this returns.
            await RemoveWebhooksAsync(client, created);
            throw;
        }
        catch (WooApiException e)
        {
            await RemoveWebhooksAsync(client, created);
            throw new WebhookCreationException(e.Kind == WooErrorKind.MissingPermission
                ? ConnectResult.Fail(ConnectFailure.KeyNotReadWrite,
                    "The key can read but not write (its permission is Read). Create a key with Read/Write permission in WooCommerce.")
                : ConnectResult.Fail(ConnectFailure.WebhooksFailed, $"The store refused to create the portal's webhooks: {e.Message}"));
        }
    }

    /// <summary>
    /// Replaces the key, or the address and key, of a connected store; settings and activity log stay. The new
    /// connection passes the same checks as a new one; when the address changes, the catalog links must exist in the
    /// new store too, or the merchant confirms their reset. Every step that can fail talks to the stores only, and the
    /// database changes once, at the end, in one SaveChanges: a failure, or a crash at any point, leaves the store
    /// row as it was (usable with its old address, key and webhook secret) or completely switched.
    /// </summary>
    public async Task<ConnectResult> ChangeCredentialsAsync(int organizationId, int storeId, string? url, string? consumerKey,
        string? consumerSecret, bool acceptCurrencyDifference, bool resetCatalogLinks = false, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var store = await db.Stores.SingleOrDefaultAsync(s => s.Id == storeId, ct);
        if (store is null)
        {
            return ConnectResult.Fail(ConnectFailure.InvalidInput, "This store does not exist in your organization.");
        }

        if (Check(store.Name, string.IsNullOrWhiteSpace(url) ? store.Url : url, out var site, out var normalized) is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(consumerKey) || string.IsNullOrWhiteSpace(consumerSecret))
        {
            return ConnectResult.Fail(ConnectFailure.InvalidInput, "Enter the new consumer key and consumer secret.");
        }

        if (await AlreadyConnectedAsync(db, normalized, store.Id, ct) is { } taken)
        {
            return taken;
        }

        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, ct);
        var oldClient = Client(store);
        var newClient = clients.GetClient(new WooStoreConnection(CandidateKey(store.PublicKey), site, consumerKey.Trim(), consumerSecret.Trim()));
        try
        {
            var verified = await VerifyAsync(newClient, organization.BaseCurrency, acceptCurrencyDifference, ct);
            if (verified.Failure is { } failure)
            {
                return failure;
            }

            // Only a new address can lose products: the same store with a new key has the same catalog.
            var moved = normalized != store.NormalizedUrl;
            var links = !moved ? [] : await db.StoreProductLinks.Where(l => l.StoreId == store.Id).ToListAsync(ct);
            var linksDiffer = false;
            if (links.Count > 0)
            {
                IReadOnlyList<StoreProductLink> missing;
                try
                {
                    missing = await CatalogLinkCheck.FindMissingAsync(newClient, links, ct);
                }
                catch (WooApiException e)
                {
                    return ConnectResult.Fail(ConnectFailure.Unreachable,
                        $"The new store failed while the portal checked that its {links.Count} catalog links exist there ({e.Message}). Nothing was changed; try again.");
                }

                linksDiffer = missing.Count > 0;
                if (linksDiffer && !resetCatalogLinks)
                {
                    return ConnectResult.Fail(ConnectFailure.CatalogLinksDiffer, CatalogLinkCheck.Describe(missing, links.Count), verified.Currency);
                }
            }

            // A new secret, saved only with the rest: until then the old webhooks keep working, and webhooks left
            // behind (created here before a crash, or old ones the old store did not let the portal delete) sign
            // with a secret the portal no longer accepts. Deliveries of the new webhooks in the moment before the
            // save are refused; WooCommerce tolerates a few failures, and the ping needs no signature.
            var secret = RandomToken(32);
            var creating = clock.GetUtcNow().UtcDateTime;
            List<long> created;
            try
            {
                created = await CreateWebhooksAsync(newClient, store.PublicKey, secret, ct);
            }
            catch (WebhookCreationException e)
            {
                return e.Result;
            }

            // The store pings each new webhook synchronously: whether those pings arrived is measured again, since a
            // new address may be one WordPress refuses to deliver to (or the other way round).
            store.WebhooksNotReaching = !await PingedSinceAsync(db, store.Id, creating, ct);
            var oldWebhooks = store.GetWebhookIds();
            store.Url = site.ToString().TrimEnd('/');
            store.NormalizedUrl = normalized;
            store.ProtectedConsumerKey = secrets.Protect(consumerKey.Trim());
            store.ProtectedConsumerSecret = secrets.Protect(consumerSecret.Trim());
            store.ConsumerKeyHint = ConnectedStore.Hint(consumerKey.Trim());
            store.KeyPermission = "read_write";
            store.ConnectionMethod = StoreConnectionMethod.Classic;
            store.Currency = verified.Currency;
            store.CurrencyDifferenceAccepted = !string.Equals(verified.Currency, organization.BaseCurrency, StringComparison.OrdinalIgnoreCase);
            if (!store.TimeZoneOverridden)
            {
                store.TimeZone = verified.TimeZone;
            }

            store.WordPressVersion = verified.WordPressVersion;
            store.WooCommerceVersion = verified.WooCommerceVersion;
            store.ProtectedWebhookSecret = secrets.Protect(secret);
            store.WebhookIds = string.Join(',', created);
            if (linksDiffer)
            {
                db.StoreProductLinks.RemoveRange(links);
            }

            try
            {
                // Not cancelled from here on: the new webhooks exist, so the switch completes or is undone.
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (DbUpdateException e)
            {
                await RemoveWebhooksAsync(newClient, created);
                logger.LogWarning(e, "Saving the new credentials of store {StoreId} failed", store.Id);
                return ConnectResult.Fail(ConnectFailure.AlreadyConnected, UnitOfWork.IsUniqueViolation(e)
                    ? "This address was connected by someone else a moment ago. Nothing was changed."
                    : "Someone else changed this store or its catalog links at the same time. Nothing was changed; try again.");
            }

            // After the save: if the old store cannot be reached, or the portal stops here, its webhooks are only
            // left signing with a secret the portal no longer accepts.
            await RemoveWebhooksAsync(oldClient, oldWebhooks);
            clients.Remove(store.PublicKey);
            logger.LogInformation("Store {StoreId} changed credentials (address changed: {Moved}, catalog links reset: {Reset})",
                store.Id, moved, linksDiffer);
            return new ConnectResult(ConnectFailure.None, linksDiffer
                ? $"The new credentials were checked and saved. The {links.Count} catalog links were reset: download the catalog again."
                : "The new credentials were checked and saved.", store.Id, verified.Currency);
        }
        finally
        {
            clients.Remove(CandidateKey(store.PublicKey));
        }
    }

    /// <summary>
    /// The merchant's own time zone for the store (consolidation times and order dates), when the store's setting is
    /// wrong or a bare offset. An IANA name or a <c>UTC±hh:mm</c> offset; empty returns to the store's setting
    /// at the next change of credentials.
    /// </summary>
    public async Task<string?> SetTimeZoneAsync(int organizationId, int storeId, string? timeZone, CancellationToken ct = default)
    {
        var value = timeZone?.Trim() ?? "";
        if (value.Length == 0 || value.Length > 64
            || (!TimeZoneInfo.TryFindSystemTimeZoneById(value, out _) && !System.Text.RegularExpressions.Regex.IsMatch(value, @"^UTC[+-]\d{2}:\d{2}$")))
        {
            return $"'{value}' is not a time zone: enter a name such as Europe/Berlin or an offset such as UTC+05:30.";
        }

        await using var db = dbFactory.CreateForOrganization(organizationId);
        var changed = await db.Stores.Where(s => s.Id == storeId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.TimeZone, value).SetProperty(s => s.TimeZoneOverridden, true), ct);
        return changed == 1 ? null : "This store does not exist in your organization.";
    }

    public sealed record DisconnectResult(bool WebhooksRemoved, string KeysPageUrl, string Message);

    /// <summary>
    /// Removes the portal's webhooks from the store when it answers, then everything the portal keeps for the store
    /// (catalog links, inbox, activity log, settings, pending authorizations). Sales already created keep their
    /// StoreId as a record of their origin and stay. The REST API cannot delete keys: the merchant is sent to the
    /// store's key page to revoke it.
    /// </summary>
    public async Task<DisconnectResult?> DisconnectAsync(int organizationId, int storeId, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var store = await db.Stores.SingleOrDefaultAsync(s => s.Id == storeId, ct);
        if (store is null)
        {
            return null;
        }

        var removed = true;
        var client = Client(store);
        foreach (var id in store.GetWebhookIds())
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

        clients.Remove(store.PublicKey);
        var links = await db.StoreProductLinks.CountAsync(l => l.StoreId == storeId, ct);
        // One SaveChanges, so one transaction: the store row goes with its pending authorizations (matched by
        // address, not owned by the store) or not at all, and the database's cascade takes what the store owns
        // (catalog links, inbox, activity log) in the same statement.
        db.PendingStoreAuthorizations.RemoveRange(
            await db.PendingStoreAuthorizations.Where(p => p.NormalizedUrl == store.NormalizedUrl).ToListAsync(ct));
        db.Stores.Remove(store);
        await db.SaveChangesAsync(ct);
        var keysPage = StoreUrl.KeysPage(store.Url);
        logger.LogInformation("Store {StoreId} ({Url}) disconnected from organization {OrganizationId}", storeId, store.Url, organizationId);
        var deleted = $"Its {StoreData(links)} were deleted; sales already created stay.";
        return new DisconnectResult(removed, keysPage, removed
            ? $"{store.Name} is disconnected and its webhooks were removed. {deleted} Revoke the key {store.ConsumerKeyHint} in WooCommerce: the portal cannot delete it."
            : $"{store.Name} is disconnected, but the store did not answer, so its webhooks named '{AppName} …' are still there: delete them in WooCommerce → Settings → Advanced → Webhooks. {deleted} Revoke the key {store.ConsumerKeyHint} too.");
    }

    /// <summary>
    /// Whether a ping reached the receiver (which records it on the store row) since <paramref name="since"/>. The
    /// store pings each new webhook synchronously, so right after creating them the answer is final.
    /// </summary>
    private static async Task<bool> PingedSinceAsync(PortalDbContext db, int storeId, DateTime? since, CancellationToken ct) =>
        await db.Stores.AsNoTracking().Where(s => s.Id == storeId).Select(s => s.LastPingAtUtc).SingleAsync(ct) is { } pinged
        && (since is null || pinged >= since);

    /// <summary>What a disconnect deletes, as the merchant reads it (catalog links only when there are some).</summary>
    public static string StoreData(int catalogLinks) =>
        (catalogLinks == 0 ? "" : CatalogLinks(catalogLinks) + ", ") + "settings, activity log and received webhooks";

    public static string CatalogLinks(int count) => $"{count} catalog link{(count == 1 ? "" : "s")}";

    internal WooClient Client(ConnectedStore store) => clients.GetClient(new WooStoreConnection(store.PublicKey, new Uri(store.Url),
        secrets.Unprotect(store.ProtectedConsumerKey), secrets.Unprotect(store.ProtectedConsumerSecret)));

    private sealed record Verified(ConnectResult? Failure, string Currency = "", string TimeZone = "", string WordPressVersion = "", string WooCommerceVersion = "");

    private static async Task<Verified> VerifyAsync(WooClient client, string baseCurrency, bool acceptCurrencyDifference, CancellationToken ct)
    {
        WooSiteIndex index;
        try
        {
            index = await client.GetSiteIndexAsync(ct);
        }
        catch (WooApiException e)
        {
            return new Verified(e.Kind switch
            {
                WooErrorKind.PrivateAddress => ConnectResult.Fail(ConnectFailure.PrivateAddress, e.Message),
                WooErrorKind.Redirected => ConnectResult.Fail(ConnectFailure.Redirected, e.Message),
                WooErrorKind.Transport or WooErrorKind.Timeout or WooErrorKind.CircuitOpen => ConnectResult.Fail(ConnectFailure.Unreachable,
                    $"The store did not answer at {client.Connection.BaseUrl} ({e.Message}). Check the address and that the site is online."),
                _ => ConnectResult.Fail(ConnectFailure.NotWordPress,
                    $"{client.Connection.BaseUrl} does not look like a WordPress site with its REST API on (/wp-json/ answered {e.StatusCode?.ToString() ?? "nothing"})."),
            });
        }

        if (!index.HasWooCommerceV3)
        {
            return new Verified(ConnectResult.Fail(ConnectFailure.NoWooCommerceApi,
                "The site answers but has no WooCommerce REST API v3: install and activate WooCommerce 3.5 or later."));
        }

        string wordPress, wooCommerce, currency;
        try
        {
            var status = await client.GetSystemStatusAsync(ct);
            wordPress = status.Environment?.WpVersion ?? "";
            wooCommerce = status.Environment?.Version ?? "";
            currency = (await client.GetCurrentCurrencyAsync(ct)).Code ?? "";
        }
        catch (WooApiException e) when (e.Kind is WooErrorKind.BadCredentials or WooErrorKind.MissingPermission)
        {
            return new Verified(ConnectResult.Fail(ConnectFailure.BadCredentials,
                "The store refused the consumer key and secret: check that both were copied completely and that the key was not revoked."));
        }
        catch (WooApiException e) when (e.Kind == WooErrorKind.AuthorizationHeaderStripped)
        {
            return new Verified(StrippedHeader());
        }
        catch (WooApiException e)
        {
            return new Verified(ConnectResult.Fail(ConnectFailure.Unreachable, $"The store could not be read: {e.Message}"));
        }

        if (client.AuthorizationHeaderStripped)
        {
            return new Verified(StrippedHeader());
        }

        if (!VersionAtLeast(wordPress, 4, 4) || !VersionAtLeast(wooCommerce, 3, 5))
        {
            return new Verified(ConnectResult.Fail(ConnectFailure.VersionTooOld,
                $"The store runs WordPress {Show(wordPress)} and WooCommerce {Show(wooCommerce)}; the portal needs WordPress 4.4 and WooCommerce 3.5 or later."));
        }

        if (!string.Equals(currency, baseCurrency, StringComparison.OrdinalIgnoreCase) && !acceptCurrencyDifference)
        {
            return new Verified(ConnectResult.Fail(ConnectFailure.CurrencyMismatch,
                $"The store sells in {Show(currency)} but the organization's base currency is {baseCurrency}. Sales would be recorded in {Show(currency)}; confirm to connect anyway.",
                currency));
        }

        return new Verified(null, currency.ToUpperInvariant(), TimeZoneOf(index), wordPress, wooCommerce);
    }

    private static ConnectResult StrippedHeader() => ConnectResult.Fail(ConnectFailure.AuthorizationHeaderStripped,
        "The store's web server removes the Authorization header, so the keys would have to travel in every URL (and its logs). "
        + "Ask the host to pass the header on (Apache: 'CGIPassAuth On' or a SetEnvIf rule), then connect again.");

    private static string Show(string value) => value.Length == 0 ? "(unknown)" : value;

    public static bool VersionAtLeast(string version, int major, int minor)
    {
        var parts = version.Split('.', '-');
        if (parts.Length == 0 || !int.TryParse(parts[0], out var actualMajor))
        {
            return false;
        }

        var actualMinor = parts.Length > 1 && int.TryParse(parts[1], out var m) ? m : 0;
        return actualMajor > major || (actualMajor == major && actualMinor >= minor);
    }

    /// <summary>The IANA zone when the site has one, else its fixed offset as <c>UTC+05:30</c>.</summary>
    public static string TimeZoneOf(WooSiteIndex index)
    {
        if (!string.IsNullOrWhiteSpace(index.TimezoneString))
        {
            return index.TimezoneString;
        }

        var offset = TimeSpan.FromHours((double)(index.GmtOffset ?? 0));
        return offset == TimeSpan.Zero ? "UTC" : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}";
    }

    internal static async Task RemoveWebhooksAsync(WooClient client, IEnumerable<long> ids)
    {
        foreach (var id in ids)
        {
            try
            {
                await client.DeleteWebhookAsync(id, CancellationToken.None);
            }
            catch (WooApiException)
            {
                // Best effort: a webhook left behind only fails its deliveries (404) and the store disables it.
            }
        }
    }

    private static string RandomToken(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
