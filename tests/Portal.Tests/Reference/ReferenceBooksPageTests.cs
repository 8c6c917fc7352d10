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
}
