using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Foundation;

[Collection(PortalCollection.Name)]
public sealed class FirstRunScenarioTests(PortalFixture fixture)
{
    private const string OrganizationName = "Acme Garden Supplies";
    private const string OwnerEmail = "owner@acme.example";
    private const string OwnerPassword = "Owner cobalt fjord 31";
    private const string ReaderEmail = "reader@acme.example";
    private const string ReaderPassword = "Reader maple comet 58";

    [Fact]
    public async Task FirstRun_WhenOwnerSetsUpAndAddsReadOnlyUser_ThenUserReplacesTemporaryPasswordAndIsRefusedUsersPage()
    {
        // Setup is offered only while no user exists, so this test brings its own empty portal; the shared one is
        // free for every other test to populate.
        await using var portal = await PortalServer.StartAsync();
        await using var session = await fixture.OpenSessionAsync(nameof(FirstRun_WhenOwnerSetsUpAndAddsReadOnlyUser_ThenUserReplacesTemporaryPasswordAndIsRefusedUsersPage), portal);
        var page = session.Page;

        await session.GotoAsync("/", interactive: false);
        await Expect(page).ToHaveURLAsync(new Regex("/setup$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Set up WooPortal");
        await session.ScreenshotAsync("setup-form");

        await page.Locator("#Input\\.OrganizationName").FillAsync(OrganizationName);
        await page.Locator("#Input\\.BaseCurrency").FillAsync("EUR");
        await page.Locator("#Input\\.TimeZone").SelectOptionAsync("Europe/Berlin");
        await page.Locator("#Input\\.OwnerEmail").FillAsync(OwnerEmail);
        await page.Locator("#Input\\.Password").FillAsync(OwnerPassword);
        await page.Locator("#Input\\.ConfirmPassword").FillAsync(OwnerPassword);
        await session.ScreenshotAsync("setup-filled");
        await page.Locator("#setup-submit").ClickAsync();

        await ExpectDashboardAsync(session);
        await Expect(page.Locator("#user-count")).ToHaveTextAsync("1");
        await Expect(page.GetByText("Base currency EUR · Time zone Europe/Berlin")).ToBeVisibleAsync();
        await session.ScreenshotAsync("owner-dashboard");

        await session.SignOutAsync();
        await session.ScreenshotAsync("signed-out");

        await session.FillSignInFormAsync(OwnerEmail, "Wrong-Passw0rd!");
        await Expect(page.Locator("#status-message.mud-alert-text-error")).ToHaveTextAsync("The e-mail or password is not correct.");
        await Expect(page).ToHaveURLAsync(BrowserSession.LoginUrl());
        await session.ScreenshotAsync("wrong-password");

        await session.SignInAsync(OwnerEmail, OwnerPassword);
        await ExpectDashboardAsync(session);
        await session.ScreenshotAsync("owner-signed-in");

        await page.Locator(".mud-nav-link", new PageLocatorOptions { HasText = "Users" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/users$"));
        await Expect(page.Locator("tr", new PageLocatorOptions { HasText = OwnerEmail })).ToContainTextAsync("Owner");
        await session.ScreenshotAsync("users-page");

        await page.Locator("#new-user").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await page.Locator("#new-user-email").FillAsync(ReaderEmail);
        await page.Locator("#permission-ReadOnly").ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Read-only", Exact = true })).ToBeCheckedAsync();
        await Expect(dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Administrator", Exact = true })).Not.ToBeCheckedAsync();
        await session.ScreenshotAsync("new-user-dialog");
        await page.Locator("#save-user").ClickAsync();

        var temporaryPasswordField = page.Locator("#temporary-password");
        await Expect(temporaryPasswordField).ToBeVisibleAsync();
        await Expect(temporaryPasswordField).Not.ToHaveValueAsync("");
        var temporaryPassword = await temporaryPasswordField.InputValueAsync();
        await session.ScreenshotAsync("temporary-password");
        await page.Locator("#close-password-dialog").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        var readerRow = page.Locator("tr", new PageLocatorOptions { HasText = ReaderEmail });
        await Expect(readerRow).ToContainTextAsync("Read-only");
        await Expect(readerRow).ToContainTextAsync("Temporary password");
        await session.ScreenshotAsync("user-created");

        await session.SignOutAsync();
        await session.SignInAsync(ReaderEmail, temporaryPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Manage/ChangePassword"));
        await Expect(page.Locator("#temporary-password-notice")).ToBeVisibleAsync();
        await session.ScreenshotAsync("forced-password-change");

        // Nothing else opens until the temporary password is replaced.
        await session.GotoAsync("/users", interactive: false);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Manage/ChangePassword"));

        await page.Locator("#Input\\.OldPassword").FillAsync(temporaryPassword);
        await page.Locator("#Input\\.NewPassword").FillAsync(ReaderPassword);
        await page.Locator("#Input\\.ConfirmPassword").FillAsync(ReaderPassword);
        await page.Locator("#change-password-submit").ClickAsync();

        await ExpectDashboardAsync(session);
        await Expect(page.Locator(".mud-nav-link", new PageLocatorOptions { HasText = "Users" })).ToHaveCountAsync(0);
        await session.ScreenshotAsync("reader-dashboard");

        // Inside the portal (client-side navigation, as a link would do) the refusal shows in the layout ...
        await page.EvaluateAsync("Blazor.navigateTo('/users')");
        await Expect(page).ToHaveURLAsync(new Regex("/users$"));
        await Expect(page.Locator("#not-authorized")).ToBeVisibleAsync();
        await Expect(page.Locator("#new-user")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("users-refused-in-portal");

        // ... and loading the address directly is refused by the server before the page renders.
        await session.GotoAsync("/users", interactive: false);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/AccessDenied"));
        await Expect(page.Locator("#access-denied")).ToBeVisibleAsync();
        await Expect(page.Locator("#new-user")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("users-refused-direct");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the portal" }).ClickAsync();
        await ExpectDashboardAsync(session);

        // The new password is the only one that works now.
        await session.SignOutAsync();
        await session.FillSignInFormAsync(ReaderEmail, temporaryPassword);
        await Expect(page.Locator("#status-message.mud-alert-text-error")).ToBeVisibleAsync();
        await session.SignInAsync(ReaderEmail, ReaderPassword);
        await ExpectDashboardAsync(session);
        await session.ScreenshotAsync("reader-signed-in-with-own-password");

        session.ShouldHaveNoBrowserErrors();
    }

    private static async Task ExpectDashboardAsync(BrowserSession session)
    {
        await Expect(session.Page).ToHaveURLAsync(new Regex("^http://localhost:\\d+/$"));
        await session.WaitForInteractiveAsync();
        await Expect(session.Page.Locator("#organization-name")).ToHaveTextAsync(OrganizationName);
        await Expect(session.Page.GetByText("What to do next")).ToBeVisibleAsync();
    }
}
