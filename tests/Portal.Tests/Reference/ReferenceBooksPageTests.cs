using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Organizations;
using Portal.Features.Common;
using Portal.Features.Reference;
using Portal.Tests.Sales;

namespace Portal.Tests.Reference;

public sealed class ReferenceBooksPageTests : IAsyncLifetime
{
    private SalesBunit _sales = null!;

    public async Task InitializeAsync()
    {
        _sales = await SalesBunit.CreateAsync();
        _sales.ActAs(Permissions.Administrator);
        var unitOfWork = new UnitOfWork(_sales.Database);
        _sales.Host.Context.Services.AddSingleton(new ReferenceBookEditor(unitOfWork));
        _sales.Host.Context.Services.AddSingleton(new StarterReferenceBooks(unitOfWork, _sales.Database, _sales.Database.Clock));
    }

    public async Task DisposeAsync() => await _sales.DisposeAsync();

    [Fact]
    public async Task Tabs_WhenOpenedByAddressAndSwitched_ThenTheAddressNamesTheOpenTab()
    {
        _sales.Host.RenderProviders();
        var navigation = _sales.Host.Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        var page = _sales.Host.Context.Render<ReferenceBooksPage>(p => p.Add(x => x.Tab, "tax-rules"));

        page.WaitForAssertion(() => page.Find("#tax-rule-rate").ShouldNotBeNull());
        page.Find(".mud-tab-active").TextContent.ShouldContain("Tax rules");

        await page.InvokeAsync(() => page.FindAll(".mud-tab").First(t => t.TextContent.Contains("Carriers")).Click());

        page.WaitForAssertion(() => navigation.Uri.ShouldEndWith("/reference/carriers"));
        page.Find(".mud-tab-active").TextContent.ShouldContain("Carriers");

        // Back to the tax rules' address (the browser's Back button): the page follows it.
        page.Render(p => p.Add(x => x.Tab, "tax-rules"));
        page.WaitForAssertion(() => page.Find(".mud-tab-active").TextContent.ShouldContain("Tax rules"));
    }

    [Fact]
    public async Task SaveTaxRule_WhenTheRateIsNotANumber_ThenTheRateFieldSaysSoAndNothingIsSaved()
    {
        await using (var before = _sales.Database.For(_sales.Seed.Org))
        {
            (await before.TaxRules.CountAsync(t => t.Name == "Typo VAT")).ShouldBe(0);
        }

        _sales.Host.RenderProviders();
        var page = _sales.Host.Context.Render<ReferenceBooksPage>();
        page.WaitForAssertion(() => page.FindAll(".mud-tab").ShouldNotBeEmpty());
        await page.InvokeAsync(() => page.FindAll(".mud-tab").First(t => t.TextContent.Contains("Tax rules")).Click());
        page.WaitForAssertion(() => page.Find("#tax-rule-rate").ShouldNotBeNull());

        await page.InvokeAsync(() => page.Find("#tax-rule-name").Change("Typo VAT"));
        await page.InvokeAsync(() => page.Find("#tax-rule-rate").Change("abc"));
        await page.InvokeAsync(() => page.Find("#save-tax-rule").Click());

        page.WaitForAssertion(() => page.Markup.ShouldContain("Rate is not a number"));
        await using var db = _sales.Database.For(_sales.Seed.Org);
        (await db.TaxRules.CountAsync(t => t.Name == "Typo VAT")).ShouldBe(0);
    }

    [Fact]
    public async Task SaveTaxRule_WhenTheRateIsCorrectedAfterARefusal_ThenTheCorrectedRuleIsSaved()
    {
        _sales.Host.RenderProviders();
        var page = _sales.Host.Context.Render<ReferenceBooksPage>();
        page.WaitForAssertion(() => page.FindAll(".mud-tab").ShouldNotBeEmpty());
        await page.InvokeAsync(() => page.FindAll(".mud-tab").First(t => t.TextContent.Contains("Tax rules")).Click());
        page.WaitForAssertion(() => page.Find("#tax-rule-rate").ShouldNotBeNull());
        await page.InvokeAsync(() => page.Find("#tax-rule-name").Change(""));
        await page.InvokeAsync(() => page.Find("#tax-rule-rate").Change("abc"));
        await page.InvokeAsync(() => page.Find("#save-tax-rule").Click());
        page.WaitForAssertion(() => page.Markup.ShouldContain("Rate is not a number"));

        await page.InvokeAsync(() => page.Find("#tax-rule-rate").Change("12.5"));
        await page.InvokeAsync(() => page.Find("#save-tax-rule").Click());
        page.WaitForAssertion(() => page.Markup.ShouldNotContain("Rate is not a number"));
        await page.InvokeAsync(() => page.Find("#tax-rule-name").Change("Corrected VAT"));
        await page.InvokeAsync(() => page.Find("#save-tax-rule").Click());

        await using var db = _sales.Database.For(_sales.Seed.Org);
        page.WaitForAssertion(() => db.TaxRules.Count(t => t.Name == "Corrected VAT" && t.Rate == 12.5m).ShouldBe(1));
    }

