using System.Net;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Portal.WooCommerce;

/// <summary>Turns a status and body, or a transport failure, into a <see cref="WooErrorKind"/>. Used both by
/// the per-attempt recorder and for the exception the caller sees, so both say the same.</summary>
internal static class WooErrorMapper
{
    public static (WooErrorKind Kind, WooErrorBody? Body) Classify(int status, string? body, string? mediaType)
    {
        var error = TryParseError(body);
        var isJson = error is not null || LooksLikeJson(body, mediaType);
        var code = error?.Code ?? "";
        WooErrorKind kind = status switch
        {
            401 or 403 when IsPermissionError(code, error?.Message) => WooErrorKind.MissingPermission,
            401 => WooErrorKind.BadCredentials,
            403 => isJson ? WooErrorKind.MissingPermission : WooErrorKind.NotJson,
            404 when code == "rest_no_route" => WooErrorKind.NoWooCommerceApi,
            404 or 410 => isJson ? WooErrorKind.NotFound : WooErrorKind.NotJson,
            400 => isJson ? WooErrorKind.Validation : WooErrorKind.NotJson,
            >= 300 and < 400 => WooErrorKind.Redirected,
            408 => WooErrorKind.Timeout,
            413 => WooErrorKind.BatchTooLarge,
            429 => WooErrorKind.RateLimited,
            >= 500 => WooErrorKind.ServerError,
            _ => isJson ? WooErrorKind.Unexpected : WooErrorKind.NotJson,
        };
        return (kind, error);
    }

    // A read-only key writing answers 401 woocommerce_rest_authentication_error "…does not have write
    // permissions"; a user without the capability answers woocommerce_rest_cannot_create/edit/delete.
    private static bool IsPermissionError(string code, string? message) =>
        (code.StartsWith("woocommerce_rest_cannot_", StringComparison.Ordinal) && code != "woocommerce_rest_cannot_view")
        || (message?.Contains("permission", StringComparison.OrdinalIgnoreCase) ?? false);

    public static WooErrorBody? TryParseError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
            return null;
        try
        {
            var error = JsonSerializer.Deserialize<WooErrorBody>(body, WooJson.Options);
            return error?.Code is null ? null : error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool LooksLikeJson(string? body, string? mediaType)
    {
        if (mediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true || string.IsNullOrWhiteSpace(body))
            return false;
        var first = body.TrimStart()[0];
        return first is '{' or '[';
    }

    /// <summary>
    /// Why the store's certificate was refused, when that is what failed: the TLS handshake's
    /// <see cref="System.Security.Authentication.AuthenticationException"/> inside the HttpRequestException. Its
    /// message names the chain or name problem and never the URL.
    /// </summary>
    public static string? CertificateError(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Security.Authentication.AuthenticationException tls)
            {
                return tls.Message.TrimEnd('.');
            }
        }

        return null;
    }

    public static (WooErrorKind Kind, bool Ambiguous) ClassifyException(Exception exception)
    {
        // The handler wraps a refusal from the connect step in HttpRequestException: look inside first.
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is StoreAddressRefusedException)
                return (WooErrorKind.PrivateAddress, false);
        }
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BrokenCircuitException:
                    return (WooErrorKind.CircuitOpen, false);
                case RateLimiterRejectedException:
                    return (WooErrorKind.RateLimited, false);
                case TimeoutRejectedException or TimeoutException:
                    return (WooErrorKind.Timeout, true);
                case HttpRequestException http:
                    // Nothing reached the store when the connection never came up: safe to send again.
                    var sent = http.HttpRequestError is not (HttpRequestError.NameResolutionError
                        or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError);
                    return (WooErrorKind.Transport, sent);
            }
        }
        return exception is OperationCanceledException ? (WooErrorKind.Timeout, true) : (WooErrorKind.Transport, true);
    }

    public static bool IsSuccess(int status) => status is >= 200 and < 300;

    public static bool IsTransientStatus(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
