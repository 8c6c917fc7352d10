using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Download;

namespace Portal.Domain.Tests.Catalog;

public class StoreProductRulesTests
{
    [Fact]
    public void RootOf_WhenThreeLevelsDown_ThenTheTopCategory()
    {
        var tree = new Dictionary<long, (string, long)> { [1] = ("Clothing", 0), [2] = ("Tops", 1), [3] = ("Tees", 2) };

        StoreCategories.RootOf(3, tree).ShouldBe("Clothing");
        StoreCategories.RootOf(1, tree).ShouldBe("Clothing");
        StoreCategories.RootOf(99, tree).ShouldBeNull();
        StoreCategories.RootOf(null, tree).ShouldBeNull();
    }

    [Fact]
    public void RootOf_WhenTheParentsGoRound_ThenItStops()
    {
        var tree = new Dictionary<long, (string, long)> { [1] = ("A", 2), [2] = ("B", 1) };

        StoreCategories.RootOf(1, tree).ShouldBe("B");
    }

    [Theory]
    [InlineData("none", "", 1)]
    [InlineData("taxable", "", 10)]
    [InlineData("taxable", "standard", 10)]
    [InlineData("taxable", "reduced-rate", 20)]
    [InlineData("taxable", "zero-rate", 99)]
    [InlineData("shipping", "Reduced rate", 20)]
    public void SaleTaxRule_WhenStatusAndClass_ThenTheMappedRule(string status, string taxClass, int expected)
    {
        (string, int?)[] rates = [("Standard", 10), ("Standard", 11), ("reduced-rate", 20), ("zero-rate", null)];

        StoreTaxRules.SaleTaxRule(status, taxClass, taxFreeRuleId: 1, rates, organizationDefault: 99).ShouldBe(expected);
    }

    [Fact]
    public void StoreVariantNaming_WhenSomeValuesAreMissing_ThenOnlyThosePresentSpaceSeparated()
    {
        StoreVariantNaming.Name("Tee", ["Red", null, " L "]).ShouldBe("Tee Red L");
    }

    [Fact]
    public void CustomFields_WhenMoreThanTenOtherAttributes_ThenTheFirstTen()
    {
        var product = new StoreProductData
        {
            Name = "Box",
            Attributes = Enumerable.Range(1, 12).Select(i => new StoreAttribute($"A{i}", false, [$"v{i}"])).ToList(),
        };

        var fields = StoreAttributes.CustomFields(product, null);

        fields.Count.ShouldBe(10);
        fields[0].ShouldBe(new KeyValuePair<string, string?>("A1", "v1"));
    }

    [Fact]
    public void StoreNamedFamily_WhenVariantsShareOptionValues_ThenAllowedAndNamesKept()
    {
        var family = ProductFamily.CreateFromStore(Given.Org, "Tee", ["Colour"]);

        var first = family.AddVariant("T-1", ["Red"]);
        var second = family.AddVariant("T-2", ["Red"], "Tee Red Gloss");
        family.Rename("Shirt");

        (first.Name, second.Name).ShouldBe(("Shirt Red", "Shirt Red Gloss"));
        family.ChangeVariantValues(first, ["Blue"]);
        (first.Option1Value, first.Name).ShouldBe(("Blue", "Shirt Red"));
    }
}