    [Fact]
    public async Task SaveTaxRule_WhenSomeoneElseSavedTheRuleSinceItWasOpened_ThenTheConflictShowsTheListIsCurrentAndTheEntriesAreKept()
    {
        var editor = _sales.Host.Context.Services.GetRequiredService<ReferenceBookEditor>();
        var rule = (await editor.SaveTaxRuleAsync(_sales.Seed.Tenant, null, "Shared VAT", 20m, false)).Value;
        _sales.Host.RenderProviders();
        var page = _sales.Host.Context.Render<ReferenceBooksPage>();
        page.WaitForAssertion(() => page.FindAll(".mud-tab").ShouldNotBeEmpty());
        await page.InvokeAsync(() => page.FindAll(".mud-tab").First(t => t.TextContent.Contains("Tax rules")).Click());
        page.WaitForAssertion(() => page.FindAll("#tax-rule-table tbody tr").ShouldContain(r => r.TextContent.Contains("Shared VAT")));
        await page.InvokeAsync(() => page.FindAll("#tax-rule-table tbody tr").First(r => r.TextContent.Contains("Shared VAT")).Click());
        page.WaitForAssertion(() => page.Find("#tax-rule-name").GetAttribute("value").ShouldBe("Shared VAT"));

        // Another administrator changes the rate while this editor is open.
        (await editor.SaveTaxRuleAsync(_sales.Seed.Tenant, rule, "Shared VAT", 21m, false)).Succeeded.ShouldBeTrue();
        await page.InvokeAsync(() => page.Find("#tax-rule-name").Change("Shared VAT (renamed)"));
        await page.InvokeAsync(() => page.Find("#save-tax-rule").Click());

        page.WaitForAssertion(() => page.Find("#tax-rule-error").TextContent.ShouldStartWith("Someone else saved this tax rule"));
        page.Find("#tax-rule-table").TextContent.ShouldContain("21 %");
        page.Find("#tax-rule-name").GetAttribute("value").ShouldBe("Shared VAT (renamed)");
        await using (var db = _sales.Database.For(_sales.Seed.Org))
        {
            (await db.TaxRules.SingleAsync(t => t.Id == rule)).Name.ShouldBe("Shared VAT");
        }

        await page.InvokeAsync(() => page.Find("#tax-rule-rate").Change("21"));
        await page.InvokeAsync(() => page.Find("#save-tax-rule").Click());
        page.WaitForAssertion(() =>
        {
            using var db = _sales.Database.For(_sales.Seed.Org);
            var saved = db.TaxRules.Single(t => t.Id == rule);
            (saved.Name, saved.Rate).ShouldBe(("Shared VAT (renamed)", 21m));
        });
    }

    [Fact]
    public async Task SaveTierNames_WhenSomeoneElseNamedATierSinceThePageWasOpened_ThenTheConflictShowsTheirNameAndTheUsersNamesAreKept()
    {
        var page = await OpenPriceTiersAsync();

        // Another administrator names tier 2 while this page is open with tier 2 unnamed.
        await NameTierElsewhereAsync(2, "Wholesale");
        await page.InvokeAsync(() => page.Find("#tier-name-3").Change("VIP"));
        await page.InvokeAsync(() => page.Find("#save-tier-names").Click());

        page.WaitForAssertion(() => page.Find("#tier-conflict").TextContent.ShouldContain("Someone else saved this list of price tier names"), TimeSpan.FromSeconds(10));
        var rows = page.FindAll("#tier-conflict tbody tr").Select(r => r.TextContent).ToList();
        rows.ShouldContain(r => r.Contains("Tier 2") && r.Contains("Wholesale"));
        rows.ShouldContain(r => r.Contains("Tier 3") && r.Contains("VIP"));
        page.Find("#tier-name-3").GetAttribute("value").ShouldBe("VIP");
        (await SavedTierNamesAsync()).Take(3).ShouldBe(["Tier 1", "Wholesale", "Tier 3"]);
    }

