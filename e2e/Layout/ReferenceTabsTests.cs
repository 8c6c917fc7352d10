using System.Text.RegularExpressions;
using Portal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Layout;

/// <summary>Each reference-book tab has its own address: it can be linked to, and Back returns to the tab before.</summary>
[Collection(PortalCollection.Name)]
public sealed class ReferenceTabsTests(PortalFixture fixture)
{
    [Fact]
    public async Task ReferenceTabs_WhenOpenedByAddressSwitchedAndWalkedBack_ThenTheAddressAndTheOpenTabAgree()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Tabs");
        await using var session = await fixture.OpenSessionAsync(nameof(ReferenceTabs_WhenOpenedByAddressSwitchedAndWalkedBack_ThenTheAddressAndTheOpenTabAgree));
        var page = session.Page;
        await session.SignInAsync(owner.Email, owner.Password);
        var active = page.Locator(".mud-tab-active");

        foreach (var (width, height, name) in new[] { (1440, 900, "desktop"), (390, 844, "phone") })
        {
            await page.SetViewportSizeAsync(width, height);
            await session.GotoAsync("reference/tax-rules");
            await Expect(active).ToHaveTextAsync("Tax rules");
            await Expect(page.Locator("#tax-rule-rate")).ToBeVisibleAsync();
            await session.FitsAsync(width, $"{name}-reference-tax-rules");

            await page.Locator(".mud-tab", new() { HasText = "Carriers" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/reference/carriers$"));
            await Expect(active).ToHaveTextAsync("Carriers");
            await session.FitsAsync(width, $"{name}-reference-carriers");

            await page.GoBackAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/reference/tax-rules$"));
            await Expect(active).ToHaveTextAsync("Tax rules");
        }

        session.ShouldHaveNoBrowserErrors();
    }
}
