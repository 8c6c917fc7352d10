using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Integrations;
using Portal.Features.Time;
using Portal.Tests.Components;

namespace Portal.Tests.Time;

/// <summary>Every time a merchant reads goes through <see cref="LocalTime"/>: the organization's zone, named.</summary>
public sealed class LocalTimeTests : IAsyncLifetime
{
    // 2026-07-01 10:30 UTC is 12:30 in Berlin (summer time) and 06:30 in New York.
    private static readonly DateTime Instant = new(2026, 7, 1, 10, 30, 15, DateTimeKind.Utc);
    private readonly BunitHost _bunit = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 7, 1, 23, 30, 0, TimeSpan.Zero));

    public Task InitializeAsync()
    {
        _bunit.Context.Services.AddScoped(_ => OrganizationTime.Fixed(StoreTimeZone.Parse("Europe/Berlin"), _clock));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _bunit.DisposeAsync().AsTask();

    [Fact]
    public void LocalTime_WhenTheOrganizationIsInBerlin_ThenShowsBerlinTimeAndNamesTheZone()
    {
        var time = _bunit.Context.Render<LocalTime>(p => p.Add(t => t.At, Instant));

        var element = time.Find("time");
        element.TextContent.ShouldBe("2026-07-01 12:30 Europe/Berlin");
        element.GetAttribute("datetime").ShouldBe("2026-07-01T10:30:15Z");
        element.GetAttribute("title").ShouldBe("2026-07-01T10:30:15Z (UTC)");
    }

    [Fact]
    public void LocalTime_WhenGivenTheStoresZone_ThenShowsTheStoresClockInstead()
    {
        var time = _bunit.Context.Render<LocalTime>(p => p
            .Add(t => t.At, Instant).Add(t => t.Zone, StoreTimeZone.Parse("UTC+05:30")).Add(t => t.Seconds, true));

        time.Find("time").TextContent.ShouldBe("2026-07-01 16:00:15 UTC+05:30");
    }

    [Fact]
    public void LocalTime_WhenTheColumnNamesTheZone_ThenTheCellLeavesItOutAndTheHeaderSaysIt()
    {
        var cell = _bunit.Context.Render<LocalTime>(p => p.Add(t => t.At, Instant).Add(t => t.HideZone, true));
        var header = _bunit.Context.Render<TimeZoneName>();

        cell.Find("time").TextContent.ShouldBe("2026-07-01 12:30");
        header.Markup.ShouldContain("Europe/Berlin");
    }

    [Fact]
    public void LocalTime_WhenThereIsNoTime_ThenSaysNever()
    {
        _bunit.Context.Render<LocalTime>(p => p.Add(t => t.At, null)).Markup.Trim().ShouldBe("never");
    }

    [Fact]
    public async Task TodayAsync_WhenUtcIsStillYesterdayButBerlinIsPastMidnight_ThenIsBerlinsDate()
    {
        var today = await OrganizationTime.Fixed(StoreTimeZone.Parse("Europe/Berlin"), _clock).TodayAsync();

        today.ShouldBe(new DateTime(2026, 7, 2, 0, 0, 0, DateTimeKind.Utc));
    }
}
