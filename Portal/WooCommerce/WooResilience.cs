using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Portal.WooCommerce;

/// <summary>The one place where a store's calls are limited, timed out, retried and cut off: a Polly pipeline
/// per store, run by a single <see cref="ResilienceHandler"/>.</summary>
internal static class WooResilience
{
    /// <summary>Set on POSTs that create something: after a timeout or 5xx the store may have created it
    /// already, so the pipeline does not send it again; the client looks the object up instead.</summary>
    public static readonly HttpRequestOptionsKey<bool> NonIdempotentKey = new("woo.non-idempotent");

    public static ResiliencePipeline<HttpResponseMessage> Build(
        string storeKey, WooClientOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "woo-" + storeKey, TimeProvider = time };

        // Outermost: retries and back-off waits keep their slot, so a struggling store gets fewer requests.
        builder.AddConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrentRequestsPerStore,
            QueueLimit = options.MaxQueuedRequestsPerStore,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    var request = args.Context.GetRequestMessage();
                    logger.LogWarning(
                        "WooCommerce {Store}: retrying {Method} {Path} after {Outcome} (retry {Retry}, waiting {Delay} ms)",
                        storeKey, request?.Method.Method, request?.RequestUri is { } uri ? WooRedaction.PathAndQuery(uri) : "",
                        args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name,
                        args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.CircuitFailureRatio,
            MinimumThroughput = options.CircuitMinimumThroughput,
            SamplingDuration = options.CircuitSamplingDuration,
            BreakDuration = options.CircuitBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsStoreFailure(args.Outcome)),
            OnOpened = args =>
            {
                logger.LogWarning("WooCommerce {Store}: circuit opened for {Seconds} s after repeated failures",
                    storeKey, args.BreakDuration.TotalSeconds);
                return ValueTask.CompletedTask;
            },
        });

        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
        return builder.Build();
    }

    // 429 is the store asking us to slow down, not failing: it is retried but does not open the circuit.
    private static bool IsStoreFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: { } refused } when WooErrorMapper.ClassifyException(refused).Kind == WooErrorKind.PrivateAddress => false,
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout,
        _ => false,
    };

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, WooClientOptions options)
    {
        var nonIdempotent = context.GetRequestMessage()?.Options.TryGetValue(NonIdempotentKey, out var flag) == true && flag;
        if (outcome.Exception is { } exception)
        {
            if (exception is not (HttpRequestException or TimeoutRejectedException)
                || WooErrorMapper.ClassifyException(exception).Kind == WooErrorKind.PrivateAddress)
                return false;
            return !nonIdempotent || !WooErrorMapper.ClassifyException(exception).Ambiguous;
        }
        var result = outcome.Result!;
        if (result.StatusCode == HttpStatusCode.TooManyRequests)
            return RetryAfter(result) is not { } wait || wait <= options.MaxRetryAfter;
        return !nonIdempotent && WooErrorMapper.IsTransientStatus(result.StatusCode);
    }

    /// <summary>The delay a 429 or 503 asks for in <c>Retry-After</c> (seconds or an HTTP date), if any.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta;
        if (header?.Date is { } date && response!.Headers.Date is { } now)
            return date - now > TimeSpan.Zero ? date - now : TimeSpan.Zero;
        return null;
    }
}
