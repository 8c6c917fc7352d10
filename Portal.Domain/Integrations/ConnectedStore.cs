using Portal.Domain.Organizations;

namespace Portal.Domain.Integrations;

public enum StoreConnectionMethod
{
    /// <summary>WooCommerce's app authorization: the store creates the key and posts it to the portal.</summary>
    AppAuthorization = 1,
    /// <summary>The merchant pastes a consumer key and secret created in WooCommerce.</summary>
    Classic = 2,
}

public enum StoreStatus
{
    /// <summary>Verified and saved while its webhooks are being registered; removed again if that fails.</summary>
    Connecting = 1,
    Connected = 2,
}

/// <summary>
/// A WooCommerce store connected to an organization. Credentials and the webhook secret are stored protected
/// (Data Protection) and are never shown again; only a hint of the consumer key is kept in clear.
/// </summary>
public class ConnectedStore : IOrganizationOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }

    /// <summary>Random public identifier: the client's store key and the last segment of the webhook URL.</summary>
    public string PublicKey { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The URL as the merchant gave it (scheme kept: it decides how the client authenticates).</summary>
    public string Url { get; set; } = "";
    /// <summary>Host + path in lower case, without scheme, <c>www.</c> or trailing slash: unique across organizations.</summary>
    public string NormalizedUrl { get; set; } = "";
    public StoreConnectionMethod ConnectionMethod { get; set; }
    public string ProtectedConsumerKey { get; set; } = "";
    public string ProtectedConsumerSecret { get; set; } = "";
    /// <summary>e.g. <c>ck_…1a2b</c>: enough to find the key in WooCommerce's key list.</summary>
    public string ConsumerKeyHint { get; set; } = "";
    public string KeyPermission { get; set; } = "";
    public string Currency { get; set; } = "";
    /// <summary>The merchant accepted a store currency different from the organization's base currency.</summary>
    public bool CurrencyDifferenceAccepted { get; set; }
    /// <summary>IANA zone or a fixed offset like <c>UTC+05:30</c>, read from the store unless overridden; read it
    /// through <see cref="StoreTimeZone"/>.</summary>
    public string TimeZone { get; set; } = "";
    public bool TimeZoneOverridden { get; set; }
    public string WordPressVersion { get; set; } = "";
    public string WooCommerceVersion { get; set; } = "";
    public string ProtectedWebhookSecret { get; set; } = "";
    /// <summary>Ids of the portal's webhooks in the store, comma separated.</summary>
    public string WebhookIds { get; set; } = "";
    public DateTime? LastPingAtUtc { get; set; }
    public DateTime? LastWebhookAtUtc { get; set; }
    /// <summary>Set when the webhooks were created without a ping reaching the portal: orders are polled.</summary>
    public bool WebhooksNotReaching { get; set; }
    /// <summary>When the periodic check last compared the store's webhooks with the portal's.</summary>
    public DateTime? WebhooksCheckedAtUtc { get; set; }
    /// <summary>What the last check found wrong (and what it did about it), or null when all was well.</summary>
    public string? WebhookProblem { get; set; }
    public DateTime? LastSuccessfulCallAtUtc { get; set; }
    public StoreStatus Status { get; set; }
    public DateTime ConnectedAtUtc { get; set; }
    /// <summary>The integration settings (wizard) as a JSON document; null until the wizard is completed.</summary>
    public string? SettingsJson { get; set; }
    /// <summary>The wizard's unfinished answers and step, kept when the merchant leaves before finishing; cleared
    /// when the settings are saved.</summary>
    public string? SettingsDraftJson { get; set; }
    /// <summary>Since when the store follows the stock changes: from then on every change marker is kept until the
    /// store acknowledges it. Null until the store's first stock push.</summary>
    public DateTime? StockChangesFollowedSinceUtc { get; set; }
    /// <summary>When the store was last told the stock of every linked product; null until then, which makes the
    /// next push a full one.</summary>
    public DateTime? LastFullStockPushAtUtc { get; set; }
    /// <summary>When a stock push last reached the store (every item answered, refused items included).</summary>
    public DateTime? StockPushedAtUtc { get; private set; }
    /// <summary>Why the last stock push did not reach the store, or what it refused; null when all went through.</summary>
    public string? StockPushError { get; private set; }
    /// <summary>Stock pushes failed in a row; the wait before the next one doubles with each.</summary>
    public int StockPushFailures { get; private set; }
    /// <summary>While the store is failing: no stock push before this (a change does not hammer a store that is down).</summary>
    public DateTime? StockPushNextTryAtUtc { get; private set; }

    /// <summary>A push reached the store; <paramref name="itemProblems"/> says what it refused, if anything.</summary>
    public void StockPushSucceeded(DateTime atUtc, string? itemProblems)
    {
        StockPushedAtUtc = atUtc;
        StockPushError = itemProblems;
        StockPushFailures = 0;
        StockPushNextTryAtUtc = null;
    }

    /// <summary>
    /// A push did not reach the store: the next waits <paramref name="baseDelay"/> doubled for each failure in a row, up to
    /// <paramref name="maxDelay"/>, and never less than the store asked for (Retry-After).
    /// </summary>
    public void StockPushFailed(DateTime atUtc, string error, TimeSpan? retryAfter, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        StockPushFailures++;
        StockPushError = error;
        StockPushNextTryAtUtc = atUtc + RetryWait.After(StockPushFailures, baseDelay, maxDelay, retryAfter);
    }
    /// <summary>The latest <c>date_modified_gmt</c> (the store's clock) of the orders polling has handled: the next
    /// poll asks for orders modified after it, minus an overlap. Null until the first poll, which starts at
    /// <see cref="ConnectedAtUtc"/>.</summary>
    public DateTime? OrdersPolledUntilUtc { get; set; }

    public IReadOnlyList<long> GetWebhookIds() =>
        WebhookIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();

    public static string Hint(string consumerKey) =>
        consumerKey.Length <= 8 ? "…" : consumerKey[..3] + "…" + consumerKey[^4..];
}

