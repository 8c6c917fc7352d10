using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Control;
using WooCommerce.Emulator.Model;

namespace Portal.Tests.Integrations;

public sealed class StoreConnectionTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    private async Task AssertNothingSavedAsync(int organizationId, WooEmulator store)
    {
        await using var db = fx.Db(organizationId);
        (await db.Stores.CountAsync()).ShouldBe(0);
        lock (store.Store.Sync)
        {
            store.Store.Webhooks.Count(w => w.DeliveryUrl.Contains("/webhooks/woocommerce/")).ShouldBe(0, "no webhook of the portal may be left in the store");
        }
    }

    [Fact]
    public async Task Classic_WhenEverythingChecksOut_ThenStoreSavedWithEncryptedSecretsAndFourWebhooksThatPinged()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var store = await fx.StartStoreAsync();
        var key = store.CreateKey(KeyPermission.ReadWrite);

        var result = await fx.ConnectClassicAsync(org, store, key);

        result.Succeeded.ShouldBeTrue(result.Message);
        await using var db = fx.Db(org);
        var saved = await db.Stores.SingleAsync();
        saved.Status.ShouldBe(StoreStatus.Connected);
        saved.ConnectionMethod.ShouldBe(StoreConnectionMethod.Classic);
        saved.Currency.ShouldBe("USD");
        saved.TimeZone.ShouldBe("UTC");
        saved.WooCommerceVersion.ShouldBe("11.0.1");
        saved.ProtectedConsumerSecret.ShouldNotContain(key.ConsumerSecret);
        saved.ProtectedConsumerKey.ShouldNotContain(key.ConsumerKey);
        saved.ConsumerKeyHint.ShouldBe(key.ConsumerKey[..3] + "…" + key.ConsumerKey[^4..]);
        saved.GetWebhookIds().Count.ShouldBe(StoreWebhooks.Topics.Length);
        saved.LastPingAtUtc.ShouldNotBeNull();
        saved.WebhooksNotReaching.ShouldBeFalse();
        lock (store.Store.Sync)
        {
            store.Store.Webhooks.Where(w => w.DeliveryUrl.Contains("/webhooks/woocommerce/")).Select(w => w.Topic).ShouldBe(StoreWebhooks.Topics, ignoreOrder: true);
            store.Store.Webhooks.Count(w => w.DeliveryUrl == fx.Portal.BaseUrl + "/webhooks/woocommerce/" + saved.PublicKey).ShouldBe(StoreWebhooks.Topics.Length);
        }
    }

    [Fact]
    public async Task Classic_WhenSecretIsWrong_ThenBadCredentialsAndNothingSaved()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var store = await fx.StartStoreAsync();
        var key = store.CreateKey(KeyPermission.ReadWrite);

        var result = await fx.ConnectClassicAsync(org, store, new ApiKey { ConsumerKey = key.ConsumerKey, ConsumerSecret = "cs_wrong" + key.ConsumerSecret[8..] });

        result.Failure.ShouldBe(ConnectFailure.BadCredentials);
        result.Message.ShouldContain("refused the consumer key and secret");
        await AssertNothingSavedAsync(org, store);
    }

    [Fact]
    public async Task Classic_WhenKeyIsReadOnly_ThenRefusedAndNoWebhookOrStoreLeft()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var store = await fx.StartStoreAsync();

        var result = await fx.ConnectClassicAsync(org, store, store.CreateKey(KeyPermission.Read));

        result.Failure.ShouldBe(ConnectFailure.KeyNotReadWrite);
        result.Message.ShouldContain("Read/Write");
        await AssertNothingSavedAsync(org, store);
    }

    [Fact]
    public async Task Classic_WhenSiteHasNoWooCommerce_ThenNoWooCommerceApi()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var store = await fx.StartStoreAsync();
        lock (store.Store.Sync)
        {
            store.Store.Settings.WooCommerceActive = false;
        }

        var result = await fx.ConnectClassicAsync(org, store);

        result.Failure.ShouldBe(ConnectFailure.NoWooCommerceApi);
        await AssertNothingSavedAsync(org, store);
    }

    [Fact]
    public async Task Classic_WhenAddressIsNotWordPress_ThenNotWordPress()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var scope = fx.Portal.Services.CreateAsyncScope();

        // The portal itself answers, but /wp-json/ is a page, not WordPress's REST index.
        var result = await scope.ServiceProvider.GetRequiredService<ConnectStore>()
            .ConnectClassicAsync(FixedTenant.For(org), "Not a shop", fx.Portal.BaseUrl, "ck_0123456789", "cs_0123456789", false);

        result.Failure.ShouldBe(ConnectFailure.NotWordPress);
    }

    [Fact]
    public async Task Classic_WhenNothingListens_ThenUnreachable()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var scope = fx.Portal.Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<ConnectStore>()
            .ConnectClassicAsync(FixedTenant.For(org), "Gone", $"http://127.0.0.1:{Infrastructure.PortalProcess.FreePort()}", "ck_0123456789", "cs_0123456789", false);

        result.Failure.ShouldBe(ConnectFailure.Unreachable);
        result.Message.ShouldContain("did not answer");
    }

    [Fact]
    public async Task Classic_WhenWordPressIsTooOld_ThenVersionTooOld()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var store = await fx.StartStoreAsync();
        lock (store.Store.Sync)
        {
            store.Store.Settings.WordPressVersion = "4.3.1";
        }

        var result = await fx.ConnectClassicAsync(org, store);

        result.Failure.ShouldBe(ConnectFailure.VersionTooOld);
        result.Message.ShouldContain("WordPress 4.3.1");
        await AssertNothingSavedAsync(org, store);
    }

    [Fact]
    public async Task Classic_WhenWooCommerceLacksModifiedAfter_ThenRefusedNamingTheVersionNeeded()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var store = await fx.StartStoreAsync();
        lock (store.Store.Sync)
        {
            store.Store.Settings.WooCommerceVersion = "5.7.2";
        }

        var result = await fx.ConnectClassicAsync(org, store);

        result.Failure.ShouldBe(ConnectFailure.VersionTooOld);
        result.Message.ShouldStartWith("The store runs WooCommerce 5.7.2; the portal needs WooCommerce 5.8 or later");
        await AssertNothingSavedAsync(org, store);
    }

    [Theory]
    [InlineData("4.4", 4, 4, true)]
    [InlineData("4.3.9", 4, 4, false)]
    [InlineData("10.0", 3, 5, true)]
    [InlineData("3.5-beta", 3, 5, true)]
    [InlineData("", 3, 5, false)]
    public void VersionAtLeast_ComparesMajorThenMinor(string version, int major, int minor, bool expected) =>
        StoreVerification.VersionAtLeast(version, major, minor).ShouldBe(expected);

    [Fact]
    public async Task Classic_WhenHostStripsAuthorizationHeader_ThenRefusedWithTheFix()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var store = await fx.StartStoreAsync(https: true);
        store.AddFault(new FaultRule { PathPattern = "/wp-json/*", Kind = FaultKind.StripAuthorization });

        var result = await fx.ConnectClassicAsync(org, store, https: true);

        result.Failure.ShouldBe(ConnectFailure.AuthorizationHeaderStripped);
        result.Message.ShouldContain("CGIPassAuth");
        await AssertNothingSavedAsync(org, store);
    }

    [Fact]
    public async Task Classic_OverHttpsWithBasicAuth_Connects()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var store = await fx.StartStoreAsync(https: true);

        var result = await fx.ConnectClassicAsync(org, store, https: true);

        result.Succeeded.ShouldBeTrue(result.Message);
    }

    [Fact]
    public async Task Classic_WhenCurrencyDiffers_ThenAskedAndConnectsOnlyOnceAccepted()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var store = await fx.StartStoreAsync();
        lock (store.Store.Sync)
        {
            store.Store.Settings.Currency = "EUR";
            store.Store.Settings.TimezoneString = "";
            store.Store.Settings.GmtOffsetHours = 5.5;
        }

        var key = store.CreateKey(KeyPermission.ReadWrite);
        var refused = await fx.ConnectClassicAsync(org, store, key);
        refused.Failure.ShouldBe(ConnectFailure.CurrencyMismatch);
        refused.StoreCurrency.ShouldBe("EUR");
        await AssertNothingSavedAsync(org, store);

        var accepted = await fx.ConnectClassicAsync(org, store, key, acceptCurrency: true);

        accepted.Succeeded.ShouldBeTrue(accepted.Message);
        await using var db = fx.Db(org);
        var saved = await db.Stores.SingleAsync();
        saved.Currency.ShouldBe("EUR");
        saved.CurrencyDifferenceAccepted.ShouldBeTrue();
        saved.TimeZone.ShouldBe("UTC+05:30");
    }

    [Fact]
    public async Task Connect_WhenStoreIsConnectedInAnotherOrganization_ThenRefusedWhateverTheSpelling()
    {
        var (first, _, _) = await fx.Portal.CreateOrganizationAsync();
        var (second, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var store = await fx.StartStoreAsync();
        (await fx.ConnectClassicAsync(first, store)).Succeeded.ShouldBeTrue();
        var key = store.CreateKey(KeyPermission.ReadWrite);
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectStore>();

        var again = await connector.ConnectClassicAsync(FixedTenant.For(second), "Same", store.BaseUrl.ToUpperInvariant() + "/", key.ConsumerKey, key.ConsumerSecret, false);
        var byApp = await connector.StartAppAuthorizationAsync(FixedTenant.For(second), "user", "Same", store.BaseUrl + "/");

        again.Failure.ShouldBe(ConnectFailure.AlreadyConnected);
        again.Message.ShouldContain("another organization");
        // App authorization has no key to check yet: it is refused when the key arrives (StoreConnectionRefusalTests).
        byApp.AuthorizeUrl.ShouldNotBeNull();
        await using var db = fx.Db(second);
        (await db.Stores.CountAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData("https://www.Shop.example.com/", "shop.example.com")]
    [InlineData("http://shop.example.com", "shop.example.com")]
    [InlineData("shop.example.com/store/", "shop.example.com/store")]
    [InlineData("https://shop.example.com:8443", "shop.example.com:8443")]
    public void Normalize_IgnoresSchemeWwwAndTrailingSlash(string input, string expected)
    {
        StoreUrl.TryNormalize(input, out _, out var normalized, out _).ShouldBeTrue();
        normalized.ShouldBe(expected);
    }

    [Fact]
    public async Task ChangeCredentials_WhenTheNewStoreRefusesTheDeliveryUrl_ThenWebhooksAreMarkedNotReachingAndBackWhenTheyReach()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var reaching = await fx.StartStoreAsync();
        await using var refusing = await fx.StartStoreAsync(new EmulatorOptions { RefuseLocalDeliveryUrls = true });
        await using var reachingAgain = await fx.StartStoreAsync();
        (await fx.ConnectClassicAsync(org, reaching)).Succeeded.ShouldBeTrue();
        int storeId;
        await using (var db = fx.Db(org))
        {
            storeId = await db.Stores.Select(s => s.Id).SingleAsync();
        }

        var moved = await ChangeToAsync(org, storeId, refusing);
        bool notReachingAfterMove;
        await using (var db = fx.Db(org))
        {
            notReachingAfterMove = await db.Stores.Select(s => s.WebhooksNotReaching).SingleAsync();
        }

        var back = await ChangeToAsync(org, storeId, reachingAgain);

        moved.Succeeded.ShouldBeTrue(moved.Message);
        notReachingAfterMove.ShouldBeTrue("the pings of the new store's webhooks never arrived");
        back.Succeeded.ShouldBeTrue(back.Message);
        await using var check = fx.Db(org);
        (await check.Stores.Select(s => s.WebhooksNotReaching).SingleAsync()).ShouldBeFalse();
    }

    private async Task<ConnectResult> ChangeToAsync(int org, int storeId, WooEmulator emulator)
    {
        var key = emulator.CreateKey(KeyPermission.ReadWrite);
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChangeStoreCredentials>()
            .ChangeCredentialsAsync(FixedTenant.For(org), storeId, emulator.BaseUrl, key.ConsumerKey, key.ConsumerSecret, false);
    }

    [Fact]
    public async Task Connect_WhenDeliveryUrlIsRefusedByWordPress_ThenConnectedButWebhooksMarkedNotReaching()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var store = await fx.StartStoreAsync(new EmulatorOptions { RefuseLocalDeliveryUrls = true });

        var result = await fx.ConnectClassicAsync(org, store);

        result.Succeeded.ShouldBeTrue(result.Message);
        await using var db = fx.Db(org);
        var saved = await db.Stores.SingleAsync();
        saved.WebhooksNotReaching.ShouldBeTrue();
        saved.LastPingAtUtc.ShouldBeNull();
    }

    [Fact]
    public async Task AppAuthorization_WhenApproved_ThenCallbackStoresKeysAndReturnConnects()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var store = await fx.StartStoreAsync(new EmulatorOptions { AllowHttpAuthCallback = true });
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectStore>();
        var finish = scope.ServiceProvider.GetRequiredService<FinishAppAuthorization>();

        var start = await connector.StartAppAuthorizationAsync(FixedTenant.For(org), "user-1", "App shop", store.BaseUrl);
        start.AuthorizeUrl.ShouldNotBeNull();
        var query = QueryHelpers.ParseQuery(new Uri(start.AuthorizeUrl).Query);
        query["scope"].ToString().ShouldBe("read_write");
        query["callback_url"].ToString().ShouldBe(fx.Portal.BaseUrl + "/integrations/woocommerce/callback");
        var back = await StorePortalFixture.WalkAuthorizationAsync(store, start.AuthorizeUrl, approve: true);

        var returned = QueryHelpers.ParseQuery(back.Query);
        back.GetLeftPart(UriPartial.Path).ShouldBe(fx.Portal.BaseUrl + "/integrations/woocommerce/return");
        store.AppAuthorization.Callbacks.ShouldHaveSingleItem().Status.ShouldBe(200);
        var result = await finish.CompleteAppAuthorizationAsync(FixedTenant.For(org), returned["success"], returned["user_id"], false);

        result.Succeeded.ShouldBeTrue(result.Message);
        await using var db = fx.Db(org);
        (await db.Stores.SingleAsync()).ConnectionMethod.ShouldBe(StoreConnectionMethod.AppAuthorization);
        (await db.PendingStoreAuthorizations.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task AppAuthorization_WhenDenied_ThenSaysSoAndForgetsTheAttempt()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var store = await fx.StartStoreAsync(new EmulatorOptions { AllowHttpAuthCallback = true });
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectStore>();
        var finish = scope.ServiceProvider.GetRequiredService<FinishAppAuthorization>();
        var start = await connector.StartAppAuthorizationAsync(FixedTenant.For(org), "user-1", "App shop", store.BaseUrl);

        var back = await StorePortalFixture.WalkAuthorizationAsync(store, start.AuthorizeUrl!, approve: false);
        var returned = QueryHelpers.ParseQuery(back.Query);
        returned["success"].ToString().ShouldBe("0");
        var result = await finish.CompleteAppAuthorizationAsync(FixedTenant.For(org), returned["success"], returned["user_id"], false);

        result.Failure.ShouldBe(ConnectFailure.Denied);
        await using var db = fx.Db(org);
        (await db.PendingStoreAuthorizations.CountAsync()).ShouldBe(0);
        (await db.Stores.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task AppAuthorization_WhenStateBelongsToNobodyOrAnotherOrganization_ThenStateMismatch()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        var (other, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectStore>();
        var finish = scope.ServiceProvider.GetRequiredService<FinishAppAuthorization>();
        var start = await connector.StartAppAuthorizationAsync(FixedTenant.For(org), "user-1", "App shop", "https://mismatch.example.test");
        var state = QueryHelpers.ParseQuery(new Uri(start.AuthorizeUrl!).Query)["user_id"].ToString();

        (await finish.CompleteAppAuthorizationAsync(FixedTenant.For(other), "1", state, false)).Failure.ShouldBe(ConnectFailure.StateMismatch);
        (await finish.CompleteAppAuthorizationAsync(FixedTenant.For(org), "1", "forged", false)).Failure.ShouldBe(ConnectFailure.StateMismatch);
        (await finish.CompleteAppAuthorizationAsync(FixedTenant.For(org), "1", state, false)).Failure.ShouldBe(ConnectFailure.KeysNeverArrived);
    }

    [Fact]
    public async Task Callback_WhenStateUnknownOrExpiredOrAlreadyUsed_Then400AndNothingStored()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectStore>();
        var finish = scope.ServiceProvider.GetRequiredService<FinishAppAuthorization>();
        var start = await connector.StartAppAuthorizationAsync(FixedTenant.For(org), "user-1", "App shop", "https://expired.example.test");
        var state = QueryHelpers.ParseQuery(new Uri(start.AuthorizeUrl!).Query)["user_id"].ToString();
        using var http = new HttpClient { BaseAddress = new Uri(fx.Portal.BaseUrl) };
        object Body(string userId) => new { key_id = 1, user_id = userId, consumer_key = "ck_abcdefghijkl", consumer_secret = "cs_abcdefghijkl", key_permissions = "read_write" };

        (await http.PostAsJsonAsync("/integrations/woocommerce/callback", Body("unknown"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var ok = await http.PostAsJsonAsync("/integrations/woocommerce/callback", Body(state));
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostAsJsonAsync("/integrations/woocommerce/callback", Body(state))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var second = await connector.StartAppAuthorizationAsync(FixedTenant.For(org), "user-1", "App shop", "https://expired2.example.test");
        var secondState = QueryHelpers.ParseQuery(new Uri(second.AuthorizeUrl!).Query)["user_id"].ToString();
        await using (var db = fx.Db(org))
        {
            await db.PendingStoreAuthorizations.Where(p => p.State == secondState)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1)));
        }

        (await http.PostAsJsonAsync("/integrations/woocommerce/callback", Body(secondState))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await finish.CompleteAppAuthorizationAsync(FixedTenant.For(org), "1", secondState, false)).Failure.ShouldBe(ConnectFailure.Expired);
    }
}
