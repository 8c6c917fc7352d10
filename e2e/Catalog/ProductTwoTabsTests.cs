using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Catalog;
using Portal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Catalog;

/// <summary>Two browser tabs on one product: the second save does not silently revert the first one's price.</summary>
[Collection(PortalCollection.Name)]
public sealed class ProductTwoTabsTests(PortalFixture fixture)
{
    [Fact]
    public async Task TwoTabs_WhenBothSaveOneProduct_ThenTheSecondSeesTheConflictWithTheCurrentPriceAndKeepsItsEntries()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Two tabs");
        int productId;
        await using (var db = Contexts.CreateForOrganization(owner.OrganizationId))
        {
            var product = Product.Create(owner.OrganizationId, "RAKE", "Rake");
            product.SetPrice(1, 20m);
            db.Add(product);
            await db.SaveChangesAsync();
            productId = product.Id;
        }

        await using var first = await fixture.OpenSessionAsync(nameof(TwoTabs_WhenBothSaveOneProduct_ThenTheSecondSeesTheConflictWithTheCurrentPriceAndKeepsItsEntries) + "-first");
        await using var second = await fixture.OpenSessionAsync(nameof(TwoTabs_WhenBothSaveOneProduct_ThenTheSecondSeesTheConflictWithTheCurrentPriceAndKeepsItsEntries) + "-second");
        await first.SignInAsync(owner.Email, owner.Password);
        await second.SignInAsync(owner.Email, owner.Password);
        await first.GotoAsync($"products/{productId}");
        await second.GotoAsync($"products/{productId}");
        await Expect(first.Page.Locator("#price-1")).ToHaveValueAsync("20");
        await Expect(second.Page.Locator("#price-1")).ToHaveValueAsync("20");

        // The first tab raises the price and saves.
        await first.Page.Locator("#price-1").FillAsync("24.5");
        await first.Page.Locator("#price-1").BlurAsync();
        await first.Page.Locator("#save-product").ClickAsync();
        await Expect(first.Page.Locator(".mud-snackbar", new() { HasText = "Saved RAKE." })).ToBeVisibleAsync();
        await first.ScreenshotAsync("first-tab-saved");

        // The second tab, still showing 20, renames the product and saves.
        await second.Page.Locator("#product-name").FillAsync("Garden rake");
        await second.Page.Locator("#save-product").ClickAsync();

        var conflict = second.Page.Locator("#product-conflict");
        await Expect(conflict).ToContainTextAsync("Someone else saved this product after you opened it");
        await Expect(conflict.Locator("tr", new() { HasText = "Name" })).ToContainTextAsync("Garden rake");
        await Expect(conflict.Locator("tr", new() { HasText = "Price" })).ToContainTextAsync("24.5");
        await Expect(second.Page.Locator("#product-name")).ToHaveValueAsync("Garden rake");
        await second.ScreenshotAsync("second-tab-conflict");
        await using (var db = Contexts.CreateForOrganization(owner.OrganizationId))
        {
            var stored = await db.Products.SingleAsync(p => p.Id == productId);
            (stored.Name, stored.Price(1)).ShouldBe(("Rake", (decimal?)24.5m));
        }

        // The user takes the other tab's price and saves again: both changes stand.
        await second.Page.Locator("#price-1").FillAsync("24.5");
        await second.Page.Locator("#price-1").BlurAsync();
        await second.Page.Locator("#save-product").ClickAsync();
        await Expect(second.Page.Locator(".mud-snackbar", new() { HasText = "Saved RAKE." })).ToBeVisibleAsync();
        await Expect(second.Page.Locator("#product-conflict")).ToHaveCountAsync(0);
        await second.ScreenshotAsync("second-tab-saved-again");
        await using (var db = Contexts.CreateForOrganization(owner.OrganizationId))
        {
            var stored = await db.Products.SingleAsync(p => p.Id == productId);
            (stored.Name, stored.Price(1)).ShouldBe(("Garden rake", (decimal?)24.5m));
        }

        first.ShouldHaveNoBrowserErrors();
        second.ShouldHaveNoBrowserErrors();
    }

    private IPortalDbContextFactory Contexts => fixture.Server.Services.GetRequiredService<IPortalDbContextFactory>();
}
