using System.ComponentModel.DataAnnotations;

namespace Portal.Features.Orders;

public sealed class OrderInboxOptions
{
    public const string SectionName = "OrderInbox";

    /// <summary>How long a claimed delivery is left to the process that claimed it; after that another may take it
    /// (the first one crashed or hangs). Longer than handling a batch of orders takes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "OrderInbox:Lease must be between 00:00:01 and 01:00:00.")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A delivery that failed this many times stops and waits for a Retry on the store page.</summary>
    [Range(1, 100, ErrorMessage = "OrderInbox:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before a failed delivery is tried again, times the attempts made.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "OrderInbox:RetryAfter must be between 00:00:00 and 01:00:00.")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 1000, ErrorMessage = "OrderInbox:BatchSize must be between 1 and 1000.")]
    public int BatchSize { get; set; } = 300;

    /// <summary>The safety net: the inbox is drained this often even when no delivery said so.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "OrderInbox:SafetyInterval must be between 00:00:01 and 01:00:00.")]
    public TimeSpan SafetyInterval { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class OrderPollingOptions
{
    public const string SectionName = "OrderPolling";

    /// <summary>How often every store is asked for the orders modified since its watermark.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00", ErrorMessage = "OrderPolling:Interval must be between 00:00:05 and 1.00:00:00 (1 day).")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Asked for again behind the watermark: orders saved while the last poll ran, and clock skew.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "OrderPolling:Overlap must be between 00:00:00 and 1.00:00:00 (1 day).")]
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(10);
}
