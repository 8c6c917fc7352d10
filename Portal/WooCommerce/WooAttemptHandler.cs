using Microsoft.Extensions.Logging;

namespace Portal.WooCommerce;

/// <summary>Runs once per attempt, below the resilience handler: refreshes the OAuth signature of a retry,
/// and records the attempt (without credentials) for the store's activity log.</summary>
internal sealed class WooAttemptHandler(
    WooStoreConnection connection,
    WooAuthenticator authenticator,
    IWooCallRecorder recorder,
    TimeProvider time,
    ILogger logger) : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<int> AttemptKey = new("woo.attempt");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = request.Options.TryGetValue(AttemptKey, out var previous) ? previous + 1 : 1;
        request.Options.Set(AttemptKey, attempt);
        if (attempt > 1 && request.Options.TryGetValue(WooAuthenticator.ModeKey, out var mode) && mode == WooAuthMode.OAuth1)
            request.RequestUri = authenticator.SignOAuth(request.Method, request.RequestUri!);

        var path = WooRedaction.PathAndQuery(request.RequestUri!);
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            WooErrorKind? kind = null;
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!WooErrorMapper.IsSuccess(status))
            {
                // Error bodies are small; buffering lets the caller read the same body afterwards.
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                kind = WooErrorMapper.Classify(status, body, mediaType).Kind;
            }
            else if (status != 204 && mediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
            {
                kind = WooErrorKind.NotJson;
            }
            Record(request, path, status, started, attempt, kind, startedAt);
            return response;
        }
        catch (Exception exception)
        {
            Record(request, path, null, started, attempt, WooErrorMapper.ClassifyException(exception).Kind, startedAt);
            throw;
        }
    }

    private void Record(HttpRequestMessage request, string path, int? status, long started, int attempt,
        WooErrorKind? kind, DateTimeOffset startedAt)
    {
        var duration = time.GetElapsedTime(started);
        var call = new WooCall(connection.StoreKey, request.Method.Method, path, status, duration, attempt, kind, startedAt,
            WooCallSubject.Current);
        logger.LogDebug("WooCommerce {Store}: {Method} {Path} -> {Status} {Kind} in {Ms} ms (attempt {Attempt})",
            call.StoreKey, call.Method, call.Path, call.Status, call.ErrorKind, (long)duration.TotalMilliseconds, attempt);
        try
        {
            recorder.Record(call);
        }
        catch (Exception exception)
        {
            // The activity log must never break a sync.
            logger.LogError(exception, "WooCommerce {Store}: the call recorder failed", connection.StoreKey);
        }
    }
}
