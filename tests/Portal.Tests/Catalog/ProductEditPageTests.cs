using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Catalog;
using Portal.Domain.Organizations;
using Portal.Features.Catalog;
using Portal.Tests.Components;
using Portal.Tests.Inventory;
using UserTenant = Portal.Tests.Sales.SalesBunit.UserTenant;

namespace Portal.Tests.Catalog;

/// <summary>The real product edit page on a real SQLite database, driven through its controls.</summary>
public sealed class ProductEditPageTests : IAsyncLifetime
{
    private InventoryPageHost _host = null!;

    private BunitHost Bunit => _host.Bunit;
    private InventoryDatabase Database => _host.Database;
    private InventorySeed Seed => _host.Seed;

    public async Task InitializeAsync() => _host = await InventoryPageHost.CreateAsync(Permissions.Administrator);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CreateFamily_WhenVariantsAreGenerated_ThenEachVariantIsSavedWithTheFamilyNameAndItsValues()
    {
        var page = Bunit.Context.Render<ProductEditPage>();
        page.WaitForElement("#family-toggle").Change(true);
        page.Find("#family-name").Input("Tee");
        page.Find("#option-name-1").Input("Colour");
        page.Find("#option-values-1").Input("Red, Blue");
        page.Find("#option-name-2").Input("Size");
        page.Find("#option-values-2").Input("S");
        page.Find("#generate-variants").Click();

        // The generated rows arrive in a render of their own: on a busy machine after the click returns.
        page.WaitForAssertion(() => page.FindAll("#new-variants .variant-name").Select(c => c.TextContent).ShouldBe(["Tee - Red / S", "Tee - Blue / S"]));
        page.Find("#variant-sku-1").GetAttribute("value").ShouldBe("TEE-RED-S");
        page.Find("#save-product").Click();

        var navigation = Bunit.Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => navigation.Uri.ShouldMatch(@"/products/\d+#family-section$"), TimeSpan.FromSeconds(10));
        await using var db = Database.For(Seed.Org);
        var family = await db.ProductFamilies.Include(f => f.Variants).SingleAsync();
        family.OptionNames.ShouldBe(["Colour", "Size"]);
        family.Variants.Select(v => (v.Sku, v.Name, v.Option1Value, v.Option2Value)).OrderBy(v => v.Sku)
            .ShouldBe([("TEE-BLUE-S", "Tee - Blue / S", "Blue", "S"), ("TEE-RED-S", "Tee - Red / S", "Red", "S")]);
    }

    [Fact]
    public async Task CreateFamily_WithAPriceCategoryAndTaxRule_ThenEveryVariantStartsWithThemAndSoDoesAVariantAddedLater()
    {
        int categoryId, taxRuleId;
        await using (var setup = Database.For(Seed.Org))
        {
            var category = Category.Create(Seed.Org, "Apparel");
            var rule = Domain.Reference.TaxRule.Create(Seed.Org, "Standard 20", 20m, false);
            setup.AddRange(category, rule);
            await setup.SaveChangesAsync();
            (categoryId, taxRuleId) = (category.Id, rule.Id);
        }

        var page = Bunit.Context.Render<ProductEditPage>();
        page.WaitForElement("#family-toggle").Change(true);
        page.Find("#family-name").Input("Organic cotton hoodie");
        page.Find("#family-price").Change("39.9");
        await Choose(page, "Category", categoryId);
        await Choose(page, "Sale tax rule", taxRuleId);
        page.Find("#option-name-1").Input("Colour");
        page.Find("#option-values-1").Input("Midnight blue, Red");
        page.Find("#generate-variants").Click();
        // Generated SKUs are kept whole in the form (each part up to ten characters).
        page.WaitForElement("#variant-sku-1").GetAttribute("value").ShouldBe("ORGANICCOT-MIDNIGHTBL");
        page.Find("#save-product").Click();

        var navigation = Bunit.Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => navigation.Uri.ShouldMatch(@"/products/\d+#family-section$"), TimeSpan.FromSeconds(10));
        await using var db = Database.For(Seed.Org);
        var family = await db.ProductFamilies.Include(f => f.Variants).SingleAsync();
        family.Variants.Select(v => (v.CategoryId, v.SaleTaxRuleId, v.Prices.Single().Price))
            .ShouldBe([(categoryId, taxRuleId, 39.9m), (categoryId, taxRuleId, 39.9m)]);

        var added = await Database.Catalog.AddVariantAsync(Seed.Tenant, family.Id, new VariantInput("HOODIE-GREEN", ["Green"]));
        added.Succeeded.ShouldBeTrue(added.Error);
        var green = await db.Products.AsNoTracking().SingleAsync(p => p.Id == added.Value);
        (green.CategoryId, green.SaleTaxRuleId, green.Prices.Single().Price).ShouldBe((categoryId, taxRuleId, 39.9m));
    }

    private static Task Choose(IRenderedComponent<ProductEditPage> page, string label, int value) =>
        page.InvokeAsync(() => page.FindComponents<MudSelect<int?>>().First(s => s.Instance.Label == label).Instance.ValueChanged.InvokeAsync(value));

    [Fact]
    public async Task AddVariant_OnAVariantsPage_ThenTheListGrowsAndAClashingSkuIsShownNextToTheSkuField()
    {
        var created = await Database.Catalog.CreateFamilyAsync(Seed.Tenant, "Tee", ["Colour"], [new VariantInput("TEE-RED", ["Red"])]);
        await using var db = Database.For(Seed.Org);
        var red = await db.Products.Where(p => p.FamilyId == created.Value).Select(p => p.Id).SingleAsync();
        var page = Bunit.Context.Render<ProductEditPage>(p => p.Add(x => x.Id, red));

        page.WaitForElement("#variant-list");
        page.FindAll("#variant-list tbody tr").Count.ShouldBe(1);
        page.Find("#add-variant-sku").Input("TEE-GREEN");
        page.Find("#add-variant-value-1").Input("Green");
        page.Find("#add-variant").Click();
        page.WaitForAssertion(() => page.FindAll("#variant-list tbody tr").Count.ShouldBe(2), TimeSpan.FromSeconds(10));
        page.Find("#variant-list").TextContent.ShouldContain("Tee - Green");

        page.Find("#add-variant-sku").Input("tee-red");
        page.Find("#add-variant-value-1").Input("Blue");
        page.Find("#add-variant").Click();

        page.WaitForAssertion(() => SkuFieldOf(page, "add-variant-sku").TextContent.ShouldContain("Another product already has the SKU 'tee-red'."),
            TimeSpan.FromSeconds(10));
        page.FindAll("#variant-list tbody tr").Count.ShouldBe(2);
        (await db.Products.CountAsync(p => p.FamilyId == created.Value)).ShouldBe(2);
    }

    [Fact]
    public async Task BillOfMaterials_WhenAComponentIsAddedThenRemoved_ThenEachSaveStoresTheLines()
    {
        var page = Bunit.Context.Render<ProductEditPage>(p => p.Add(x => x.Id, Seed.Widget));
        await PickComponentAsync(page, Seed.Gadget, "GADGET – Gadget", "3");
        page.FindAll("tr.bom-line").Count.ShouldBe(1);
        page.Find("#save-product").Click();
        page.WaitForAssertion(() => StoredBom(Seed.Widget).ShouldBe([new BomLine(Seed.Gadget, 3m)]), TimeSpan.FromSeconds(10));
        // The save reloads the product after storing it; removing before the reload ends would be undone by it.
        WaitUntilSaved(page);

        page.WaitForElement($"#remove-bom-{Seed.Gadget}").Click();
        page.WaitForAssertion(() => page.FindAll("tr.bom-line").ShouldBeEmpty());
        page.Find("#save-product").Click();
        page.WaitForAssertion(() => StoredBom(Seed.Widget).ShouldBeEmpty(), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task BillOfMaterials_WhenTheComponentIsAssembledFromThisProduct_ThenTheCycleIsShownAndNothingIsSaved()
    {
        // KIT is assembled from PART; making KIT a component of PART would go round in a circle.
        var page = Bunit.Context.Render<ProductEditPage>(p => p.Add(x => x.Id, Seed.Part));
        page.WaitForElement("#product-name").Input("Part renamed");
        await PickComponentAsync(page, Seed.Kit, "KIT – Kit", "1");
        page.Find("#save-product").Click();

        page.WaitForAssertion(() => page.Find("#bom-error").TextContent.ShouldContain("cannot go round in a circle"), TimeSpan.FromSeconds(10));
        StoredBom(Seed.Part).ShouldBeEmpty();
        await using var db = Database.For(Seed.Org);
        (await db.Products.SingleAsync(p => p.Id == Seed.Part)).Name.ShouldBe("Part");
    }

    [Fact]
    public async Task Save_WhenAnotherTabSavedTheProductFirst_ThenTheConflictShowsTheirPriceKeepsTheUsersEntriesAndASecondSaveAppliesThem()
    {
        var first = Bunit.Context.Render<ProductEditPage>(p => p.Add(x => x.Id, Seed.Widget));
        var second = Bunit.Context.Render<ProductEditPage>(p => p.Add(x => x.Id, Seed.Widget));
        first.WaitForElement("#price-1");
        second.WaitForElement("#price-1");

        first.Find("#price-1").Change("11");
        first.Find("#save-product").Click();
        first.WaitForAssertion(() => StoredPrice(Seed.Widget).ShouldBe(11m), TimeSpan.FromSeconds(10));
        second.Find("#product-name").Input("Widget deluxe");
        second.Find("#save-product").Click();

        second.WaitForAssertion(() => second.Find("#product-conflict").TextContent.ShouldContain("Someone else saved this product"), TimeSpan.FromSeconds(10));
        var rows = second.FindAll("#product-conflict tbody tr").Select(r => r.TextContent).ToList();
        rows.ShouldContain(r => r.Contains("Name") && r.Contains("Widget deluxe"));
        rows.ShouldContain(r => r.Contains("11"));
        second.Find("#product-name").GetAttribute("value").ShouldBe("Widget deluxe");
        await using (var db = Database.For(Seed.Org))
        {
            var stored = await db.Products.SingleAsync(p => p.Id == Seed.Widget);
            (stored.Name, stored.Price(1)).ShouldBe(("Widget", 11m));
        }

        second.Find("#price-1").Change("11");
        second.Find("#save-product").Click();
        second.WaitForAssertion(() =>
        {
            using var db = Database.For(Seed.Org);
            var stored = db.Products.Single(p => p.Id == Seed.Widget);
            (stored.Name, stored.Price(1)).ShouldBe(("Widget deluxe", 11m));
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Save_WhenAPriceOrAWeightDoesNotParse_ThenThatFieldSaysSoAndNothingIsSaved()
    {
        var page = Bunit.Context.Render<ProductEditPage>(p => p.Add(x => x.Id, Seed.Widget));
        page.WaitForElement("#price-2");
        page.Find("#product-name").Input("Widget typo");
        page.Find("#price-2").Change("abc");
        page.Find("#product-weight").Change("1,2,3kg");

        page.Find("#save-product").Click();

        page.WaitForAssertion(() =>
        {
            page.Markup.ShouldContain("price is not a number");
            page.Markup.ShouldContain("Weight is not a number");
            page.Find("#product-error").TextContent.ShouldContain("Nothing was saved");
        });
        await using var db = Database.For(Seed.Org);
        var stored = await db.Products.SingleAsync(p => p.Id == Seed.Widget);
        (stored.Name, stored.Price(2), stored.Weight).ShouldBe(((string, decimal?, decimal?))("Widget", null, null));
    }

    [Fact]
    public async Task Save_WhenTheNameIsEmpty_ThenTheNameSaysSoOnceAndTheSummaryOnlyPointsAtIt()
    {
        var page = Bunit.Context.Render<ProductEditPage>(p => p.Add(x => x.Id, Seed.Widget));
        page.WaitForElement("#product-name");
        page.Find("#product-name").Input("");

        page.Find("#save-product").Click();

        page.WaitForAssertion(() => page.Find("#product-error").TextContent.Trim().ShouldBe(Portal.Features.Common.ErrorSummary.NothingSaved));
        page.WaitForAssertion(() => page.FindAll(".mud-input-helper-text.mud-input-error").ShouldNotBeEmpty());
        var fieldErrors = page.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();
        var nameError = fieldErrors.ShouldHaveSingleItem();
        nameError.ShouldContain("name");
        System.Text.RegularExpressions.Regex.Matches(page.Markup, System.Text.RegularExpressions.Regex.Escape(nameError)).Count.ShouldBe(1);
        await using var db = Database.For(Seed.Org);
        (await db.Products.SingleAsync(p => p.Id == Seed.Widget)).Name.ShouldBe("Widget");
    }

    [Fact]
    public async Task Save_WhenSoldInFractionsIsTicked_ThenTheProductTakesFractionalQuantities()
    {
        var page = Bunit.Context.Render<ProductEditPage>(p => p.Add(x => x.Id, Seed.Widget));
        page.WaitForElement("#product-fractions");
        (await Database.Stock.AdjustAsync(Seed.Tenant, Seed.Widget, Seed.Warehouse, 1.5m, "cut")).Succeeded.ShouldBeFalse();

        var box = page.Find("#product-fractions");
        (box.TagName == "INPUT" ? box : box.QuerySelector("input")!).Change(true);
        page.Find("#save-product").Click();

        page.WaitForAssertion(() =>
        {
            using var db = Database.For(Seed.Org);
            db.Products.Single(p => p.Id == Seed.Widget).SoldInFractions.ShouldBeTrue();
        }, TimeSpan.FromSeconds(10));
        (await Database.Stock.AdjustAsync(Seed.Tenant, Seed.Widget, Seed.Warehouse, 1.5m, "cut")).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Page_WhenTheUserIsReadOnly_ThenOffersNoSaveAndNoComponentEditing()
    {
        await using var readOnly = new BunitHost();
        readOnly.Context.Services.AddInventoryPages(Database, new UserTenant(Seed.Org, Permissions.ReadOnly));
        readOnly.RenderProviders();

        var page = readOnly.Context.Render<ProductEditPage>(p => p.Add(x => x.Id, Seed.Kit));

        page.WaitForElement("#read-only-notice");
        page.FindAll("#save-product").ShouldBeEmpty();
        page.FindAll("#add-bom-line").ShouldBeEmpty();
        page.FindAll("tr.bom-line").Count.ShouldBe(1);
    }

    private static AngleSharp.Dom.IElement SkuFieldOf(IRenderedComponent<ProductEditPage> page, string id) =>
        page.Find($"#{id}").Closest(".mud-input-control")!;

    private static async Task PickComponentAsync(IRenderedComponent<ProductEditPage> page, int productId, string label, string quantity)
    {
        var autocomplete = page.WaitForComponent<MudAutocomplete<ProductEditPage.ProductChoice>>();
        await page.InvokeAsync(() => autocomplete.Instance.ValueChanged.InvokeAsync(new ProductEditPage.ProductChoice(productId, label)));
        page.Find("#bom-quantity").Change(quantity);
        page.Find("#add-bom-line").Click();
    }

    private IReadOnlyList<BomLine> StoredBom(int productId)
    {
        using var db = Database.For(Seed.Org);
        return db.Products.AsNoTracking().Single(p => p.Id == productId).BillOfMaterials.ToList();
    }

    private decimal? StoredPrice(int productId)
    {
        using var db = Database.For(Seed.Org);
        return db.Products.Single(p => p.Id == productId).Price(1);
    }

    private static void WaitUntilSaved(IRenderedComponent<ProductEditPage> page) =>
        page.WaitForAssertion(() => page.Find("#save-product").HasAttribute("disabled").ShouldBeFalse(), TimeSpan.FromSeconds(10));
}
