namespace Portal.Domain.Integrations.Orders;

/// <summary>A consolidation run: the store's date it consolidates and the UTC instant it became due.</summary>
public sealed record ConsolidationRun(DateOnly LocalDate, DateTime DueAtUtc);

/// <summary>
/// When a store's daily consolidation runs: at its consolidation time on the store's wall clock, in its zone. A
/// daylight-saving change moves nothing (18:00 stays 18:00 local); a time the clocks skip runs just after the gap, a time
/// they repeat runs at its first occurrence, and each local day runs once.
/// </summary>
public static class ConsolidationSchedule
{
    /// <summary>
    /// The run due at <paramref name="nowUtc"/>: the latest consolidation time already reached, unless the last run was at
    /// or after it. Days missed while the portal was down are one run: it takes every order captured since the last one.
    /// </summary>
    public static ConsolidationRun? Due(DateTime? lastRunUtc, DateTime nowUtc, TimeOnly consolidationTime, StoreTimeZone zone)
    {
        var now = Amounts.Utc(nowUtc, nameof(nowUtc));
        var date = zone.DateOf(now);
        var dueAt = zone.ToUtc(date, consolidationTime);
        if (dueAt > now)
        {
            date = date.AddDays(-1);
            dueAt = zone.ToUtc(date, consolidationTime);
        }

        return lastRunUtc is { } last && Amounts.Utc(last, nameof(lastRunUtc)) >= dueAt ? null : new ConsolidationRun(date, dueAt);
    }

    /// <summary>When the next run falls due after <paramref name="nowUtc"/>: for a scheduler's next wake-up.</summary>
    public static DateTime NextDueUtc(DateTime nowUtc, TimeOnly consolidationTime, StoreTimeZone zone)
    {
        var date = zone.DateOf(Amounts.Utc(nowUtc, nameof(nowUtc)));
        var dueAt = zone.ToUtc(date, consolidationTime);
        return dueAt > nowUtc ? dueAt : zone.ToUtc(date.AddDays(1), consolidationTime);
    }
}
