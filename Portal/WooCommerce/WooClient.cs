using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Flurl.Http;
using Microsoft.Extensions.Logging;

namespace Portal.WooCommerce;

/// <summary>The portal's one client for one WooCommerce store (get it from <see cref="IWooClientFactory"/>).
/// Auth, paging, batching and error mapping live here; retries, timeouts, the circuit breaker and the
/// concurrency limit live in the store's HTTP pipeline (<see cref="WooResilience"/>).</summary>
public sealed partial class WooClient : IDisposable
{
    public const string StrippedHeaderNotice = "Authorization header stripped; using query-string auth";
    private const string ApiPrefix = "wc/v3/";
    private const int BatchLimit = 100;

    private readonly IFlurlClient _http;
    private readonly WooAuthenticator _authenticator;
    private readonly WooClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _apiRoot;
    private volatile int _authMode;

    internal WooClient(WooStoreConnection connection, IFlurlClient http, WooAuthenticator authenticator,
        WooClientOptions options, TimeProvider time, ILogger logger)
    {
        Connection = connection;
        _http = http;
        _authenticator = authenticator;
        _options = options;
        _time = time;
        _logger = logger;
        _apiRoot = connection.BaseUrl.AbsoluteUri.TrimEnd('/') + "/wp-json/";
        _authMode = (int)connection.DefaultAuthMode;
    }

    public WooStoreConnection Connection { get; }

    public WooAuthMode AuthMode => (WooAuthMode)_authMode;

    /// <summary>True once the client found that the host drops the Authorization header and switched to
    /// query-string auth.</summary>
    public bool AuthorizationHeaderStripped { get; private set; }

    /// <summary>A line for the store's connection page when the client had to change how it authenticates.</summary>
    public string? AuthNotice => AuthorizationHeaderStripped ? StrippedHeaderNotice : null;

    /// <summary>Raised once when the client switches to query-string auth.</summary>
    public event EventHandler<WooAuthModeChangedEventArgs>? AuthModeChanged;

    public void Dispose() => _http.Dispose();

    internal async Task<T> GetAsync<T>(string path, WooQuery? query, CancellationToken ct)
    {
        var response = await SendAsync(HttpMethod.Get, path, query, body: null, nonIdempotent: false, ct);
        return Deserialize<T>(response, HttpMethod.Get, path);
    }

