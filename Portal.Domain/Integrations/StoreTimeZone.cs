using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Domain.Integrations;

/// <summary>
/// A store's time zone, which decides the store's day (daily consolidation, "today's orders"): an IANA zone such as
/// <c>Europe/Berlin</c>, or a fixed offset, which is what WordPress keeps when the site owner picked "UTC+5.5" rather
/// than a city (its <c>gmt_offset</c>). A fixed offset is stored as <c>UTC+05:30</c> / <c>UTC-03:00</c>, zero as
/// <c>UTC</c>. Local times the clocks skip (a daylight-saving gap) move forward by the gap; local times that occur
/// twice (an overlap) are the first occurrence.
/// </summary>
public sealed partial class StoreTimeZone
{
    /// <summary>WordPress offers offsets from UTC−12 to UTC+14.</summary>
    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    private readonly TimeZoneInfo _zone;

    private StoreTimeZone(string id, TimeZoneInfo zone)
    {
        Id = id;
        _zone = zone;
    }

    public static StoreTimeZone Utc { get; } = FixedOffset(TimeSpan.Zero);

    /// <summary>The stored form: the IANA name, or <c>UTC±hh:mm</c>, or <c>UTC</c>.</summary>
    public string Id { get; }

    public override string ToString() => Id;

    /// <summary>The zone of WordPress's <c>gmt_offset</c> in hours (5.5, −3, 5.75).</summary>
    public static StoreTimeZone FromGmtOffset(decimal hours) =>
        FixedOffset(TimeSpan.FromMinutes((double)decimal.Round(hours * 60m)));

    /// <summary>
    /// Reads a stored or entered zone: an IANA name, <c>UTC</c>, or an offset written <c>UTC+05:30</c>, <c>UTC-3</c> or
    /// <c>UTC+5.5</c>. False with the merchant's message when it is none of them.
    /// </summary>
    public static bool TryParse(string? value, out StoreTimeZone zone, out string error)
    {
        var text = value?.Trim() ?? "";
        zone = Utc;
        error = $"'{text}' is not a time zone: enter a name such as Europe/Berlin or an offset such as UTC+05:30.";
        if (text.Length == 0 || text.Length > 64)
        {
            return false;
        }

        if (text is "UTC" or "GMT" or "Etc/UTC" or "Etc/GMT")
        {
            error = "";
            return true;
        }

        if (OffsetPattern().Match(text) is { Success: true } match)
        {
            var minutes = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            var offset = new TimeSpan(int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture), minutes, 0);
            if (match.Groups["f"].Success)
            {
                offset += TimeSpan.FromMinutes((double)(decimal.Parse("0" + match.Groups["f"].Value, CultureInfo.InvariantCulture) * 60m));
            }

            if (offset > MaxOffset || minutes >= 60)
            {
                return false;
            }

            zone = FixedOffset(match.Groups["sign"].Value == "-" ? -offset : offset);
            error = "";
            return true;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(text, out var found))
        {
            return false;
        }

        zone = new StoreTimeZone(text, found);
        error = "";
        return true;
    }

    /// <summary>A zone stored by the portal; one it no longer understands is a bug or a damaged row, never input.</summary>
    public static StoreTimeZone Parse(string? value) =>
        TryParse(value, out var zone, out var error) ? zone : throw new DomainException(error);

    /// <summary>The store's wall-clock time at a UTC instant.</summary>
    public DateTime ToLocal(DateTime utc) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), _zone), DateTimeKind.Unspecified);

    /// <summary>The store's date at a UTC instant.</summary>
    public DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>The UTC instant of a wall-clock time of the store (a skipped time moves forward, a repeated one is the first).</summary>
    public DateTime ToUtc(DateOnly date, TimeOnly time) => ToUtc(date.ToDateTime(time));

    /// <inheritdoc cref="ToUtc(DateOnly, TimeOnly)"/>
    public DateTime ToUtc(DateTime local)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // The offsets in force a day before and a day after: a transition lies between them, if any.
        var roughly = wall - _zone.BaseUtcOffset;
        var before = _zone.GetUtcOffset(DateTime.SpecifyKind(roughly.AddDays(-1), DateTimeKind.Utc));
        var after = _zone.GetUtcOffset(DateTime.SpecifyKind(roughly.AddDays(1), DateTimeKind.Utc));
        // The larger offset gives the earlier instant: tried first, it picks the first occurrence of a repeated time.
        foreach (var offset in before >= after ? [before, after] : new[] { after, before })
        {
            var utc = DateTime.SpecifyKind(wall - offset, DateTimeKind.Utc);
            if (_zone.GetUtcOffset(utc) == offset)
            {
                return utc;
            }
        }

        // Skipped by the clocks: read with the offset before the gap, which lands as far after the gap as it was into it.
        return DateTime.SpecifyKind(wall - before, DateTimeKind.Utc);
    }

    /// <summary>The store's day <paramref name="date"/> as UTC instants: from its first moment up to (not including)
    /// the next day's. 23 or 25 hours long on a daylight-saving change.</summary>
    public (DateTime StartUtc, DateTime EndUtc) DayUtc(DateOnly date) =>
        (ToUtc(date, TimeOnly.MinValue), ToUtc(date.AddDays(1), TimeOnly.MinValue));

    private static StoreTimeZone FixedOffset(TimeSpan offset)
    {
        if (offset.Duration() > MaxOffset)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "A time zone's offset lies between UTC−14:00 and UTC+14:00.");
        }

        var id = offset == TimeSpan.Zero ? "UTC" : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}";
        return new StoreTimeZone(id, TimeZoneInfo.CreateCustomTimeZone(id, offset, id, id));
    }

    private static DateTime AsUtc(DateTime utc) => utc.Kind switch
    {
        DateTimeKind.Utc => utc,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(utc, DateTimeKind.Utc),
        _ => throw new ArgumentException("A local DateTime of the machine is not a UTC instant.", nameof(utc)),
    };

    [GeneratedRegex(@"^UTC(?<sign>[+-])(?<h>\d{1,2})(?::(?<m>\d{2})|(?<f>\.\d{1,2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetPattern();
}
