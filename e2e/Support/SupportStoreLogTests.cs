using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data.Identity;
using Portal.E2E.Infrastructure;
using Portal.Features.Integrations;
using Portal.Features.Organizations;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Model;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Support;

/// <summary>Support staff read a merchant's store log from the organizations list, change nothing, and leave a trace.</summary>
[Collection(PortalCollection.Name)]
public sealed class SupportStoreLogTests(PortalFixture fixture)
{
    [Fact]
    public async Task SupportUser_WhenOpeningAStoresActivityLog_ThenReadsItWithoutActionsAndTheVisitIsAudited()
    {
        await using var server = await PortalServer.StartWithOwnPublicUrlAsync();
        await using var store = await EmulatedStores.StartEuroStoreAsync();

        var owner = await server.CreateOrganizationAsync("Helped");
        var key = store.CreateKey(KeyPermission.ReadWrite);
        var supportEmail = $"help-{Guid.NewGuid().ToString("N")[..6]}@wooportal.test";
        var supportPassword = PortalServer.NewPassword();
        await using (var scope = server.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ConnectStore>()
                .ConnectClassicAsync(Portal.Data.Tenancy.FixedTenant.For(owner.OrganizationId), "Porto shop", store.BaseUrl, key.ConsumerKey, key.ConsumerSecret, false)).Succeeded.ShouldBeTrue();
            (await scope.ServiceProvider.GetRequiredService<OrganizationProvisioning>().AddSupportUserAsync(supportEmail, supportPassword)).Succeeded.ShouldBeTrue();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var support = await users.FindByEmailAsync(supportEmail);
            support!.MustChangePassword = false; // the forced change is covered by the first-run scenario
            (await users.UpdateAsync(support)).Succeeded.ShouldBeTrue();
        }

        await using var session = await fixture.OpenSessionAsync(nameof(SupportUser_WhenOpeningAStoresActivityLog_ThenReadsItWithoutActionsAndTheVisitIsAudited), server);
        var page = session.Page;
        await session.SignInAsync(supportEmail, supportPassword);
        await session.GotoAsync("support");
        var row = page.Locator("tr", new PageLocatorOptions { HasText = owner.OrganizationName });
        await Expect(row).ToBeVisibleAsync();
        await session.ScreenshotAsync("organizations");
        await row.GetByRole(AriaRole.Link, new() { Name = "Open" }).Or(row.GetByRole(AriaRole.Button, new() { Name = "Open" })).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/support/organizations/{owner.OrganizationId}$"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Porto shop" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/support/organizations/{owner.OrganizationId}/stores/\\d+$"));
        var calls = page.Locator("#activity-log .activity-description");
        await Expect(calls.First).ToBeVisibleAsync();
        (await calls.AllTextContentsAsync()).Count(m => m.StartsWith("Created webhook ", StringComparison.Ordinal)).ShouldBe(StoreWebhooks.Topics.Length, "one webhook of the portal per topic");
        await Expect(page.Locator("#disconnect, #change-credentials, #check-webhooks")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("store-activity-log");

        await page.GetByRole(AriaRole.Link, new() { Name = owner.OrganizationName }).ClickAsync();
        await Expect(page.Locator("tr", new PageLocatorOptions { HasText = "Read the activity log of store" })).ToContainTextAsync(supportEmail);
        await session.ScreenshotAsync("audit-trail");
        session.ShouldHaveNoBrowserErrors();
    }
}
