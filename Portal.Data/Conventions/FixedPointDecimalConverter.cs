using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Data.Conventions;

/// <summary>
/// Money and quantities are stored as integers of ten-thousandths. SQLite has no decimal type: stored as text or
/// real, comparisons and ORDER BY either run on the client or give wrong answers. A 64-bit integer sorts and compares
/// in SQL on both providers and keeps 4 decimals exactly (up to ±922 trillion).
/// </summary>
public sealed class FixedPointDecimalConverter() : ValueConverter<decimal, long>(
    v => (long)decimal.Round(v * Scale, 0, MidpointRounding.AwayFromZero),
    v => v / Scale)
{
    public const decimal Scale = 10_000m;
}

/// <summary>Reads every DateTime back as UTC: SQLite keeps no kind, and the portal only stores UTC instants.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
