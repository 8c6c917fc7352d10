using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Infrastructure;

/// <summary>Driving MudBlazor inputs the way a user does.</summary>
public static class MudInputs
{
    /// <summary>
    /// Types into a MudAutocomplete and picks the suggestion with the given text. The list is searched again while
    /// typing settles (debounced), and a click that lands on a list being replaced is lost: then it is clicked again.
    /// </summary>
    public static async Task PickAsync(IPage page, string input, string typed, string option)
    {
        await page.Locator(input).FillAsync(typed);
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = option }).ClickAsync();
            try
            {
                await Expect(page.Locator(input)).ToHaveValueAsync(option, new LocatorAssertionsToHaveValueOptions { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await page.Locator(input).FillAsync(typed);
            }
        }
    }
}
