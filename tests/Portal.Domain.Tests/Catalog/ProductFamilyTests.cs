using Portal.Domain.Catalog;

namespace Portal.Domain.Tests.Catalog;

public class ProductFamilyTests
{
    [Fact]
    public void Name_WhenTwoOptionValues_ThenFamilyDashValuesJoinedBySlash()
    {
        VariantNaming.Name("T-Shirt", ["Red", "L"]).ShouldBe("T-Shirt - Red / L");
        VariantNaming.Name(" Mug ", [" Blue "]).ShouldBe("Mug - Blue");
    }

    [Fact]
    public void AddVariant_WhenValuesForEveryOption_ThenCreatesANamedStockProductInTheFamily()
    {
        var family = ProductFamily.Create(Given.Org, "T-Shirt", ["Colour", "Size"]);

        var variant = family.AddVariant("TS-RED-L", ["Red", " L "]);

        variant.Name.ShouldBe("T-Shirt - Red / L");
        variant.Sku.ShouldBe("TS-RED-L");
        variant.Type.ShouldBe(ProductType.Stock);
        (variant.Option1Value, variant.Option2Value, variant.Option3Value).ShouldBe(("Red", "L", null));
        variant.Family.ShouldBeSameAs(family);
        family.Variants.ShouldBe([variant]);
    }

    [Fact]
    public void AddVariant_WhenAValueIsMissing_ThenRefused()
    {
        var family = ProductFamily.Create(Given.Org, "T-Shirt", ["Colour", "Size"]);

        Should.Throw<DomainValidationException>(() => family.AddVariant("TS-RED", ["Red", " "]));
        Should.Throw<DomainValidationException>(() => family.AddVariant("TS-RED", ["Red"]));
        family.Variants.ShouldBeEmpty();
    }

    [Fact]
    public void AddVariant_WhenTheCombinationExists_ThenRefused()
    {
        var family = ProductFamily.Create(Given.Org, "T-Shirt", ["Colour", "Size"]);
        family.AddVariant("TS-RED-L", ["Red", "L"]);

        Should.Throw<DomainException>(() => family.AddVariant("TS-RED-L2", ["red", "l"]));
    }

    [Fact]
    public void Rename_WhenFamilyHasVariants_ThenRenamesThemToo()
    {
        var family = ProductFamily.Create(Given.Org, "T-Shirt", ["Colour"]);
        var variant = family.AddVariant("TS-RED", ["Red"]);

        family.Rename("Tee");

        variant.Name.ShouldBe("Tee - Red");
    }

    [Fact]
    public void Create_WhenMoreThanThreeOrNoOptions_ThenRefused()
    {
        Should.Throw<DomainValidationException>(() => ProductFamily.Create(Given.Org, "T", ["A", "B", "C", "D"]));
        Should.Throw<DomainValidationException>(() => ProductFamily.Create(Given.Org, "T", [" "]));
    }

    [Fact]
    public void Create_WhenTwoOptionsShareAName_ThenRefused()
    {
        Should.Throw<DomainValidationException>(() => ProductFamily.Create(Given.Org, "T", ["Size", "size"]));
    }

    [Fact]
    public void SetOptionNames_WhenVariantsExistAndTheCountChanges_ThenRefused()
    {
        var family = ProductFamily.Create(Given.Org, "T-Shirt", ["Colour"]);
        family.AddVariant("TS-RED", ["Red"]);

        Should.Throw<DomainException>(() => family.SetOptionNames(["Colour", "Size"]));
        family.SetOptionNames(["Color"]);
        family.Option1Name.ShouldBe("Color");
    }
}
