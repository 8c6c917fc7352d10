namespace Portal.WooCommerce;

public enum WooErrorKind
{
    /// <summary>Unknown key or wrong secret (401 woocommerce_rest_authentication_error / cannot_view).</summary>
    BadCredentials,
    /// <summary>The key lacks the permission, e.g. a read-only key writing.</summary>
    MissingPermission,
    /// <summary>The site has no <c>wc/v3</c> REST namespace (WooCommerce missing or REST API off).</summary>
    NoWooCommerceApi,
    /// <summary>The host strips the Authorization header and query-string auth is not allowed for this store.</summary>
    AuthorizationHeaderStripped,
    /// <summary>The answer was not the JSON expected: a firewall or login page, a truncated body.</summary>
    NotJson,
    NotFound,
    /// <summary>400: WooCommerce refused the request; <see cref="WooApiException.WooCode"/> says why.</summary>
    Validation,
    /// <summary>413: a batch over 100 items.</summary>
    BatchTooLarge,
    /// <summary>429 after the retries, or a Retry-After longer than the client waits.</summary>
    RateLimited,
    /// <summary>5xx after the retries.</summary>
    ServerError,
    Timeout,
    /// <summary>No HTTP answer: DNS, refused connection, TLS, reset.</summary>
    Transport,
    /// <summary>The store's address resolves to a private network address, which the portal does not connect to
    /// unless allowed; nothing was sent.</summary>
    PrivateAddress,
    /// <summary>A 3xx: the store lives at another address (e.g. the www. form, or https); redirects are not
    /// followed, the merchant connects that address instead.</summary>
    Redirected,
    /// <summary>The store's circuit is open after repeated failures; nothing was sent.</summary>
    CircuitOpen,
    /// <summary>Any other status.</summary>
    Unexpected,
}

/// <summary>A failed WooCommerce call. Messages and properties never contain credentials: the path is redacted
/// and the body excerpt is short and scrubbed.</summary>
public sealed class WooApiException : Exception
{
    public WooApiException(WooErrorKind kind, string message, string storeKey, string method, string path,
        int? statusCode = null, string? wooCode = null, string? bodyExcerpt = null, TimeSpan? retryAfter = null,
        bool ambiguous = false, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        StoreKey = storeKey;
        Method = method;
        Path = path;
        StatusCode = statusCode;
        WooCode = wooCode;
        BodyExcerpt = bodyExcerpt;
        RetryAfter = retryAfter;
        IsAmbiguous = ambiguous;
    }

    public WooErrorKind Kind { get; }

    /// <summary>Set when the TLS handshake failed because the portal does not trust the store's certificate: the
    /// reason as .NET gives it (e.g. "… errors in the certificate chain: UntrustedRoot"), without any URL.</summary>
    public string? CertificateError { get; init; }

    public string StoreKey { get; }
    public string Method { get; }
    /// <summary>Path and query without credentials.</summary>
    public string Path { get; }
    public int? StatusCode { get; }
    /// <summary>WooCommerce's error code, e.g. <c>product_invalid_sku</c>.</summary>
    public string? WooCode { get; }
    public string? BodyExcerpt { get; }
    public TimeSpan? RetryAfter { get; }

    /// <summary>The request may have reached the store and been applied (timeout or 5xx without a WooCommerce
    /// error body): a create must look before it tries again.</summary>
    public bool IsAmbiguous { get; }
}
