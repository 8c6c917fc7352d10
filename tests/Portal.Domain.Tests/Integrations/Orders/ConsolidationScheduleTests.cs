using Portal.Domain.Integrations;
using Portal.Domain.Integrations.Orders;

namespace Portal.Domain.Tests.Integrations.Orders;

/// <summary>
/// When the daily consolidation runs: at the consolidation time on the store's clock. New York's clocks go back on
/// 1 November 2026 (01:00–02:00 happens twice) and forward on 8 March 2026 (02:00–03:00 never happens); a store on a
/// fixed offset (UTC+05:30) has no such change.
/// </summary>
public class ConsolidationScheduleTests
{
    private static readonly StoreTimeZone NewYork = StoreTimeZone.Parse("America/New_York");
    private static readonly StoreTimeZone Kolkata = StoreTimeZone.Parse("UTC+5.5");
    private static readonly TimeOnly SixPm = new(18, 0);

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void Due_WhenTheTimeHasComeAndTheDayHasNotRun_ThenThatDaysRun() =>
        ConsolidationSchedule.Due(Utc(10, 30, 22), Utc(10, 31, 22), SixPm, NewYork)
            .ShouldBe(new ConsolidationRun(new DateOnly(2026, 10, 31), Utc(10, 31, 22)));

    [Fact]
    public void Due_WhenTheDayHasRun_ThenNothingUntilTomorrowsTime() =>
        ConsolidationSchedule.Due(Utc(10, 31, 22), Utc(11, 1, 12), SixPm, NewYork).ShouldBeNull();

    [Fact]
    public void Due_WhenTheClocksWentBack_ThenSixPmLocalIsAnHourLaterInUtcAndNotBefore()
    {
        // 18:00 EDT was 22:00 UTC the day before; 18:00 EST on 1 November is 23:00 UTC.
        ConsolidationSchedule.Due(Utc(10, 31, 22), Utc(11, 1, 22, 30), SixPm, NewYork).ShouldBeNull();
        ConsolidationSchedule.Due(Utc(10, 31, 22), Utc(11, 1, 23), SixPm, NewYork)
            .ShouldBe(new ConsolidationRun(new DateOnly(2026, 11, 1), Utc(11, 1, 23)));
    }

    [Fact]
    public void Due_WhenTheConsolidationTimeHappensTwice_ThenItRunsOnceAtTheFirst()
    {
        var halfPastOne = new TimeOnly(1, 30);
        var first = ConsolidationSchedule.Due(Utc(10, 31, 5, 30), Utc(11, 1, 5, 30), halfPastOne, NewYork);
        first.ShouldBe(new ConsolidationRun(new DateOnly(2026, 11, 1), Utc(11, 1, 5, 30)));

        ConsolidationSchedule.Due(first!.DueAtUtc, Utc(11, 1, 6, 45), halfPastOne, NewYork).ShouldBeNull();
    }

    [Fact]
    public void Due_WhenTheClocksSkipTheConsolidationTime_ThenItRunsOnceJustAfterTheGap()
    {
        var halfPastTwo = new TimeOnly(2, 30);
        // 02:30 EST would be 07:30 UTC; the clocks jump from 02:00 EST to 03:00 EDT (07:00 UTC), so 02:30 reads as 03:30 EDT.
        ConsolidationSchedule.Due(Utc(3, 7, 7, 30), Utc(3, 8, 7, 15), halfPastTwo, NewYork).ShouldBeNull();
        var run = ConsolidationSchedule.Due(Utc(3, 7, 7, 30), Utc(3, 8, 7, 30), halfPastTwo, NewYork);
        run.ShouldBe(new ConsolidationRun(new DateOnly(2026, 3, 8), Utc(3, 8, 7, 30)));
        ConsolidationSchedule.Due(run!.DueAtUtc, Utc(3, 8, 9), halfPastTwo, NewYork).ShouldBeNull();
    }

    [Theory]
    [InlineData(3, 8)]
    [InlineData(11, 1)]
    public void Due_WhenAFixedOffsetStore_ThenTheSameUtcInstantEveryDay(int month, int day)
    {
        // 18:00 at UTC+05:30 is 12:30 UTC, whatever New York's clocks do.
        ConsolidationSchedule.Due(Utc(month, day, 12, 30).AddDays(-1), Utc(month, day, 12, 29), SixPm, Kolkata).ShouldBeNull();
        ConsolidationSchedule.Due(Utc(month, day, 12, 30).AddDays(-1), Utc(month, day, 12, 30), SixPm, Kolkata)
            .ShouldBe(new ConsolidationRun(new DateOnly(2026, month, day), Utc(month, day, 12, 30)));
    }

    [Fact]
    public void Due_WhenTheStoresDateIsAheadOfUtc_ThenTheRunIsForTheStoresDate() =>
        // 00:30 on 2 March at UTC+05:30 is still 1 March in UTC: the 18:00 run due is the store's 1 March.
        ConsolidationSchedule.Due(null, Utc(3, 1, 19), SixPm, Kolkata)
            .ShouldBe(new ConsolidationRun(new DateOnly(2026, 3, 1), Utc(3, 1, 12, 30)));

    [Fact]
    public void Due_WhenDaysWereMissed_ThenOneRunForTheLatestDay() =>
        ConsolidationSchedule.Due(Utc(10, 27, 22), Utc(10, 30, 23), SixPm, NewYork)
            .ShouldBe(new ConsolidationRun(new DateOnly(2026, 10, 30), Utc(10, 30, 22)));

    [Fact]
    public void NextDueUtc_WhenAcrossTheClocksGoingBack_ThenSixPmLocal()
    {
        ConsolidationSchedule.NextDueUtc(Utc(10, 31, 21), SixPm, NewYork).ShouldBe(Utc(10, 31, 22));
        ConsolidationSchedule.NextDueUtc(Utc(10, 31, 22), SixPm, NewYork).ShouldBe(Utc(11, 1, 23));
    }
}
