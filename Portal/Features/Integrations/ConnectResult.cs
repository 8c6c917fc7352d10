namespace Portal.Features.Integrations;

public enum ConnectFailure
{
    None,
    InvalidInput,
    NoPublicUrl,
    AlreadyConnected,
    Unreachable,
    /// <summary>The store answers over https with a certificate the portal's machine does not trust.</summary>
    UntrustedCertificate,
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
    /// <summary>The signed-in user may not change stores (ADR 0004).</summary>
    NotPermitted,
}

public sealed record ConnectResult(ConnectFailure Failure, string Message, int? StoreId = null, string? StoreCurrency = null)
{
    public bool Succeeded => Failure == ConnectFailure.None;

    public static ConnectResult Fail(ConnectFailure failure, string message, string? currency = null) => new(failure, message, null, currency);
}

public sealed record AuthorizationStart(string? AuthorizeUrl, ConnectResult? Error);

/// <param name="Refused">Nothing was done: the user may not disconnect stores (the message says why).</param>
public sealed record DisconnectResult(bool WebhooksRemoved, string KeysPageUrl, string Message, bool Refused = false);