    internal async Task<T> SendJsonAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct,
        WooQuery? query = null, bool nonIdempotent = false)
    {
        var response = await SendAsync(method, path, query, body, nonIdempotent, ct);
        return Deserialize<T>(response, method, path);
    }

    internal async Task<WooPage<T>> GetPageAsync<T>(string path, WooQuery? query, int page, int? perPage, CancellationToken ct)
    {
        var pageQuery = (query ?? new WooQuery()).With("page", page).With("per_page", perPage ?? _options.PageSize);
        var response = await SendAsync(HttpMethod.Get, path, pageQuery, body: null, nonIdempotent: false, ct);
        var items = Deserialize<List<T>>(response, HttpMethod.Get, path);
        return new WooPage<T>(items, page, response.HeaderInt("X-WP-Total"), response.HeaderInt("X-WP-TotalPages"));
    }

    /// <summary>Every item of a list endpoint, page by page; stops at <c>X-WP-TotalPages</c>, or at the first
    /// short page when the header is missing.</summary>
    internal async IAsyncEnumerable<T> IterateAsync<T>(string path, WooQuery? query, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var page = 1; ; page++)
        {
            var result = await GetPageAsync<T>(path, query, page, _options.PageSize, ct);
            foreach (var item in result.Items)
                yield return item;
            var last = result.TotalPages is { } totalPages ? page >= totalPages : result.Items.Count < _options.PageSize;
            if (last || result.Items.Count == 0)
                yield break;
        }
    }

    private async Task<WooResponse> SendAsync(HttpMethod method, string path, WooQuery? query, object? body,
        bool nonIdempotent, CancellationToken ct)
    {
        var mode = AuthMode;
        var response = await SendOnceAsync(method, path, query, body, nonIdempotent, mode, ct);
        if (response.Status is 401 or 403 && mode == WooAuthMode.Basic
            && response.Error?.Code?.StartsWith("woocommerce_rest_cannot_", StringComparison.Ordinal) == true
            && await IsAuthorizationHeaderStrippedAsync(method, ct))
        {
            if (Connection.ForcedAuthMode == WooAuthMode.Basic)
                throw Error(WooErrorKind.AuthorizationHeaderStripped, method, path, response,
                    "The host strips the Authorization header and this store is set to HTTP Basic only.");
            SwitchToQueryStringAuth();
            response = await SendOnceAsync(method, path, query, body, nonIdempotent, WooAuthMode.QueryString, ct);
        }
        if (!WooErrorMapper.IsSuccess(response.Status))
            throw Error(method, path, response);
        return response;
    }

    // Without credentials WooCommerce answers 401 woocommerce_rest_cannot_view, exactly as for an unknown key.
    // Only a request with the key in the query string tells the two apart.
    private async Task<bool> IsAuthorizationHeaderStrippedAsync(HttpMethod failedMethod, CancellationToken ct)
    {
        // A small read every key may make.
        const string probe = ApiPrefix + "data/currencies/current";
        WooQuery? probeQuery = null;
        if (failedMethod != HttpMethod.Get)
        {
            // A write refused with Basic may be a missing capability rather than a missing header.
            var basic = await SendOnceAsync(HttpMethod.Get, probe, probeQuery, null, false, WooAuthMode.Basic, ct);
            if (WooErrorMapper.IsSuccess(basic.Status))
                return false;
        }
        if (!Connection.IsHttps)
            return false;
        var viaQuery = await SendOnceAsync(HttpMethod.Get, probe, probeQuery, null, false, WooAuthMode.QueryString, ct);
        return WooErrorMapper.IsSuccess(viaQuery.Status);
    }

    private void SwitchToQueryStringAuth()
    {
        if (Interlocked.Exchange(ref _authMode, (int)WooAuthMode.QueryString) == (int)WooAuthMode.QueryString)
            return;
        AuthorizationHeaderStripped = true;
        _logger.LogWarning("WooCommerce {Store}: {Notice}", Connection.StoreKey, StrippedHeaderNotice);
        AuthModeChanged?.Invoke(this, new WooAuthModeChangedEventArgs(Connection.StoreKey, WooAuthMode.QueryString, StrippedHeaderNotice));
    }

    private async Task<WooResponse> SendOnceAsync(HttpMethod method, string path, WooQuery? query, object? body,
        bool nonIdempotent, WooAuthMode mode, CancellationToken ct)
    {
        var request = _http.Request(_apiRoot + path).AllowAnyHttpStatus();
        if (query is not null)
        {
            foreach (var (key, value) in query.Pairs)
                request.AppendQueryParam(key, value);
        }
        _authenticator.Apply(request, method, mode);
        request.BeforeCall(call =>
        {
            call.HttpRequestMessage.Options.Set(WooAuthenticator.ModeKey, mode);
            if (nonIdempotent)
                call.HttpRequestMessage.Options.Set(WooResilience.NonIdempotentKey, true);
        });

        try
        {
            using var response = body is null
                ? await request.SendAsync(method, null, HttpCompletionOption.ResponseContentRead, ct)
                : await request.SendJsonAsync(method, body, HttpCompletionOption.ResponseContentRead, ct);
            var text = await response.ResponseMessage.Content.ReadAsStringAsync(ct);
            var mediaType = response.ResponseMessage.Content.Headers.ContentType?.MediaType;
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in response.Headers)
                headers.TryAdd(name, value);
            var retryAfter = WooResilience.RetryAfter(response.ResponseMessage);
            return new WooResponse(response.StatusCode, text, mediaType, headers, retryAfter, RedactedPath(request));
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // The caller gave up: say so with a plain cancellation (Flurl's wrapper carries the signed URL).
            ct.ThrowIfCancellationRequested();
            throw;
        }
        catch (Exception exception) when (exception is FlurlHttpException or HttpRequestException or OperationCanceledException)
        {
            var (kind, ambiguous) = WooErrorMapper.ClassifyException(exception);
            var redacted = RedactedPath(request);
            var message = Refusal(exception)?.Message
                ?? $"{method.Method} {redacted} on store '{Connection.StoreKey}' failed: {Describe(kind)}.";
            var certificate = WooErrorMapper.CertificateError(exception);
            if (certificate is not null)
            {
                message = $"{method.Method} {redacted} on store '{Connection.StoreKey}' failed: the store's certificate is not trusted ({certificate}).";
            }

            throw new WooApiException(kind, message,
                Connection.StoreKey, method.Method, redacted, ambiguous: ambiguous && method != HttpMethod.Get,
                inner: Sanitize(exception)) { CertificateError = certificate };
        }
    }

    private T Deserialize<T>(WooResponse response, HttpMethod method, string path)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(response.Body))
                throw new JsonException("empty body");
            return JsonSerializer.Deserialize<T>(response.Body, WooJson.Options)
                   ?? throw new JsonException("null body");
        }
        catch (JsonException)
        {
            // A write answered 2xx was applied even if its answer cannot be read (a plugin's PHP notice before the
            // JSON, a cut connection): the caller must look it up rather than send it again.
            throw Error(WooErrorKind.NotJson, method, path, response,
                $"expected JSON, got {response.MediaType ?? "no content type"}",
                appliedWrite: method != HttpMethod.Get && WooErrorMapper.IsSuccess(response.Status));
        }
    }

    private WooApiException Error(HttpMethod method, string path, WooResponse response)
    {
        var (kind, error) = WooErrorMapper.Classify(response.Status, response.Body, response.MediaType);
        if (kind == WooErrorKind.Redirected)
        {
            // Not followed: the credentials would travel to wherever the answer points. Its body is not shown either.
            if (MovedSite(response) is { } site)
            {
                return new WooApiException(kind, $"The store address {Connection.BaseUrl.AbsoluteUri.TrimEnd('/')} redirects to {site} "
                    + $"(HTTP {response.Status}). The portal does not follow redirects: connect the store as {site}.",
                    Connection.StoreKey, method.Method, response.Path, response.Status);
            }

            // A redirect to some other page (a login or maintenance page) is not the API answering.
            return new WooApiException(WooErrorKind.NotJson, $"{method.Method} {response.Path} on store '{Connection.StoreKey}' answered "
                + $"{response.Status}: a redirect to another page, not the WooCommerce API.", Connection.StoreKey, method.Method,
                response.Path, response.Status);
        }

        var detail = error is null ? Describe(kind) : $"{error.Code}: {error.Message}";
        return Error(kind, method, path, response, detail, error);
    }

    private WooApiException Error(WooErrorKind kind, HttpMethod method, string path, WooResponse response,
        string detail, WooErrorBody? error = null, bool appliedWrite = false)
    {
        error ??= WooErrorMapper.TryParseError(response.Body);
        var excerpt = error is null ? WooRedaction.Excerpt(response.Body, Connection) : null;
        var message = $"{method.Method} {response.Path} on store '{Connection.StoreKey}' answered {response.Status}: "
                      + WooRedaction.Excerpt(detail, Connection)
                      + (string.IsNullOrEmpty(excerpt) ? "" : $" (body: {excerpt})");
        var ambiguous = appliedWrite || (kind == WooErrorKind.ServerError && error is null);
        return new WooApiException(kind, message, Connection.StoreKey, method.Method, response.Path,
            response.Status, error?.Code, excerpt, response.RetryAfter, ambiguous);
    }

    private static StoreAddressRefusedException? Refusal(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is StoreAddressRefusedException refused)
                return refused;
        }
        return null;
    }

    /// <summary>The address the store moved to, as the merchant would enter it, when the redirect keeps the request's
    /// path below the store's address (the www. form, https, another folder); null for a redirect to another page.
    /// Never the target's query, which may echo credentials.</summary>
    private string? MovedSite(WooResponse response)
    {
        var site = Connection.BaseUrl.AbsoluteUri.TrimEnd('/');
        if (!response.Headers.TryGetValue("Location", out var location)
            || !Uri.TryCreate(new Uri(site + "/"), location, out var target)
            || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var basePath = Connection.BaseUrl.AbsolutePath.TrimEnd('/');
        var requested = response.Path.Split('?')[0];
        var below = requested.StartsWith(basePath, StringComparison.OrdinalIgnoreCase) ? requested[basePath.Length..] : requested;
        return target.AbsolutePath.EndsWith(below, StringComparison.OrdinalIgnoreCase)
            ? (target.GetLeftPart(UriPartial.Authority) + target.AbsolutePath[..^below.Length]).TrimEnd('/')
            : null;
    }

    // Flurl's exception text contains the full URL, query-string credentials and OAuth signature included.
    private static Exception Sanitize(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is not FlurlHttpException)
                return new WooTransportException(e.GetType().Name, e.Message.Contains('?') ? "" : e.Message);
        }
        return new WooTransportException(exception.GetType().Name, "");
    }

    private static string Describe(WooErrorKind kind) => kind switch
    {
        WooErrorKind.Timeout => "timed out",
        WooErrorKind.CircuitOpen => "circuit open after repeated failures, request not sent",
        WooErrorKind.RateLimited => "rate limited",
        WooErrorKind.Transport => "no answer from the store",
        WooErrorKind.NotJson => "the answer is not JSON",
        _ => kind.ToString(),
    };

    internal static string Segment(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string RedactedPath(IFlurlRequest request) => WooRedaction.PathAndQuery(request.Url.ToUri());

    /// <summary>An answer as read off the wire; <see cref="Path"/> is the request's path and query without credentials.</summary>
    internal sealed record WooResponse(int Status, string Body, string? MediaType,
        IReadOnlyDictionary<string, string> Headers, TimeSpan? RetryAfter, string Path)
    {
        public WooErrorBody? Error => WooErrorMapper.TryParseError(Body);

        public int? HeaderInt(string name) =>
            Headers.TryGetValue(name, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                ? n : null;
    }
}

public sealed class WooAuthModeChangedEventArgs(string storeKey, WooAuthMode mode, string notice) : EventArgs
{
    public string StoreKey { get; } = storeKey;
    public WooAuthMode Mode { get; } = mode;
    public string Notice { get; } = notice;
}

/// <summary>The transport failure behind a <see cref="WooApiException"/>, reduced to its type and a message
/// that carries no URL.</summary>
public sealed class WooTransportException(string originalType, string message)
    : Exception(string.IsNullOrEmpty(message) ? originalType : $"{originalType}: {message}");
