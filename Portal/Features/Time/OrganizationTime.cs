using System.Globalization;
using Portal.Domain.Integrations;
using Portal.Features.Organizations;

namespace Portal.Features.Time;

/// <summary>
/// The organization's time zone for everything a merchant reads, loaded once per circuit or request. Without an
/// organization (support's own pages) times are shown in UTC, and say so.
/// </summary>
public sealed class OrganizationTime
{
    private readonly Func<Task<StoreTimeZone>> _load;
    private readonly TimeProvider _clock;
    private Task<StoreTimeZone>? _zone;

    public OrganizationTime(CurrentOrganization organization, TimeProvider clock)
        : this(() => LoadAsync(organization), clock)
    {
    }

    private OrganizationTime(Func<Task<StoreTimeZone>> load, TimeProvider clock)
    {
        _load = load;
        _clock = clock;
    }

    /// <summary>Always the given zone: for component tests and pages outside an organization.</summary>
    public static OrganizationTime Fixed(StoreTimeZone zone, TimeProvider clock) => new(() => Task.FromResult(zone), clock);

    public Task<StoreTimeZone> ZoneAsync() => _zone ??= _load();

    /// <summary>Today's date in the organization's zone: what a date field offers by default.</summary>
    public async Task<DateTime> TodayAsync() =>
        DateTime.SpecifyKind((await ZoneAsync()).ToLocal(_clock.GetUtcNow().UtcDateTime).Date, DateTimeKind.Utc);

    private static async Task<StoreTimeZone> LoadAsync(CurrentOrganization organization)
    {
        var found = await organization.GetAsync();
        return found is not null && StoreTimeZone.TryParse(found.TimeZoneId, out var zone, out _) ? zone : StoreTimeZone.Utc;
    }
}

/// <summary>How instants are written for a reader: one format everywhere, the zone named.</summary>
public static class TimeText
{
    public const string Minutes = "yyyy-MM-dd HH:mm";
    public const string Seconds = "yyyy-MM-dd HH:mm:ss";

    /// <summary>"2026-03-29 14:05 Europe/Berlin"; the zone is left out where a column header names it.</summary>
    public static string Format(DateTime utc, StoreTimeZone zone, bool seconds = false, bool withZone = true)
    {
        var local = zone.ToLocal(utc).ToString(seconds ? Seconds : Minutes, CultureInfo.InvariantCulture);
        return withZone ? $"{local} {zone.Id}" : local;
    }

    /// <summary>The machine-readable instant for a &lt;time&gt; element and its tooltip.</summary>
    public static string Iso(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
