using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Download;

namespace Portal.Domain.Tests.Catalog;

public class CatalogDownloadPlannerTests
{
    internal static StoreProductData Simple(long id, string name, string? sku) =>
        new() { WooProductId = id, Name = name, Sku = sku };

    /// <summary>A tee with Colour, Size, Material and Finish used for variations and a non-variation Care attribute.</summary>
    internal static StoreProductData FourAttributeTee(long id = 100) => new()
    {
        WooProductId = id,
        IsVariable = true,
        Name = "Tee",
        Attributes =
        [
            new StoreAttribute("Colour", true, ["Red"]),
            new StoreAttribute("Size", true, ["L"]),
            new StoreAttribute("Material", true, ["Cotton"]),
            new StoreAttribute("Finish", true, ["Matte", "Gloss"]),
            new StoreAttribute("Care", false, ["Wash cold", "No tumble"]),
        ],
        Variations =
        [
            Variation(id + 1, "TEE-M", ("Colour", "Red"), ("Size", "L"), ("Material", "Cotton"), ("Finish", "Matte")),
            Variation(id + 2, "TEE-G", ("Colour", "Red"), ("Size", "L"), ("Material", "Cotton"), ("Finish", "Gloss")),
        ],
    };

    internal static StoreVariationData Variation(long id, string? sku, params (string Name, string Value)[] options) => new()
    {
        WooVariationId = id,
        Sku = sku,
        Options = options.ToDictionary(o => o.Name, o => o.Value, StringComparer.OrdinalIgnoreCase),
    };

    [Fact]
    public void Plan_WhenNoSku_ThenSkippedWithTheReason()
    {
        var plan = CatalogDownloadPlanner.Plan([Simple(5, "Mug", " ")], new PortalCatalogSnapshot());

        var item = plan.Items.Single();
        item.Action.ShouldBe(PlannedAction.Skip);
        item.Reason.ShouldBe("no SKU in WooCommerce");
        item.Describe().ShouldBe("Mug (WooCommerce id 5)");
    }

    [Fact]
    public void Plan_WhenFourVariationAttributes_ThenThreeOptionsAndTheSecondCollisionGetsTheFourthValue()
    {
        var plan = CatalogDownloadPlanner.Plan([FourAttributeTee()], new PortalCatalogSnapshot());

        var product = plan.Products.Single();
        product.Family!.OptionNames.ShouldBe(["Colour", "Size", "Material"]);
        product.Family.FamilyId.ShouldBeNull();
        product.Items.Select(i => i.Name).ShouldBe(["Tee Red L Cotton", "Tee Red L Cotton Gloss"]);
        product.Items[1].RenamedFrom.ShouldBe("Tee Red L Cotton");
        plan.Renamed.Count().ShouldBe(1);
        product.Items.ShouldAllBe(i => i.Action == PlannedAction.Create);
    }

    [Fact]
    public void Plan_WhenTheNameAndRemainingValuesAreTaken_ThenTheSkuInParentheses()
    {
        var portal = new PortalCatalogSnapshot { ProductNames = new HashSet<string> { "MUG" } };

        var plan = CatalogDownloadPlanner.Plan([Simple(5, "Mug", "MUG-2"), Simple(6, "Mug", "MUG-3")], portal);

        plan.Items.Select(i => i.Name).ShouldBe(["Mug (MUG-2)", "Mug (MUG-3)"]);
        plan.Items.ShouldAllBe(i => i.RenamedFrom == "Mug");
    }

    [Fact]
    public void Plan_WhenLinkedByVariationId_ThenThatProductEvenIfTheSkuIsAnotherProducts()
    {
        var portal = new PortalCatalogSnapshot
        {
            Links = new Dictionary<(long, long), int> { [(100, 101)] = 40 },
            ProductsBySku = new Dictionary<string, int> { ["TEE-M"] = 41 },
            FamilyOfProduct = new Dictionary<int, int> { [40] = 9 },
            FamiliesByName = new Dictionary<string, ExistingFamily> { ["TEE"] = new(9, "Tee", 3, new HashSet<long> { 100 }) },
        };

        var plan = CatalogDownloadPlanner.Plan([FourAttributeTee()], portal);

        var first = plan.Products.Single().Items[0];
        (first.Action, first.ProductId, first.MatchedBySku).ShouldBe((PlannedAction.Update, 40, false));
        plan.Products.Single().Family!.FamilyId.ShouldBe(9);
    }

    [Fact]
    public void Plan_WhenNotLinked_ThenMatchedBySkuTrimmedAndCaseInsensitive()
    {
        var portal = new PortalCatalogSnapshot { ProductsBySku = new Dictionary<string, int> { ["MUG-1"] = 12 } };

        var plan = CatalogDownloadPlanner.Plan([Simple(5, "Mug", "  mug-1 ")], portal);

        var item = plan.Items.Single();
        (item.Action, item.ProductId, item.MatchedBySku).ShouldBe((PlannedAction.Update, 12, true));
        plan.Duplicates.Single().ShouldBe(new SkuDuplicate("MUG-1", "portal", ["Mug (WooCommerce id 5)"]), new SkuDuplicateComparer());
    }

    [Fact]
    public void Plan_WhenTwoStoreItemsShareASku_ThenTheSecondIsSkippedAndReported()
    {
        var plan = CatalogDownloadPlanner.Plan([Simple(5, "Mug", "M-1"), Simple(6, "Cup", "m-1")], new PortalCatalogSnapshot());

        plan.Items.Select(i => i.Action).ShouldBe([PlannedAction.Create, PlannedAction.Skip]);
        plan.Items.Last().Reason.ShouldContain("Mug (WooCommerce id 5)");
        plan.Duplicates.Single().Where.ShouldBe("store");
    }

    [Fact]
    public void Plan_WhenAFamilyHasTheTitle_ThenItIsUsedUnlessAnotherStoreProductHasIt()
    {
        var free = new PortalCatalogSnapshot
        {
            FamiliesByName = new Dictionary<string, ExistingFamily> { ["TEE"] = new(9, "Tee", 3, new HashSet<long>()) },
        };
        CatalogDownloadPlanner.Plan([FourAttributeTee()], free).Products.Single().Family!.FamilyId.ShouldBe(9);

        var taken = new PortalCatalogSnapshot
        {
            FamiliesByName = new Dictionary<string, ExistingFamily> { ["TEE"] = new(9, "Tee", 3, new HashSet<long> { 555 }) },
        };
        var family = CatalogDownloadPlanner.Plan([FourAttributeTee()], taken).Products.Single().Family!;
        family.FamilyId.ShouldBeNull();
        family.Name.ShouldBe("Tee (TEE-M)");
        family.RenamedFrom.ShouldBe("Tee");
    }

    [Fact]
    public void Plan_WhenAVariableProductHasNoVariations_ThenSkippedWithTheReason()
    {
        var product = FourAttributeTee() with { Variations = [] };

        var item = CatalogDownloadPlanner.Plan([product], new PortalCatalogSnapshot()).Items.Single();

        item.Action.ShouldBe(PlannedAction.Skip);
        item.Reason.ShouldBe("a variable product without variations");
    }

    private sealed class SkuDuplicateComparer : IEqualityComparer<SkuDuplicate>
    {
        public bool Equals(SkuDuplicate? x, SkuDuplicate? y) =>
            x!.Sku == y!.Sku && x.Where == y.Where && x.Items.SequenceEqual(y.Items);

        public int GetHashCode(SkuDuplicate obj) => obj.Sku.GetHashCode(StringComparison.Ordinal);
    }
}
