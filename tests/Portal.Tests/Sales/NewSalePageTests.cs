using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Organizations;
using Portal.Features.Sales;

namespace Portal.Tests.Sales;

public sealed class NewSalePageTests : IAsyncLifetime
{
    private SalesBunit _sales = null!;

    public async Task InitializeAsync()
    {
        _sales = await SalesBunit.CreateAsync();
        _sales.ActAs(Permissions.Sales);
    }

    public async Task DisposeAsync() => await _sales.DisposeAsync();

    [Fact]
    public async Task Save_WhenNoCustomerAndAnEmptyLine_ThenTheErrorsShowNextToTheFieldsAndNothingIsSaved()
    {
        _sales.Host.RenderProviders();
        var page = _sales.Host.Context.Render<NewSalePage>();
        page.WaitForAssertion(() => page.Find("#sale-location").ShouldNotBeNull());

        page.Find("#save-and-order").Click();

        page.WaitForAssertion(() =>
        {
            page.Markup.ShouldContain("Choose the customer.");
            page.Markup.ShouldContain("Choose a product or name the line.");
        });
        // Each error once, on its field; the one summary points at them instead of repeating them.
        System.Text.RegularExpressions.Regex.Matches(page.Markup, "Choose the customer\\.").Count.ShouldBe(1);
        System.Text.RegularExpressions.Regex.Matches(page.Markup, "Choose a product or name the line\\.").Count.ShouldBe(1);
        page.Find("#new-sale-error").TextContent.Trim().ShouldBe(Portal.Features.Common.ErrorSummary.NothingSaved);
        _sales.Host.Context.Services.GetRequiredService<NavigationManager>().Uri.ShouldNotContain("/sales/");
        await using var db = _sales.Database.For(_sales.Seed.Org);
        (await db.Sales.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task SaveDraft_WhenALineOfAProductNotSoldInFractionsHasAFraction_ThenTheQuantitySaysWholeNumbersAndNothingIsSaved()
    {
        var seed = _sales.Seed;
        var draft = (await _sales.Database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 2m)), placeOrder: false)).Value!.SaleId;
        _sales.Host.RenderProviders();
        var page = _sales.Host.Context.Render<NewSalePage>(p => p.Add(x => x.SaleId, draft));
        page.WaitForAssertion(() => page.Find("#line-quantity-0").ShouldNotBeNull());

        await page.InvokeAsync(() => page.Find("#line-quantity-0").Change("1.5"));
        await page.InvokeAsync(() => page.Find("#save-draft").Click());

        page.WaitForAssertion(() => page.Markup.ShouldContain("Whole numbers only"));
        await using var db = _sales.Database.For(seed.Org);
        (await db.Sales.Include(s => s.Lines).SingleAsync(s => s.Id == draft)).Lines.ShouldHaveSingleItem().Quantity.ShouldBe(2m);
    }
}
