using Portal.Domain.Catalog;

namespace Portal.Domain.Tests.Catalog;

public class ProductTests
{
    [Fact]
    public void Create_WhenSkuAndNameHaveSpaces_ThenTrimsThem()
    {
        var product = Product.Create(Given.Org, "  TS-01 ", " T-Shirt ");

        product.Sku.ShouldBe("TS-01");
        product.Name.ShouldBe("T-Shirt");
        product.Type.ShouldBe(ProductType.Stock);
        product.OrganizationId.ShouldBe(Given.Org);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WhenSkuIsMissing_ThenRefusedOnTheSkuField(string? sku)
    {
        var error = Should.Throw<DomainValidationException>(() => Product.Create(Given.Org, sku, "T-Shirt"));

        error.Errors.ShouldHaveSingleItem().ShouldBe(new ValidationError("Sku", "The product SKU is required."));
    }

    [Fact]
    public void Create_WhenSkuIsTooLongAndNameMissing_ThenReportsBothFields()
    {
        var error = Should.Throw<DomainValidationException>(() => Product.Create(Given.Org, new string('A', 51), " "));

        error.Errors.Select(e => e.Field).ShouldBe(["Sku", "Name"]);
        error.Errors[0].Message.ShouldContain("50");
    }

    [Fact]
    public void Create_WhenSkuHasAControlCharacter_ThenRefused()
    {
        Should.Throw<DomainValidationException>(() => Product.Create(Given.Org, "TS\t01", "T-Shirt"));
    }

    [Fact]
    public void ChangeSku_WhenEmpty_ThenRefusedAndKeepsTheOldSku()
    {
        var product = Product.Create(Given.Org, "TS-01", "T-Shirt");

        Should.Throw<DomainValidationException>(() => product.ChangeSku(""));

        product.Sku.ShouldBe("TS-01");
    }

    [Fact]
    public void DuplicateSku_ThenNamesTheSkuOnTheSkuField()
    {
        ProductRules.DuplicateSku("TS-01").ShouldBe(new ValidationError("Sku", "Another product already has the SKU 'TS-01'."));
        ProductRules.DuplicateName("T-Shirt").Field.ShouldBe("Name");
    }

    [Fact]
    public void SetPrice_WhenTiersAreSetOutOfOrder_ThenKeepsOnePricePerTierInTierOrder()
    {
        var product = Product.Create(Given.Org, "TS-01", "T-Shirt");

        product.SetPrice(3, 9.5m);
        product.SetPrice(1, 12m);
        product.SetPrice(3, 9m);
        product.SetPrice(10, 1m);
        product.SetPrice(10, null);

        product.Prices.ShouldBe([new ProductPrice(1, 12m), new ProductPrice(3, 9m)]);
        product.Price(3).ShouldBe(9m);
        product.Price(2).ShouldBeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void SetPrice_WhenTierDoesNotExist_ThenRefused(int tier)
    {
        var product = Product.Create(Given.Org, "TS-01", "T-Shirt");

        Should.Throw<DomainException>(() => product.SetPrice(tier, 1m));
    }

    [Fact]
    public void SetPrice_WhenNegative_ThenRefused()
    {
        var product = Product.Create(Given.Org, "TS-01", "T-Shirt");

        Should.Throw<DomainValidationException>(() => product.SetPrice(1, -1m));
    }

    [Fact]
    public void SetImages_WhenGiven_ThenKeepsTheOrderAndSkipsBlanks()
    {
        var product = Product.Create(Given.Org, "TS-01", "T-Shirt");

        product.SetImages(["https://img/b.png", " ", "https://img/a.png"]);

        product.Images.ShouldBe([new ProductImage(1, "https://img/b.png"), new ProductImage(2, "https://img/a.png")]);
    }

    [Fact]
    public void SetImages_WhenNotAnHttpAddress_ThenRefused()
    {
        var product = Product.Create(Given.Org, "TS-01", "T-Shirt");

        Should.Throw<DomainValidationException>(() => product.SetImages(["ftp://img/a.png"]));
    }

    [Fact]
    public void SetCustomFields_WhenMoreThanTen_ThenRefused()
    {
        var product = Product.Create(Given.Org, "TS-01", "T-Shirt");
        var ten = Enumerable.Range(1, 10).Select(i => new KeyValuePair<string, string?>($"F{i}", "x")).ToList();

        product.SetCustomFields(ten);
        product.CustomFields.Count.ShouldBe(10);

        Should.Throw<DomainValidationException>(() => product.SetCustomFields(ten.Append(new("F11", "x"))));
        product.CustomFields.Count.ShouldBe(10);
    }

    [Fact]
    public void SetCustomFields_WhenTwoHaveTheSameName_ThenRefused()
    {
        var product = Product.Create(Given.Org, "TS-01", "T-Shirt");

        Should.Throw<DomainValidationException>(() => product.SetCustomFields([new("Fabric", "a"), new("fabric", "b")]));
    }

    [Fact]
    public void SetDimensions_WhenNegative_ThenRefusedOnThatField()
    {
        var product = Product.Create(Given.Org, "TS-01", "T-Shirt");

        var error = Should.Throw<DomainValidationException>(() => product.SetDimensions(1m, -2m, null, null));

        error.Errors.ShouldHaveSingleItem().Field.ShouldBe("Width");
        product.Weight.ShouldBeNull();
    }

    [Fact]
    public void SetTags_WhenRepeatedOrBlank_ThenKeepsEachOnce()
    {
        var product = Product.Create(Given.Org, "TS-01", "T-Shirt");

        product.SetTags(["summer", " Summer", "", "cotton "]);

        product.Tags.ShouldBe(["summer", "cotton"]);
    }
}
