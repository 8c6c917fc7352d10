using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Download;

namespace Portal.Domain.Tests.Catalog;

public class DownloadedFieldsTests
{
    private static readonly DownloadSettings Tiers12 = new(1, 2, StoreIsMaster: false);

    private static ItemFields Fields(string? description = "From the store", params string[] images) => new()
    {
        Description = description,
        Values = new StoreItemValues { RegularPrice = 20m, SalePrice = 15m, Weight = 1.5m, Width = 2m, Height = 3m, Length = 4m, Quantity = 7 },
        Tags = ["summer", "Summer", "cotton"],
        Images = images,
        CustomFields = [new("Care", "Wash cold")],
    };

    [Fact]
    public void Apply_WhenCreated_ThenEveryMappedFieldIsWritten()
    {
        var product = Given.Product(0, "TEE-1");
        var category = Category.Create(Given.Org, "Clothing");

        DownloadedFields.Apply(product, Fields(images: "https://img.example/a.png"), category, 4, Tiers12, created: true).ShouldBeTrue();

        (product.Price(1), product.Price(2)).ShouldBe((20m, 15m));
        (product.Weight, product.Width, product.Height, product.Length).ShouldBe((1.5m, 2m, 3m, 4m));
        product.Tags.ShouldBe(["summer", "cotton"]);
        product.CustomFields.ShouldBe([new ProductCustomField("Care", "Wash cold")]);
        product.Images.Single().Url.ShouldBe("https://img.example/a.png");
        product.Description.ShouldBe("From the store");
        product.Category.ShouldBeSameAs(category);
        product.SaleTaxRuleId.ShouldBe(4);
        DownloadedFields.OpeningStock(Fields()).ShouldBe(7m);
    }

    [Fact]
    public void Apply_WhenAppliedTwice_ThenTheSecondChangesNothing()
    {
        var product = Given.Product(1, "TEE-1");
        DownloadedFields.Apply(product, Fields(images: "https://img.example/a.png"), null, null, Tiers12, created: true);

        DownloadedFields.Apply(product, Fields(images: "https://img.example/a.png"), null, null, Tiers12, created: false).ShouldBeFalse();
    }

    [Fact]
    public void Apply_WhenTheProductHasImages_ThenTheyAreKept()
    {
        var product = Given.Product(1, "TEE-1");
        product.SetImages(["https://portal.example/own.png"]);

        DownloadedFields.Apply(product, Fields(images: "https://img.example/a.png"), null, null, Tiers12, created: false);

        product.Images.Select(i => i.Url).ShouldBe(["https://portal.example/own.png"]);
    }

    [Fact]
    public void Apply_WhenLinkedAndStoreIsNotMaster_ThenCategoryAndDescriptionStay()
    {
        var product = Given.Product(1, "TEE-1");
        product.Description = "Ours";

        DownloadedFields.Apply(product, Fields(), Category.Create(Given.Org, "Clothing"), null, Tiers12, created: false);

        product.Description.ShouldBe("Ours");
        product.Category.ShouldBeNull();
        product.Price(1).ShouldBe(20m);
    }

    [Fact]
    public void Apply_WhenLinkedAndStoreIsMaster_ThenCategoryAndDescriptionFollowTheStore()
    {
        var product = Given.Product(1, "TEE-1");
        product.Description = "Ours";
        var category = Category.Create(Given.Org, "Clothing");

        DownloadedFields.Apply(product, Fields(), category, null, Tiers12 with { StoreIsMaster = true }, created: false);

        product.Description.ShouldBe("From the store");
        product.Category.ShouldBeSameAs(category);
    }

    [Fact]
    public void Apply_WhenPricesAreNotSent_ThenNoTierIsWritten()
    {
        var product = Given.Product(1, "TEE-1");
        product.SetPrice(1, 99m);

        DownloadedFields.Apply(product, Fields(), null, null, new DownloadSettings(null, null, false), created: false);

        product.Price(1).ShouldBe(99m);
        product.Price(2).ShouldBeNull();
    }

    [Fact]
    public void ForVariation_WhenTheVariationLeavesFieldsEmpty_ThenTheParentsAreUsed()
    {
        var parent = CatalogDownloadPlannerTests.FourAttributeTee() with
        {
            Description = "Parent text",
            Values = new StoreItemValues { Weight = 2m, TaxClass = "reduced-rate" },
            Tags = ["tees"],
            Images = ["https://img.example/parent.png"],
        };
        var variation = parent.Variations[1] with { Values = new StoreItemValues { RegularPrice = 10m, TaxClass = "parent" } };

        var fields = ItemFields.ForVariation(parent, variation);

        fields.Description.ShouldBe("Parent text");
        (fields.Values.Weight, fields.Values.RegularPrice, fields.Values.TaxClass).ShouldBe((2m, 10m, "reduced-rate"));
        fields.Tags.ShouldBe(["tees"]);
        fields.Images.ShouldBe(["https://img.example/parent.png"]);
        fields.CustomFields.ShouldBe([new("Finish", "Gloss"), new("Care", "Wash cold, No tumble")]);
    }
}
