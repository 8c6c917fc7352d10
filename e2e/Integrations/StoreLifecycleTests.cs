using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Integrations;
using Portal.E2E.Infrastructure;
using Portal.Features.Integrations;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Model;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Integrations;

/// <summary>A connected store's page: new credentials, the activity log and its filter, then disconnecting.</summary>
[Collection(PortalCollection.Name)]
public sealed class StoreLifecycleTests(PortalFixture fixture)
{
    private static int PortalWebhooks(WooEmulator store)
    {
        lock (store.Store.Sync)
        {
            return store.Store.Webhooks.Count(w => w.DeliveryUrl.Contains(StorePaths.WebhookPathPrefix, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task StorePage_ChangeCredentials_ThenFilterTheLog_ThenDisconnect()
    {
        await using var server = await PortalServer.StartWithOwnPublicUrlAsync();
        await using var store = await EmulatedStores.StartEuroStoreAsync();

        var owner = await server.CreateOrganizationAsync("Lifecycle");
        var firstKey = store.CreateKey(KeyPermission.ReadWrite, "first");
        int storeId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var connected = await scope.ServiceProvider.GetRequiredService<ConnectStore>()
                .ConnectClassicAsync(Portal.Data.Tenancy.FixedTenant.For(owner.OrganizationId), "Lisbon shop", store.BaseUrl, firstKey.ConsumerKey, firstKey.ConsumerSecret, false);
            connected.Succeeded.ShouldBeTrue(connected.Message);
            storeId = connected.StoreId!.Value;
        }

        PortalWebhooks(store).ShouldBe(StoreWebhooks.Topics.Length);

        await using var session = await fixture.OpenSessionAsync(nameof(StorePage_ChangeCredentials_ThenFilterTheLog_ThenDisconnect), server);
        var page = session.Page;
        await session.SignInAsync(owner.Email, owner.Password);
        await session.GotoAsync($"integrations/woocommerce/{storeId}");
        await Expect(page.Locator("h4", new PageLocatorOptions { HasText = "Lisbon shop" })).ToBeVisibleAsync();
        await Expect(page.GetByText("key " + ConnectedStore.Hint(firstKey.ConsumerKey))).ToBeVisibleAsync();
        await session.ScreenshotAsync("store-page");

        // A second key made in WooCommerce replaces the first.
        var newKey = store.CreateKey(KeyPermission.ReadWrite, "second");
        await page.Locator("#change-credentials").ClickAsync();
        await Expect(page.Locator("#new-url")).ToHaveValueAsync(store.BaseUrl);
        await page.Locator("#new-consumer-key").FillAsync(newKey.ConsumerKey);
        await page.Locator("#new-consumer-secret").FillAsync(newKey.ConsumerSecret);
        await session.ScreenshotAsync("change-credentials-form");
        await page.Locator("#save-credentials").ClickAsync();
        await Expect(page.Locator("#change-result")).ToContainTextAsync("The new credentials were checked and saved.", new() { Timeout = 60_000 });
        await Expect(page.GetByText("key " + ConnectedStore.Hint(newKey.ConsumerKey))).ToBeVisibleAsync();
        // The old key is named once: in the message telling the merchant to revoke it, no longer as the store's key.
        await Expect(page.Locator("#change-result")).ToContainTextAsync("old key " + ConnectedStore.Hint(firstKey.ConsumerKey));
        await Expect(page.GetByText("key " + ConnectedStore.Hint(firstKey.ConsumerKey))).ToHaveCountAsync(1);
        await session.ScreenshotAsync("credentials-changed");
        PortalWebhooks(store).ShouldBe(StoreWebhooks.Topics.Length, "the webhooks are made again under the new key");

        // The log lists the store's calls in words, the raw requests on demand; the method filter narrows it to one kind.
        var rows = page.Locator("#activity-log tbody tr");
        var methods = rows.Locator(".activity-method");
        await Expect(rows.First).ToBeVisibleAsync();
        await page.ReloadAsync();
        await session.WaitForInteractiveAsync();
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(rows.Locator(".activity-description", new() { HasText = "Created webhook order.created" }).First).ToBeVisibleAsync();
        await Expect(methods).ToHaveCountAsync(0);
        await page.Locator("#activity-raw").ClickAsync();
        await Expect(methods.First).ToBeVisibleAsync();
        var all = (await methods.AllTextContentsAsync()).Select(m => m.Trim()).ToList();
        all.ShouldContain("POST", "the webhooks the portal created");
        all.Distinct().Count().ShouldBeGreaterThan(1, string.Join(", ", all));
        await session.ScreenshotAsync("activity-log");
        await session.ChooseAsync("Method", "POST");
        await Expect(methods).ToHaveCountAsync(all.Count(m => m == "POST"));
        (await methods.AllTextContentsAsync()).ShouldAllBe(m => m.Trim() == "POST");
        await session.ScreenshotAsync("activity-log-filtered");

        // WooCommerce disables a webhook after failed deliveries; Check now finds it, reactivates it and says so.
        lock (store.Store.Sync)
        {
            store.Store.Webhooks.First(w => w.Topic == "order.created" && w.DeliveryUrl.Contains(StorePaths.WebhookPathPrefix, StringComparison.Ordinal)).Status = "disabled";
        }

        await page.Locator("#check-webhooks").ClickAsync();
        await Expect(page.Locator("#webhook-problem")).ToContainTextAsync("reactivated", new() { Timeout = 60_000 });
        // Everything it found it fixed: the chip stays healthy and the report is good news.
        await Expect(page.Locator(".webhook-health")).ToHaveTextAsync("Healthy");
        await Expect(page.Locator("#webhook-problem[class*=success]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#webhooks-checked")).Not.ToContainTextAsync("never");
        await session.ScreenshotAsync("webhook-reactivated");
        lock (store.Store.Sync)
        {
            store.Store.Webhooks.Where(w => w.DeliveryUrl.Contains(StorePaths.WebhookPathPrefix, StringComparison.Ordinal))
                .ShouldAllBe(w => w.Status == "active");
        }

        // Disconnect asks first, then points to the key page, since the REST API cannot revoke keys.
        await page.Locator("#disconnect").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync("deletes this store's settings, activity log, received webhooks, order Log and pending orders (their stock is released). Sales already created stay.");
        await session.ScreenshotAsync("disconnect-confirmation");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
        await Expect(page.Locator("#disconnected")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("#revoke-key")).ToHaveAttributeAsync("href", store.BaseUrl + "/wp-admin/admin.php?page=wc-settings&tab=advanced&section=keys");
        await session.ScreenshotAsync("disconnected");
        PortalWebhooks(store).ShouldBe(0);

        await session.GotoAsync("integrations/woocommerce");
        await Expect(page.Locator("#stores")).ToContainTextAsync("No store is connected yet.");
        await Expect(page.Locator("#stores")).Not.ToContainTextAsync("Lisbon shop");
        await session.ScreenshotAsync("store-gone");
        session.ShouldHaveNoBrowserErrors();
    }
}
