namespace Portal.WooCommerce;

public enum WooAuthMode
{
    /// <summary>HTTP Basic with the consumer key and secret; https only.</summary>
    Basic,
    /// <summary><c>consumer_key</c>/<c>consumer_secret</c> query parameters; https only, for hosts that strip
    /// the Authorization header.</summary>
    QueryString,
    /// <summary>OAuth 1.0a one-legged; the only scheme WooCommerce accepts over plain http.</summary>
    OAuth1,
}

public enum WooSignatureMethod
{
    HmacSha256,
    HmacSha1,
}

/// <summary>Where and how to reach one store. <see cref="StoreKey"/> names the store in logs, in the call
/// recorder and for its resilience policies (circuit breaker, concurrency limit).</summary>
public sealed record WooStoreConnection
{
    public WooStoreConnection(string storeKey, Uri baseUrl, string consumerKey, string consumerSecret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storeKey);
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(consumerKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(consumerSecret);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException("The store URL must be an absolute http or https URL.", nameof(baseUrl));
        StoreKey = storeKey;
        BaseUrl = baseUrl;
        ConsumerKey = consumerKey;
        ConsumerSecret = consumerSecret;
    }

    public string StoreKey { get; }

    /// <summary>The site URL, e.g. <c>https://shop.example</c>; the client appends <c>wp-json/…</c>.</summary>
    public Uri BaseUrl { get; }

    public string ConsumerKey { get; }
    public string ConsumerSecret { get; }

    /// <summary>Null: Basic over https (falling back to query-string auth when the host strips the header),
    /// OAuth 1.0a over http.</summary>
    public WooAuthMode? ForcedAuthMode
    {
        get => _forcedAuthMode;
        init
        {
            // WooCommerce ignores Basic and query-string keys unless the request came over https.
            if (value is WooAuthMode.Basic or WooAuthMode.QueryString && !IsHttps)
                throw new ArgumentException($"{value} auth needs an https store URL; over http WooCommerce only accepts OAuth 1.0a.", nameof(ForcedAuthMode));
            _forcedAuthMode = value;
        }
    }

    private readonly WooAuthMode? _forcedAuthMode;

    public WooSignatureMethod SignatureMethod { get; init; } = WooSignatureMethod.HmacSha256;

    public bool IsHttps => BaseUrl.Scheme == Uri.UriSchemeHttps;

    internal WooAuthMode DefaultAuthMode => ForcedAuthMode ?? (IsHttps ? WooAuthMode.Basic : WooAuthMode.OAuth1);

    // A record prints every property; the secret must never reach a log line through ToString.
    public override string ToString() => $"WooStoreConnection {{ StoreKey = {StoreKey}, BaseUrl = {BaseUrl} }}";
}
