using Portal.Domain.Integrations;

namespace Portal.Domain.Tests.Integrations;

public class StoreTimeZoneTests
{
    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void Iana_WhenSummerAndWinter_ThenTheZonesOffsetOfThatDateApplies()
    {
        var berlin = StoreTimeZone.Parse("Europe/Berlin");

        berlin.Id.ShouldBe("Europe/Berlin");
        berlin.ToLocal(Utc(2026, 1, 15, 23, 30)).ShouldBe(new DateTime(2026, 1, 16, 0, 30, 0));
        berlin.DateOf(Utc(2026, 7, 15, 22, 30)).ShouldBe(new DateOnly(2026, 7, 16));
        berlin.ToUtc(new DateOnly(2026, 7, 16), new TimeOnly(0, 30)).ShouldBe(Utc(2026, 7, 15, 22, 30));
        berlin.DayUtc(new DateOnly(2026, 1, 16)).ShouldBe((Utc(2026, 1, 15, 23), Utc(2026, 1, 16, 23)));
    }

    [Theory]
    [InlineData(5.5, "UTC+05:30")]
    [InlineData(5.75, "UTC+05:45")]
    [InlineData(-3, "UTC-03:00")]
    [InlineData(-9.5, "UTC-09:30")]
    [InlineData(0, "UTC")]
    public void FromGmtOffset_ThenStoredAsTodaysRowsAre(decimal hours, string stored)
    {
        StoreTimeZone.FromGmtOffset(hours).Id.ShouldBe(stored);
        StoreTimeZone.Parse(stored).Id.ShouldBe(stored);
    }

    [Fact]
    public void PositiveFixedOffset_ThenTheStoresDayStartsBeforeUtcs()
    {
        var kolkata = StoreTimeZone.Parse("UTC+05:30");

        kolkata.ToLocal(Utc(2026, 3, 1, 18, 45)).ShouldBe(new DateTime(2026, 3, 2, 0, 15, 0));
        kolkata.DateOf(Utc(2026, 3, 1, 18, 29)).ShouldBe(new DateOnly(2026, 3, 1));
        kolkata.DateOf(Utc(2026, 3, 1, 18, 30)).ShouldBe(new DateOnly(2026, 3, 2));
        kolkata.DayUtc(new DateOnly(2026, 3, 2)).ShouldBe((Utc(2026, 3, 1, 18, 30), Utc(2026, 3, 2, 18, 30)));
        kolkata.ToUtc(new DateOnly(2026, 3, 2), new TimeOnly(18, 0)).ShouldBe(Utc(2026, 3, 2, 12, 30));
    }

    [Fact]
    public void NegativeFixedOffset_ThenTheStoresDayStartsAfterUtcs()
    {
        var saoPaulo = StoreTimeZone.Parse("UTC-03:00");

        saoPaulo.ToLocal(Utc(2026, 3, 2, 2, 0)).ShouldBe(new DateTime(2026, 3, 1, 23, 0, 0));
        saoPaulo.DateOf(Utc(2026, 3, 2, 2, 59)).ShouldBe(new DateOnly(2026, 3, 1));
        saoPaulo.DayUtc(new DateOnly(2026, 3, 1)).ShouldBe((Utc(2026, 3, 1, 3), Utc(2026, 3, 2, 3)));
        saoPaulo.ToUtc(new DateOnly(2026, 3, 1), new TimeOnly(22, 0)).ShouldBe(Utc(2026, 3, 2, 1));
    }

    [Theory]
    [InlineData("UTC+5.5", "UTC+05:30")]
    [InlineData("UTC-3", "UTC-03:00")]
    [InlineData(" UTC+14:00 ", "UTC+14:00")]
    [InlineData("UTC", "UTC")]
    public void TryParse_WhenAnOffsetIsWrittenAsWordPressShowsIt_ThenStoredInOneForm(string entered, string stored)
    {
        StoreTimeZone.TryParse(entered, out var zone, out _).ShouldBeTrue();
        zone.Id.ShouldBe(stored);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Mars/Olympus")]
    [InlineData("UTC+15:00")]
    [InlineData("UTC+05:75")]
    [InlineData("+05:30")]
    public void TryParse_WhenNotAZone_ThenTheMerchantIsToldWhatToEnter(string entered)
    {
        StoreTimeZone.TryParse(entered, out _, out var error).ShouldBeFalse();
        error.ShouldBe($"'{entered.Trim()}' is not a time zone: enter a name such as Europe/Berlin or an offset such as UTC+05:30.");
    }

    [Fact]
    public void DaylightSavingGap_WhenALocalTimeIsSkipped_ThenItMovesForwardByTheGap()
    {
        var berlin = StoreTimeZone.Parse("Europe/Berlin");

        // 29 March 2026: clocks jump from 02:00 to 03:00; 02:30 does not exist and is read as 03:30 CEST.
        berlin.ToUtc(new DateOnly(2026, 3, 29), new TimeOnly(2, 30)).ShouldBe(Utc(2026, 3, 29, 1, 30));
        berlin.ToUtc(new DateOnly(2026, 3, 29), new TimeOnly(3, 0)).ShouldBe(Utc(2026, 3, 29, 1, 0));
        berlin.ToUtc(new DateOnly(2026, 3, 29), new TimeOnly(1, 59)).ShouldBe(Utc(2026, 3, 29, 0, 59));
        var (start, end) = berlin.DayUtc(new DateOnly(2026, 3, 29));
        (end - start).ShouldBe(TimeSpan.FromHours(23));
    }

    [Fact]
    public void DaylightSavingOverlap_WhenALocalTimeOccursTwice_ThenTheFirstOccurrence()
    {
        var berlin = StoreTimeZone.Parse("Europe/Berlin");

        // 25 October 2026: clocks go back from 03:00 to 02:00; 02:30 happens at 00:30 and at 01:30 UTC.
        berlin.ToUtc(new DateOnly(2026, 10, 25), new TimeOnly(2, 30)).ShouldBe(Utc(2026, 10, 25, 0, 30));
        berlin.ToLocal(Utc(2026, 10, 25, 0, 30)).ShouldBe(new DateTime(2026, 10, 25, 2, 30, 0));
        berlin.ToLocal(Utc(2026, 10, 25, 1, 30)).ShouldBe(new DateTime(2026, 10, 25, 2, 30, 0));
        var (start, end) = berlin.DayUtc(new DateOnly(2026, 10, 25));
        (end - start).ShouldBe(TimeSpan.FromHours(25));
    }

    [Fact]
    public void DaylightSavingGap_WhenMidnightIsSkipped_ThenTheDayStartsWhenTheClocksResume()
    {
        // Chile springs forward at midnight: 6 September 2026 starts at 01:00 (UTC−3), not at 00:00.
        var santiago = StoreTimeZone.Parse("America/Santiago");

        santiago.DayUtc(new DateOnly(2026, 9, 6)).StartUtc.ShouldBe(Utc(2026, 9, 6, 4));
        santiago.ToLocal(Utc(2026, 9, 6, 4)).ShouldBe(new DateTime(2026, 9, 6, 1, 0, 0));
    }
}
