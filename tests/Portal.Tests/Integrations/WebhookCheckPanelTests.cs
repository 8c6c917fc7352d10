using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using Portal.Tests.Components;

namespace Portal.Tests.Integrations;

public sealed class WebhookCheckPanelTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>, IAsyncLifetime
{
    private readonly BunitHost _bunit = new();
    private AsyncServiceScope _scope;

    public Task InitializeAsync()
    {
        // The real check of the running portal, so "Check now" talks to a real store.
        _scope = fx.Portal.Services.CreateAsyncScope();
        _bunit.Context.Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<MaintainStores>());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _scope.DisposeAsync();
    }

    [Fact]
    public void WebhookHealthChip_WhenTheCheckFoundAProblem_ThenSaysNeedsAttentionInWarningColour()
    {
        var chip = _bunit.Context.Render<WebhookHealthChip>(p => p.Add(c => c.Store, new ConnectedStore
        {
            LastPingAtUtc = DateTime.UtcNow, WebhookProblem = "The store refused the key (revoked?) — change credentials.",
        }));

        chip.Find(".webhook-health").TextContent.ShouldBe("Needs attention");
        chip.FindComponent<MudChip<string>>().Instance.Color.ShouldBe(Color.Warning);
    }

    [Fact]
    public void WebhookHealthChip_WhenAllIsWell_ThenSaysHealthy()
    {
        var chip = _bunit.Context.Render<WebhookHealthChip>(p => p.Add(c => c.Store, new ConnectedStore { LastPingAtUtc = DateTime.UtcNow }));

        chip.Find(".webhook-health").TextContent.ShouldBe("Healthy");
    }

    [Fact]
    public void WebhookHealthChip_WhenTheLastCheckRepairedEverything_ThenStaysHealthyAndTheReportIsGoodNews()
    {
        var store = new ConnectedStore
        {
            LastPingAtUtc = DateTime.UtcNow, WebhooksCheckedAtUtc = DateTime.UtcNow,
            WebhookProblem = WebhookFindings.RepairedPrefix + "order.created was missing in the store; recreated.",
        };

        var chip = _bunit.Context.Render<WebhookHealthChip>(p => p.Add(c => c.Store, store));
        chip.Find(".webhook-health").TextContent.ShouldBe("Healthy");
        chip.FindComponent<MudChip<string>>().Instance.Color.ShouldBe(Color.Success);

        var panel = _bunit.Context.Render<WebhookCheckPanel>(p => p.Add(c => c.Store, store));
        panel.FindComponent<MudAlert>().Instance.Severity.ShouldBe(Severity.Success);
        panel.Find("#webhook-problem").TextContent.ShouldContain("recreated");
    }

    [Fact]
    public void WebhookHealthChip_WhenARepairWasFollowedByAFailure_ThenNeedsAttention()
    {
        var chip = _bunit.Context.Render<WebhookHealthChip>(p => p.Add(c => c.Store, new ConnectedStore
        {
            LastPingAtUtc = DateTime.UtcNow,
            WebhookProblem = WebhookFindings.RepairedPrefix + "order.created was missing in the store; recreated." + WebhookFindings.ThenSeparator
                + "The store refused the key.",
        }));

        chip.Find(".webhook-health").TextContent.ShouldBe("Needs attention");
    }

    [Theory]
    [InlineData(StoreStatus.Connected, null, "Connected · settings needed", Color.Warning)]
    [InlineData(StoreStatus.Connected, "{}", "Connected", Color.Success)]
    [InlineData(StoreStatus.Connecting, null, "Connecting", Color.Info)]
    public void StoreStatusChip_ThenIsGreenOnlyWhenNothingIsLeftToDo(StoreStatus status, string? settings, string text, Color colour)
    {
        var chip = _bunit.Context.Render<StoreStatusChip>(p => p.Add(c => c.Store, new ConnectedStore { Status = status, SettingsJson = settings }));

        chip.Find(".store-status").TextContent.ShouldBe(text);
        chip.FindComponent<MudChip<string>>().Instance.Color.ShouldBe(colour);
    }

    [Fact]
    public async Task CheckNow_WhenTheKeyWasRevoked_ThenShowsTheProblemWithTheTimeOfTheCheck()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        (await fx.ConnectClassicAsync(org, emulator)).Succeeded.ShouldBeTrue();
        lock (emulator.Store.Sync)
        {
            emulator.Store.Keys.Clear();
        }

        ConnectedStore store;
        await using (var db = fx.Db(org))
        {
            store = await db.Stores.AsNoTracking().SingleAsync();
        }

        var reloaded = 0;
        var panel = _bunit.Context.Render<WebhookCheckPanel>(p => p
            .Add(c => c.Store, store)
            .Add(c => c.OnChecked, async () =>
            {
                // What StorePage does: load the store again.
                await using var db = fx.Db(org);
                store = await db.Stores.AsNoTracking().SingleAsync();
                reloaded++;
            }));
        panel.FindAll("#webhook-problem").ShouldBeEmpty();
        panel.Find("#webhooks-checked").TextContent.ShouldContain("never");

        await panel.Find("#check-webhooks").ClickAsync(new());
        panel.WaitForAssertion(() => reloaded.ShouldBe(1));
        panel.Render(p => p.Add(c => c.Store, store));

        var alert = panel.Find("#webhook-problem").TextContent;
        alert.ShouldContain("refused the key (revoked?) — change credentials");
        alert.ShouldContain(store.WebhooksCheckedAtUtc!.Value.ToString("yyyy-MM-dd HH:mm") + " UTC");
    }
}
