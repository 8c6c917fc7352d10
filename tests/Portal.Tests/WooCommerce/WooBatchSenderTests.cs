using Portal.WooCommerce;

namespace Portal.Tests.WooCommerce;

/// <summary>The batch sender bulk listing and stock push share: every item sent comes back paired with the store's
/// answer for it, across requests of 100 items, refusals included.</summary>
public class WooBatchSenderTests(WooEmulatorFixture store) : IClassFixture<WooEmulatorFixture>
{
    private readonly WooClient _client = store.Client();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    [Fact]
    public async Task SendProducts_When130CreatesWithADuplicateSkuAndUpdatesOfAKnownAndAnUnknownId_ThenEachItemPairedWithItsAnswerInTwoRequests()
    {
        var prefix = Unique("S");
        var existing = await _client.CreateProductAsync(new WooProduct { Name = "Already there", Sku = $"{prefix}-X", RegularPrice = 1m });
        var creates = Enumerable.Range(1, 128)
            .Select(i => new WooProduct { Name = $"Sent {i}", Sku = $"{prefix}-{i}", RegularPrice = 1m })
            // Refused: the SKU is taken in the store.
            .Append(new WooProduct { Name = "Duplicate", Sku = $"{prefix}-X", RegularPrice = 1m })
            .Append(new WooProduct { Name = "Last", Sku = $"{prefix}-LAST", RegularPrice = 1m })
            .ToList();
        var before = store.Emulator.Requests.Count;

        var answers = await _client.SendProductsAsync(new WooBatch<WooProduct>
        {
            Create = creates,
            Update = [new WooProduct { Id = existing.Id, StockQuantity = 5, ManageStock = true }, new WooProduct { Id = 99_999_999, StockQuantity = 1 }],
        }, p => p.Sku);

        store.Emulator.Requests.Entries.Skip(before).Count(r => r.Path.EndsWith("/products/batch", StringComparison.Ordinal)).ShouldBe(2);
        answers.Created.Count.ShouldBe(130);
        answers.Created.Where(a => a.Sent.Name != "Duplicate").ShouldAllBe(a => a.Answer != null && a.Answer.Sku == a.Sent.Sku && a.Error == null);
        var duplicate = answers.Created.Single(a => a.Sent.Name == "Duplicate");
        duplicate.Answer.ShouldBeNull();
        duplicate.Error!.Code.ShouldBe("product_invalid_sku");
        answers.Updated[0].Answer!.StockQuantity.ShouldBe(5);
        answers.Updated[0].Error.ShouldBeNull();
        answers.Updated[1].Answer.ShouldBeNull();
        answers.Updated[1].Error!.Code!.ShouldEndWith("_invalid_id");
        answers.Updated.ShouldAllBe(a => !a.Unanswered);
    }

    [Fact]
    public async Task SendVariations_WhenCreatedUpdatedAndDeleted_ThenEachPairedBySkuOrId()
    {
        var prefix = Unique("V");
        var parent = await _client.CreateProductAsync(new WooProduct
        {
            Name = $"Parent {prefix}", Type = "variable",
            Attributes = [new WooProductAttribute { Name = "Size", Variation = true, Visible = true, Options = ["S", "M", "L"] }],
        });
        var first = await _client.SendVariationsAsync(parent.Id, new WooBatch<WooVariation>
        {
            Create =
            [
                new WooVariation { Sku = $"{prefix}-S", RegularPrice = 2m, Attributes = [new WooVariationAttribute { Name = "Size", Option = "S" }] },
                new WooVariation { Sku = $"{prefix}-M", RegularPrice = 2m, Attributes = [new WooVariationAttribute { Name = "Size", Option = "M" }] },
            ],
        });
        var small = first.Created[0].Answer!;
        var medium = first.Created[1].Answer!;

        var second = await _client.SendVariationsAsync(parent.Id, new WooBatch<WooVariation>
        {
            Update = [new WooVariation { Id = medium.Id, ManageStock = WooStockManagement.On, StockQuantity = 7 }],
            Delete = [small.Id, 99_999_998],
        });

        small.Sku.ShouldBe($"{prefix}-S");
        medium.Sku.ShouldBe($"{prefix}-M");
        second.Updated.Single().Answer!.StockQuantity.ShouldBe(7);
        second.Deleted[0].Answer!.Id.ShouldBe(small.Id);
        second.Deleted[0].Error.ShouldBeNull();
        second.Deleted[1].Answer.ShouldBeNull();
        second.Deleted[1].Error!.Code!.ShouldEndWith("_invalid_id");
    }

    [Fact]
    public void Pair_WhenTheAnswerLeavesItemsOut_ThenTheyAreUnansweredAndCreateRefusalsGoInOrder()
    {
        var batch = new WooBatch<WooProduct>
        {
            Create = [new WooProduct { Sku = "A" }, new WooProduct { Sku = "B" }, new WooProduct { Sku = "C" }, new WooProduct { Sku = "D" }],
            Update = [new WooProduct { Id = 10 }, new WooProduct { Id = 11 }],
            Delete = [20],
        };
        var refusedB = new WooBatchItemError(WooBatchOperation.Create, 0, "product_invalid_sku", "taken", 400);
        var refusedC = new WooBatchItemError(WooBatchOperation.Create, 0, "woocommerce_rest_invalid", "bad", 400);
        var result = new WooBatchResult<WooProduct>
        {
            // The store answers a SKU in its own case.
            Created = [new WooProduct { Id = 1, Sku = "a" }],
            Updated = [new WooProduct { Id = 11 }],
            Errors = [refusedB, refusedC],
        };

        var answers = WooBatchSender.Pair(batch, result, p => p.Id, p => p.Sku);

        answers.Created[0].Answer!.Id.ShouldBe(1);
        answers.Created[1].Error.ShouldBe(refusedB);
        answers.Created[2].Error.ShouldBe(refusedC);
        answers.Created[3].Unanswered.ShouldBeTrue();
        answers.Updated[0].Unanswered.ShouldBeTrue();
        answers.Updated[1].Answer!.Id.ShouldBe(11);
        answers.Deleted.Single().Unanswered.ShouldBeTrue();
    }
}
