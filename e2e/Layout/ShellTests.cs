using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Domain.Organizations;
using Portal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Layout;

/// <summary>The portal's shell: dark mode, the organization name and a navigation that lists only pages that exist.</summary>
[Collection(PortalCollection.Name)]
public sealed class ShellTests(PortalFixture fixture)
{
    // The body's background follows MudBlazor's palette; its luminance tells light from dark without pinning colours.
    private const string BackgroundLuminance = """
        () => {
            const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
            return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        }
        """;

    [Fact]
    public async Task DarkModeToggle_WhenClicked_ThenWholeShellSwitchesIsRememberedAndSwitchesBack()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Dark");
        await using var session = await fixture.OpenSessionAsync(nameof(DarkModeToggle_WhenClicked_ThenWholeShellSwitchesIsRememberedAndSwitchesBack));
        var page = session.Page;
        await session.SignInAsync(owner.Email, owner.Password);
        await ExpectShellAsync(session, owner);

        (await LuminanceAsync(page)).ShouldBeGreaterThan(0.8);
        await Expect(page.Locator("#dark-mode-toggle")).ToHaveAttributeAsync("aria-label", "Toggle dark mode");
        await session.ScreenshotAsync("light-dashboard");

        await page.Locator("#dark-mode-toggle").ClickAsync();
        await page.WaitForFunctionAsync($"() => ({BackgroundLuminance})() < 0.3");
        await session.ScreenshotAsync("dark-dashboard");

        // The choice holds while moving around the portal.
        await page.Locator(".mud-nav-link", new PageLocatorOptions { HasText = "Users" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/users$"));
        await Expect(page.Locator("tr", new PageLocatorOptions { HasText = owner.Email })).ToBeVisibleAsync();
        (await LuminanceAsync(page)).ShouldBeLessThan(0.3);
        await session.ScreenshotAsync("dark-users");

        // And it is remembered by this browser across full page loads.
        await page.ReloadAsync();
        await Expect(page.Locator("tr", new PageLocatorOptions { HasText = owner.Email })).ToBeVisibleAsync();
        (await LuminanceAsync(page)).ShouldBeLessThan(0.3);
        await session.ScreenshotAsync("dark-after-reload");

        await page.Locator("#dark-mode-toggle").ClickAsync();
        await page.WaitForFunctionAsync($"() => ({BackgroundLuminance})() > 0.8");
        await session.ScreenshotAsync("light-again");
        await page.ReloadAsync();
        await Expect(page.Locator("tr", new PageLocatorOptions { HasText = owner.Email })).ToBeVisibleAsync();
        (await LuminanceAsync(page)).ShouldBeGreaterThan(0.8);

        session.ShouldHaveNoBrowserErrors();
    }

    [Fact]
    public async Task Navigation_WhenAdministratorOrReader_ThenListsOnlyTheExistingPagesTheyMayOpen()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Nav");
        var reader = await fixture.Server.AddUserAsync(owner, Permissions.ReadOnly);
        await using var session = await fixture.OpenSessionAsync(nameof(Navigation_WhenAdministratorOrReader_ThenListsOnlyTheExistingPagesTheyMayOpen));
        var page = session.Page;

        await session.SignInAsync(owner.Email, owner.Password);
        await ExpectShellAsync(session, owner);
        await Expect(NavLinks(page)).ToHaveTextAsync(["Dashboard", "Sales", "Products", "Stock", "Customers", "Reference books", "WooCommerce", "Users"]);
        await Expect(ActiveNavLink(page)).ToHaveTextAsync("Dashboard");
        await session.ScreenshotAsync("administrator-dashboard");

        await NavLinks(page).GetByText("Users").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/users$"));
        await Expect(page.Locator("h4", new PageLocatorOptions { HasText = "Users" })).ToBeVisibleAsync();
        await Expect(ActiveNavLink(page)).ToHaveTextAsync("Users");
        await Expect(page.Locator("tr", new PageLocatorOptions { HasText = reader.Email })).ToContainTextAsync("Read-only");
        await session.ScreenshotAsync("administrator-users");

        await NavLinks(page).GetByText("Dashboard").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("^http://localhost:\\d+/$"));
        await Expect(page.Locator("#user-count")).ToHaveTextAsync("2");

        // The menu button folds the navigation away and back.
        var drawer = page.Locator(".mud-drawer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Expect(drawer).ToHaveClassAsync(new Regex("mud-drawer--closed"));
        await session.ScreenshotAsync("navigation-folded");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Expect(drawer).ToHaveClassAsync(new Regex("mud-drawer--open"));

        await session.SignOutAsync();
        await session.SignInAsync(reader.Email, reader.Password);
        await ExpectShellAsync(session, owner);
        await Expect(NavLinks(page)).ToHaveTextAsync(["Dashboard", "Sales", "Products", "Stock", "Customers", "Reference books"]);
        await Expect(page.GetByText("Settings")).ToHaveCountAsync(0);
        await Expect(page.Locator("#user-menu")).ToHaveTextAsync(reader.Email);
        await session.ScreenshotAsync("reader-dashboard");

        session.ShouldHaveNoBrowserErrors();
    }

    private static ILocator NavLinks(IPage page) => page.Locator(".mud-navmenu a.mud-nav-link");

    private static ILocator ActiveNavLink(IPage page) => page.Locator(".mud-navmenu a.mud-nav-link.active");

    private static async Task<double> LuminanceAsync(IPage page) => await page.EvaluateAsync<double>(BackgroundLuminance);

    private static async Task ExpectShellAsync(BrowserSession session, TestUser organization)
    {
        await Expect(session.Page).ToHaveURLAsync(new Regex("^http://localhost:\\d+/$"));
        await session.WaitForInteractiveAsync();
        await Expect(session.Page.Locator("#organization-name")).ToHaveTextAsync(organization.OrganizationName);
    }
}
