using Portal.Domain;
using Portal.Domain.Catalog;
using Portal.Features.Catalog;

namespace Portal.Tests.Inventory;

public sealed class ProductCatalogTests
{
    [Fact]
    public async Task Create_WhenTheSkuDiffersOnlyInCase_ThenIsRefusedWithTheDuplicateSkuMessage()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);

        var result = await database.Catalog.CreateAsync(seed.Tenant, new ProductInput { Sku = "widget", Name = "Another" });

        result.Succeeded.ShouldBeFalse();
        result.FieldErrors.ShouldBe([ProductRules.DuplicateSku("widget")]);
    }

    [Fact]
    public async Task Create_WhenTwoUsersSaveTheSameNameAtOnce_ThenTheUniqueIndexRefusesTheSecondWithTheDuplicateNameMessage()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        database.Interceptors.Add(new SaveBarrier(2)); // both pass the check before saving, so only the index can refuse

        var results = await Task.WhenAll(
            database.Catalog.CreateAsync(seed.Tenant, new ProductInput { Sku = "A-1", Name = "Ärmel" }),
            database.Catalog.CreateAsync(seed.Tenant, new ProductInput { Sku = "A-2", Name = "ärmel" }));

        results.Count(r => r.Succeeded).ShouldBe(1);
        var refused = results.Single(r => !r.Succeeded);
        refused.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe(nameof(Product.Name));
        refused.Error!.ShouldStartWith("Another product is already named");
    }

    [Fact]
    public async Task Create_WithEverythingTheEditPageSets_ThenUpdatesReplaceTheListsAndOtherOrganizationsMayReuseTheSku()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var other = await InventorySeed.CreateAsync(database, "Other");
        var input = new ProductInput
        {
            Sku = "BOX", Name = "Gift box", Tags = ["gift"], Prices = new Dictionary<int, decimal> { [1] = 9.5m, [2] = 8m },
            Images = ["https://img.example/box.png"], CustomFields = [new("Colour", "Red")],
            BillOfMaterials = [(seed.Part, 3m)], Weight = 0.25m,
        };

        var created = await database.Catalog.CreateAsync(seed.Tenant, input);
        var updated = await database.Catalog.UpdateAsync(seed.Tenant, created.Value, input with
        {
            Prices = new Dictionary<int, decimal> { [3] = 7m }, BillOfMaterials = [(seed.Widget, 1m)],
        });
        var elsewhere = await database.Catalog.CreateAsync(other.Tenant, new ProductInput { Sku = "box", Name = "Gift box" });
        var cycle = await database.Catalog.UpdateAsync(seed.Tenant, seed.Widget, new ProductInput
        {
            Sku = "WIDGET", Name = "Widget", BillOfMaterials = [(created.Value, 1m)],
        });

        updated.Error.ShouldBeNull();
        elsewhere.Error.ShouldBeNull();
        cycle.Error!.ShouldContain("cannot go round in a circle");
        await using var db = database.For(seed.Org);
        var box = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Products, p => p.Id == created.Value);
        box.Prices.ShouldBe([new ProductPrice(3, 7m)]);
        box.BillOfMaterials.ShouldBe([new BomLine(seed.Widget, 1m)]);
        box.Weight.ShouldBe(0.25m);
    }

    [Fact]
    public async Task Create_WhenAComponentBelongsToAnotherOrganization_ThenIsRefusedAsMissing()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var other = await InventorySeed.CreateAsync(database, "Other");

        var result = await database.Catalog.CreateAsync(seed.Tenant,
            new ProductInput { Sku = "BOX", Name = "Box", BillOfMaterials = [(other.Part, 1m)] });

        result.FieldErrors.ShouldBe([new ValidationError("BillOfMaterials", $"Component product {other.Part} does not exist.")]);
    }

    [Fact]
    public async Task CreateFamily_WhenVariantsAreGiven_ThenEachIsAProductNamedByTheFamily()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);

        var family = await database.Catalog.CreateFamilyAsync(seed.Tenant, "T-Shirt", ["Colour", "Size"],
            [new VariantInput("TS-R-L", ["Red", "L"]), new VariantInput("TS-B-L", ["Blue", "L"])]);
        var duplicate = await database.Catalog.AddVariantAsync(seed.Tenant, family.Value, new VariantInput("ts-r-l", ["Green", "L"]));

        family.Error.ShouldBeNull();
        duplicate.FieldErrors.ShouldBe([ProductRules.DuplicateSku("ts-r-l")]);
        var page = await database.Availability.GetAsync(seed.Tenant, new Features.Stock.AvailabilityFilter { Search = "t-shirt" });
        page.Products.Select(p => p.Name).ShouldBe(["T-Shirt - Blue / L", "T-Shirt - Red / L"]);
    }

    [Fact]
    public async Task AddVariant_WhenTheSameFormIsSubmittedTwice_ThenTheFirstVariantIsAnsweredAndNoDuplicateSkuError()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var family = await database.Catalog.CreateFamilyAsync(seed.Tenant, "Cap", ["Colour"], [new VariantInput("CAP-R", ["Red"])]);
        var token = Features.Common.SubmissionToken.New();

        var first = await database.Catalog.AddVariantAsync(seed.Tenant, family.Value, new VariantInput("CAP-B", ["Blue"]), submission: token);
        var second = await database.Catalog.AddVariantAsync(seed.Tenant, family.Value, new VariantInput("CAP-B", ["Blue"]), submission: token);

        first.Succeeded.ShouldBeTrue(first.Error);
        second.Succeeded.ShouldBeTrue(second.Error);
        second.Value.ShouldBe(first.Value);
        var page = await database.Availability.GetAsync(seed.Tenant, new Features.Stock.AvailabilityFilter { Search = "cap" });
        page.Products.Select(p => p.Name).ShouldBe(["Cap - Blue", "Cap - Red"]);
    }
}
