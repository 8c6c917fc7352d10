using System.ComponentModel.DataAnnotations;

namespace Portal.Features.StockSync;

/// <summary>How soon and how often stock changes are pushed to the stores.</summary>
public sealed class StockSyncOptions
{
    public const string SectionName = "StockSync";

    /// <summary>A change waits this long before its push starts, so a burst of changes (a sale of many lines, a
    /// stock take) goes out in one run instead of one run each.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30", ErrorMessage = "StockSync:CoalesceDelay must be between 00:00:00 and 00:00:30.")]
    public TimeSpan CoalesceDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The safety net: every store is looked at this often, whether or not a change asked for a push
    /// (a change made on another node, a store whose wait after a failure is over).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "StockSync:SweepInterval must be between 00:00:01 and 01:00:00.")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The wait after a store's first failed push; it doubles with each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "StockSync:RetryBaseDelay must be between 00:00:00.100 and 01:00:00.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Batch requests in flight to one store during a push (the store's client allows a few at once).</summary>
    [Range(1, 16, ErrorMessage = "StockSync:RequestsInFlightPerStore must be between 1 and 16.")]
    public int RequestsInFlightPerStore { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "StockSync:RetryMaxDelay must be between 00:00:01 and 1.00:00:00 (1 day).")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);
}
