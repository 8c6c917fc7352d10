using System.ComponentModel.DataAnnotations;

namespace Portal.WooCommerce;

/// <summary>Timeouts, retries and limits for every store's client. Delays are settings so tests can run with
/// milliseconds.</summary>
public sealed class WooClientOptions
{
    public const string SectionName = "WooCommerce";

    /// <summary>Upper bound for one HTTP attempt (the real store answers a 100-item batch in about 3 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off delay; grows exponentially with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A 429 asking to wait longer than this is not retried but surfaced as <see cref="WooErrorKind.RateLimited"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Share of failed attempts within <see cref="CircuitSamplingDuration"/> that opens a store's circuit.</summary>
    [Range(0.01, 1.0)]
    public double CircuitFailureRatio { get; set; } = 0.5;

    [Range(2, 10_000)]
    public int CircuitMinimumThroughput { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests in flight to one store at a time (the real 2-core store peaks at 4-8 parallel requests).</summary>
    [Range(1, 64)]
    public int MaxConcurrentRequestsPerStore { get; set; } = 4;

    /// <summary>Requests that may wait for a free slot before being rejected.</summary>
    [Range(0, 100_000)]
    public int MaxQueuedRequestsPerStore { get; set; } = 10_000;

    /// <summary>Connect to stores whose address resolves to loopback, private, link-local or other non-public
    /// addresses. Off by default (request forgery); the portal sets it from <c>Portal:AllowPrivateStoreAddresses</c>.</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Page size for the iterators; WooCommerce allows at most 100.</summary>
    [Range(1, 100)]
    public int PageSize { get; set; } = 100;
}