/// <summary>An app authorization in flight: the one-time state sent as <c>user_id</c> and, once the store has posted
/// them, the protected keys waiting for the merchant to come back to the portal.</summary>
public class PendingStoreAuthorization : IOrganizationOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public string State { get; set; } = "";
    public string StoreName { get; set; } = "";
    public string Url { get; set; } = "";
    public string NormalizedUrl { get; set; } = "";
    public string CreatedByUserId { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public string? ProtectedConsumerKey { get; set; }
    public string? ProtectedConsumerSecret { get; set; }
    public string? KeyPermission { get; set; }
    public DateTime? KeysReceivedAtUtc { get; set; }
}

/// <summary>A signed webhook delivery, stored as received, then drained by a job that claims it with a lease
/// (claimed by, until, attempts) so that a crash or a second process never handles it twice at once.</summary>
public class WebhookInboxEntry : IOrganizationOwned, IStoreOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int StoreId { get; set; }
    /// <summary>X-WC-Webhook-Delivery-ID: with the store, unique, so a repeated delivery is stored once.</summary>
    public string DeliveryId { get; set; } = "";
    public string Topic { get; set; } = "";
    public string? ResourceId { get; set; }
    public string Body { get; set; } = "";
    public DateTime ReceivedAtUtc { get; set; }
    public DateTime? ProcessedAtUtc { get; set; }
    /// <summary>The claim of the process handling the row; with <see cref="ClaimedUntilUtc"/> in the future no other
    /// process takes it.</summary>
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
    /// <summary>How many times the row was claimed; past the limit it stops and waits for a Retry.</summary>
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

/// <summary>One HTTP attempt the portal made to a store: the store's activity log.</summary>
public class StoreActivity : IOrganizationOwned, IStoreOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int StoreId { get; set; }
    public DateTime AtUtc { get; set; }
    public string Method { get; set; } = "";
    public string Path { get; set; } = "";
    public int? Status { get; set; }
    public int DurationMs { get; set; }
    public int Attempt { get; set; }
    public string? ErrorKind { get; set; }
    /// <summary>What the call was about where the path does not say (a webhook's topic).</summary>
    public string? Subject { get; set; }
}
