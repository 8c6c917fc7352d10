using System.ComponentModel.DataAnnotations;

namespace Portal.Features.TrackingExport;

public sealed class TrackingExportOptions
{
    public const string SectionName = "TrackingExport";

    /// <summary>How often the outbox is looked at for exports due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "TrackingExport:Interval must be between 00:00:01 and 01:00:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failure; it doubles with each further one, up to <see cref="MaxWait"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "TrackingExport:RetryAfter must be between 00:00:00 and 01:00:00.")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "TrackingExport:MaxWait must be between 00:00:00 and 1.00:00:00 (1 day).")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An export that failed this many times stops and waits for Retry on the store page.</summary>
    [Range(1, 100, ErrorMessage = "TrackingExport:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a claimed export is left to the process that claimed it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "TrackingExport:Lease must be between 00:00:01 and 01:00:00.")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
}
