using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Features.Integrations;
using Portal.Tests.Components;
using WooCommerce.Emulator;

namespace Portal.Tests.Integrations;

/// <summary>
/// The page the store sends the merchant back to, rendered by bUnit over the real connector of a running portal (its
/// SQLite database) and a real emulated store: each outcome shows its own message and the way on.
/// </summary>
public sealed class AuthorizationReturnPageTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>, IAsyncLifetime
{
    private readonly BunitHost _bunit = new();
    private AsyncServiceScope _scope;

    public Task InitializeAsync()
    {
        _scope = fx.Portal.Services.CreateAsyncScope();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _scope.DisposeAsync();
    }

    private ConnectStore Connector => _scope.ServiceProvider.GetRequiredService<ConnectStore>();

    private FinishAppAuthorization Finish => _scope.ServiceProvider.GetRequiredService<FinishAppAuthorization>();

    private async Task<(int Org, string State, string AuthorizeUrl)> StartAsync(string storeUrl)
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        var start = await Connector.StartAppAuthorizationAsync(FixedTenant.For(org), "user-1", "App shop", storeUrl);
        var authorizeUrl = start.AuthorizeUrl.ShouldNotBeNull(start.Error?.Message);
        return (org, QueryHelpers.ParseQuery(new Uri(authorizeUrl).Query)["user_id"].ToString(), authorizeUrl);
    }

    /// <summary>Renders the page as the browser arrives at it: the store's query string, the organization's user.</summary>
    private IRenderedComponent<AuthorizationReturnPage> Render(int org, string query)
    {
        _bunit.Context.Services.AddSingleton(Finish);
        _bunit.Context.Services.AddSingleton<ITenantContext>(FixedTenant.For(org));
        _bunit.RenderProviders();
        _bunit.Context.Services.GetRequiredService<NavigationManager>().NavigateTo("integrations/woocommerce/return" + query);
        return _bunit.Context.Render<AuthorizationReturnPage>();
    }

    private static async Task<string> ApprovedQueryAsync(WooEmulator store, string authorizeUrl, bool approve = true) =>
        (await StorePortalFixture.WalkAuthorizationAsync(store, authorizeUrl, approve)).Query;

    private static string Error(IRenderedComponent<AuthorizationReturnPage> page)
    {
        string text = "";
        page.WaitForAssertion(() => text = page.Find("#authorization-error").TextContent, TimeSpan.FromSeconds(15));
        page.FindAll("#authorization-success").ShouldBeEmpty();
        return text;
    }

    [Fact]
    public async Task Render_WhenTheStoreApprovedAndSentTheKeys_ThenSaysConnectedAndLeadsToTheSettingsWizard()
    {
        await using var store = await fx.StartStoreAsync(new EmulatorOptions { AllowHttpAuthCallback = true });
        var (org, _, authorizeUrl) = await StartAsync(store.BaseUrl);
        var query = await ApprovedQueryAsync(store, authorizeUrl);

        var page = Render(org, query);

        page.WaitForAssertion(() => page.Find("#authorization-success").TextContent.ShouldBe("App shop is connected."), TimeSpan.FromSeconds(15));
        int storeId;
        await using (var db = fx.Db(org))
        {
            storeId = await db.Stores.Select(s => s.Id).SingleAsync();
        }

        var wizard = page.Find("#open-store");
        wizard.TextContent.ShouldContain("Set up the integration");
        wizard.GetAttribute("href").ShouldBe($"integrations/woocommerce/{storeId}/settings");
        page.FindAll("#authorization-error").ShouldBeEmpty();
    }

    [Fact]
    public async Task Render_WhenTheMerchantDenied_ThenSaysAccessWasDenied()
    {
        await using var store = await fx.StartStoreAsync(new EmulatorOptions { AllowHttpAuthCallback = true });
        var (org, _, authorizeUrl) = await StartAsync(store.BaseUrl);
        var query = await ApprovedQueryAsync(store, authorizeUrl, approve: false);

        var page = Render(org, query);

        Error(page).ShouldBe("Access was denied in WooCommerce, so the portal received no key. Start again and choose Approve.");
        page.FindAll("#accept-currency").ShouldBeEmpty();
    }

    [Fact]
    public async Task Render_WhenTheAuthorizationExpired_ThenSaysItMustBeApprovedWithinFifteenMinutes()
    {
        var (org, state, _) = await StartAsync("https://expired-return.example.test");
        await using (var db = fx.Db(org))
        {
            await db.PendingStoreAuthorizations.Where(p => p.State == state)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1)));
        }

        var page = Render(org, $"?success=1&user_id={state}");

        Error(page).ShouldBe("The authorization expired: it must be approved within 15 minutes. Start the connection again.");
    }

    [Fact]
    public async Task Render_WhenTheStateIsNotOneThisOrganizationStarted_ThenSaysStateMismatch()
    {
        var (_, state, _) = await StartAsync("https://mismatch-return.example.test");
        var (otherOrg, _, _) = await fx.Portal.CreateOrganizationAsync();

        var page = Render(otherOrg, $"?success=1&user_id={state}");

        Error(page).ShouldStartWith("This answer from the store does not belong to an authorization started in this organization");
    }

    [Fact]
    public async Task Render_WhenSuccessButTheCallbackNeverCame_ThenSaysKeysNeverArrivedAndOffersClassic()
    {
        var (org, state, _) = await StartAsync("https://silent-return.example.test");

        var page = Render(org, $"?success=1&user_id={state}");

        var message = Error(page);
        message.ShouldStartWith("WooCommerce reported success but the keys never reached the portal.");
        message.ShouldContain(fx.Portal.BaseUrl + "/integrations/woocommerce/callback");
        message.ShouldContain("Classic method");
    }

    [Fact]
    public async Task Render_WhenTheStoreCurrencyDiffers_ThenAsksAndConnectsOnlyOnceAccepted()
    {
        await using var store = await fx.StartStoreAsync(new EmulatorOptions { AllowHttpAuthCallback = true });
        lock (store.Store.Sync)
        {
            store.Store.Settings.Currency = "EUR";
        }

        var (org, _, authorizeUrl) = await StartAsync(store.BaseUrl);
        var query = await ApprovedQueryAsync(store, authorizeUrl);

        var page = Render(org, query);

        Error(page).ShouldBe("The store sells in EUR but the organization's base currency is USD. Sales would be recorded in EUR; confirm to connect anyway.");
        page.Find("#accept-currency").TextContent.ShouldContain("Connect anyway in EUR");
        await using (var db = fx.Db(org))
        {
            (await db.Stores.CountAsync()).ShouldBe(0, "nothing is connected before the merchant accepts");
        }

        await page.Find("#accept-currency").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("#authorization-success").TextContent.ShouldBe("App shop is connected."), TimeSpan.FromSeconds(15));
        await using var after = fx.Db(org);
        var saved = await after.Stores.SingleAsync();
        saved.Currency.ShouldBe("EUR");
        saved.CurrencyDifferenceAccepted.ShouldBeTrue();
    }
}
