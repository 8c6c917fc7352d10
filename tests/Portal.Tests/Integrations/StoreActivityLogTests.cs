using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using Portal.Tests.Components;

namespace Portal.Tests.Integrations;

/// <summary>The activity log reads itself again while it is open, and shows raw paths only on demand.</summary>
public sealed class StoreActivityLogTests : IAsyncLifetime
{
    private readonly BunitHost _bunit = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly List<ActivityRow> _rows = [];
    private int _loads;

    public Task InitializeAsync()
    {
        _bunit.Context.Services.AddSingleton<TimeProvider>(_clock);
        _bunit.RenderProviders();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _bunit.DisposeAsync().AsTask();

    private Task<(IReadOnlyList<ActivityRow> Items, int Total)> LoadAsync(ActivityFilter filter, int page, int size, CancellationToken ct)
    {
        Interlocked.Increment(ref _loads);
        lock (_rows)
        {
            return Task.FromResult<(IReadOnlyList<ActivityRow>, int)>((_rows.OrderByDescending(r => r.AtUtc).ToList(), _rows.Count));
        }
    }

    private static ActivityRow Call(DateTime at, string method, string path, int status) =>
        new(at, method, path, status, 12, 1, null, StoreCallDescription.Describe(method, path));

    [Fact]
    public void ActivityLog_WhenANewCallIsRecordedWhileOpen_ThenItAppearsAtTheNextRefreshWithoutAReload()
    {
        var at = _clock.GetUtcNow().UtcDateTime;
        _rows.Add(Call(at, "GET", "/wp-json/wc/v3/taxes?page=1&per_page=100", 200));
        var log = _bunit.Context.Render<StoreActivityLog>(p => p
            .Add(l => l.Load, LoadAsync).Add(l => l.Zone, StoreTimeZone.Parse("Europe/Berlin")));

        log.WaitForAssertion(() => log.FindAll(".activity-description").Select(d => d.TextContent).ShouldBe(["Read tax rates"]));
        log.Markup.ShouldContain("2026-07-01 12:00:00", customMessage: "the store's clock");
        log.Markup.ShouldContain("Europe/Berlin");
        log.FindAll(".activity-path").ShouldBeEmpty();

        lock (_rows)
        {
            _rows.Add(new ActivityRow(at.AddSeconds(2), ActivityFilter.Received, "delivery d-1", null, null, null, null,
                "Received webhook order.created for order 7"));
        }

        var before = _loads;
        _clock.Advance(StoreActivityLog.DefaultRefresh);
        log.WaitForAssertion(() => log.FindAll(".activity-description").Select(d => d.TextContent)
            .ShouldBe(["Received webhook order.created for order 7", "Read tax rates"]));
        _loads.ShouldBeGreaterThan(before);
        log.FindAll(".activity-result").Select(r => r.TextContent.Trim()).ShouldBe(["Stored", "200"]);

        // The raw request on demand.
        log.Find("#activity-raw").Change(true);
        log.WaitForAssertion(() => log.FindAll(".activity-path").Select(p => p.TextContent.Trim())
            .ShouldContain("GET /wp-json/wc/v3/taxes?page=1&per_page=100"));
    }
}