    [Fact]
    public async Task SaveTierNames_WhenSavedAgainAfterAConflict_ThenTheUsersNamesAreSavedAndTheOtherAdministratorsNameIsKept()
    {
        var page = await OpenPriceTiersAsync();

        // Another administrator names tier 2 (and clears the starter names) while this page is open; this user names
        // tiers 3 and 4. Saving again must store the user's names without putting back what the other one changed.
        await NameTierElsewhereAsync(2, "Wholesale");
        await page.InvokeAsync(() => page.Find("#tier-name-3").Change("VIP"));
        await page.InvokeAsync(() => page.Find("#tier-name-4").Change("Staff"));
        await page.InvokeAsync(() => page.Find("#save-tier-names").Click());
        page.WaitForAssertion(() => page.Find("#tier-conflict").ShouldNotBeNull(), TimeSpan.FromSeconds(10));

        await page.InvokeAsync(() => page.Find("#save-tier-names").Click());

        page.WaitForAssertion(() => page.FindAll("#tier-conflict").ShouldBeEmpty(), TimeSpan.FromSeconds(10));
        (await SavedTierNamesAsync()).Take(4).ShouldBe(["Tier 1", "Wholesale", "VIP", "Staff"]);
        page.Find("#tier-name-2").GetAttribute("value").ShouldBe("Wholesale");
        page.Find("#tier-name-3").GetAttribute("value").ShouldBe("VIP");
    }

    [Fact]
    public async Task SaveTierNames_WhenBothRenamedTheSameTierAndTheUserSavesAgain_ThenTheUsersNameIsSaved()
    {
        await NameTierElsewhereAsync(2, "Trade");
        var page = await OpenPriceTiersAsync();
        page.Find("#tier-name-2").GetAttribute("value").ShouldBe("Trade");

        await NameTierElsewhereAsync(2, "Wholesale");
        await page.InvokeAsync(() => page.Find("#tier-name-2").Change("Resellers"));
        await page.InvokeAsync(() => page.Find("#save-tier-names").Click());
        page.WaitForAssertion(() => page.FindAll("#tier-conflict tbody tr").ShouldContain(r => r.TextContent.Contains("Wholesale") && r.TextContent.Contains("Resellers")),
            TimeSpan.FromSeconds(10));
        page.Find("#tier-name-2").GetAttribute("value").ShouldBe("Resellers");

        await page.InvokeAsync(() => page.Find("#save-tier-names").Click());

        page.WaitForAssertion(() => page.FindAll("#tier-conflict").ShouldBeEmpty(), TimeSpan.FromSeconds(10));
        (await SavedTierNamesAsync()).Take(2).ShouldBe(["Tier 1", "Resellers"]);
    }

    private async Task<IRenderedComponent<ReferenceBooksPage>> OpenPriceTiersAsync()
    {
        _sales.Host.RenderProviders();
        var page = _sales.Host.Context.Render<ReferenceBooksPage>();
        page.WaitForAssertion(() => page.FindAll(".mud-tab").ShouldNotBeEmpty());
        await page.InvokeAsync(() => page.FindAll(".mud-tab").First(t => t.TextContent.Contains("Price tiers")).Click());
        page.WaitForAssertion(() => page.Find("#tier-name-3").ShouldNotBeNull());
        return page;
    }

    /// <summary>Another administrator saves the list with only <paramref name="tier"/> named.</summary>
    private async Task NameTierElsewhereAsync(int tier, string name)
    {
        var editor = _sales.Host.Context.Services.GetRequiredService<ReferenceBookEditor>();
        var names = Enumerable.Range(1, 10).Select(t => t == tier ? name : null).ToList();
        (await editor.SavePriceTierNamesAsync(_sales.Seed.Tenant, names)).Succeeded.ShouldBeTrue();
    }

    private async Task<IReadOnlyList<string>> SavedTierNamesAsync()
    {
        await using var db = _sales.Database.For(_sales.Seed.Org);
        return Domain.Reference.PriceTierName.Resolve(await db.PriceTierNames.ToListAsync());
    }
}
