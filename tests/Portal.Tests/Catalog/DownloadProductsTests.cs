using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Stock;
using Portal.Features.StoreCatalog;
using Portal.Tests.Integrations;

namespace Portal.Tests.Catalog;

/// <summary>
/// "Download → Products" against the emulator seeded with the fixture store (captured from a real WooCommerce):
/// 20 simple products (some without SKU), variable products with one to four attributes, a three-level category tree.
/// </summary>
public sealed class DownloadProductsTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    [Fact]
    public async Task Download_WhenTheFixtureStore_ThenProductsFamiliesNamesCategoriesAndStockAsTheGuideSays()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;

        var report = await shop.DownloadAsync();

        await using var db = shop.Db();
        var products = await db.Products.Include(p => p.Category).AsNoTracking().ToDictionaryAsync(p => p.Sku);
        // No SKU: skipped and listed with name and WooCommerce id.
        report.SkippedLines.ShouldContain(l => l.Item == "Flannel Work Shirt (WooCommerce id 14)" && l.Reason == "no SKU in WooCommerce");
        products.Values.ShouldNotContain(p => p.Name == "Flannel Work Shirt");
        // Three levels down (Clothing > Men > Shirts): the root is linked, created as needed.
        var oxford = products["SHIRT-OXF-001"];
        oxford.Category!.Name.ShouldBe("Clothing");
        (oxford.Price(1), oxford.Price(2), oxford.Weight, oxford.Length).ShouldBe((59m, 49m, 0.35m, 30m));
        oxford.Tags.ShouldBe(["Bestseller"]);
        oxford.Images.Count.ShouldBe(1);
        products["AUD-HP-100"].Category!.Name.ShouldBe("Electronics");
        // Variants: product name + option values, space-separated.
        products["TEE-CREW-W-S"].Name.ShouldBe("Classic Crew Tee White S");
        // Four variation attributes: three options, the fourth a custom field, collisions renamed with its value.
        var suit = await db.ProductFamilies.Include(f => f.Variants).AsNoTracking().SingleAsync(f => f.Name == "Tailored Wool Suit");
        suit.OptionNames.ShouldBe(["Color", "Size", "Material"]);
        suit.Variants.Count.ShouldBe(16);
        suit.Variants.ShouldAllBe(v => v.CustomFields.Single().Name == "Fit");
        var slim = products["SUIT-TLR-BL-M-W-S"];
        var regular = products["SUIT-TLR-BL-M-W-R"];
        new[] { slim.Name, regular.Name }.Order().ShouldBe(["Tailored Wool Suit Black M Wool", "Tailored Wool Suit Black M Wool Regular"]);
        report.Renamed.Count(r => r.RenamedFrom!.StartsWith("Tailored Wool Suit", StringComparison.Ordinal)).ShouldBe(8);
        // Quantity: an opening stock adjustment at the store's location, for created products.
        var oxfordStock = await db.StockMovements.AsNoTracking().Where(m => m.ProductId == oxford.Id).ToListAsync();
        int storeQuantity;
        lock (emulator.Store.Sync)
        {
            storeQuantity = emulator.Store.Product(12)!.StockQuantity!.Value;
        }

        oxfordStock.ShouldHaveSingleItem().Quantity.ShouldBe(storeQuantity);
        oxfordStock[0].LocationId.ShouldBe(shop.LocationId);
        // Every created product is linked to its store item.
        (await db.StoreProductLinks.CountAsync()).ShouldBe(products.Count);
        report.Created.ShouldBe(products.Count);
    }

    [Fact]
    public async Task Download_WhenRunTwice_ThenTheSecondChangesNothing()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        await shop.DownloadAsync();
        var before = await SnapshotAsync(shop);

        var second = await shop.DownloadAsync();

        (second.Created, second.Updated, second.Renamed.Count).ShouldBe((0, 0, 0));
        second.Unchanged.ShouldBe(before.Products);
        (await SnapshotAsync(shop)).ShouldBe(before);
    }

    [Fact]
    public async Task Download_WhenWrittenInSmallChunksWhileReading_ThenTheSameCatalogAsOneChunkAndASecondRunChangesNothing()
    {
        var whole = await CatalogTestStore.ConnectAsync(fx);
        await using var wholeEmulator = whole.Emulator;
        var chunked = await CatalogTestStore.ConnectAsync(fx);
        await using var chunkedEmulator = chunked.Emulator;
        var expected = await whole.DownloadAsync();

        // 7 store products a chunk: dozens of chunks, most saved while later pages and variations are still read.
        var report = await chunked.DownloadAsync(chunk: 7);

        var written = await SnapshotAsync(chunked);
        // Ids follow the order EF inserts a chunk's rows in, not the store's: compare the products by SKU.
        Sorted(written).ShouldBe(Sorted(await SnapshotAsync(whole)));
        (report.Created, report.Skipped, report.FamiliesCreated).ShouldBe((expected.Created, expected.Skipped, expected.FamiliesCreated));
        report.Renamed.Select(r => (r.Item, r.Name)).ShouldBe(expected.Renamed.Select(r => (r.Item, r.Name)));
        var second = await chunked.DownloadAsync(chunk: 7);
        (second.Created, second.Updated, second.Unchanged).ShouldBe((0, 0, written.Products));
        (await SnapshotAsync(chunked)).ShouldBe(written);
    }

    [Fact]
    public async Task Download_WhenLinkedVariationChangedItsSku_ThenMatchedByVariationIdFirst()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        await shop.DownloadAsync();
        int productId;
        await using (var db = shop.Db())
        {
            productId = await db.Products.Where(p => p.Sku == "TEE-CREW-W-S").Select(p => p.Id).SingleAsync();
        }

        lock (emulator.Store.Sync)
        {
            var variation = emulator.Store.Products.Single(p => p.Sku == "TEE-CREW-W-S");
            variation.Sku = "TEE-CREW-WHITE-S";
            variation.RegularPrice = 26m;
        }

        var report = await shop.DownloadAsync();

        report.Created.ShouldBe(0);
        report.Updated.ShouldBe(1);
        await using var after = shop.Db();
        var tee = await after.Products.AsNoTracking().SingleAsync(p => p.Id == productId);
        tee.Price(1).ShouldBe(26m);
    }

    [Fact]
    public async Task Download_WhenThePortalHasTheSkuAndTheFamilyTitle_ThenTheyAreLinkedNotCreatedAndImagesKept()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        int oxfordId, capFamilyId;
        await using (var db = shop.Db())
        {
            var oxford = Product.Create(shop.Org, " shirt-oxf-001 ", "Our oxford");
            oxford.SetImages(["https://portal.example/oxford.png"]);
            oxford.Description = "Our own words";
            var cap = ProductFamily.Create(shop.Org, "Basic Cap", ["Colour"]);
            db.Products.Add(oxford);
            db.ProductFamilies.Add(cap);
            await db.SaveChangesAsync();
            (oxfordId, capFamilyId) = (oxford.Id, cap.Id);
        }

        var report = await shop.DownloadAsync();

        report.Duplicates.ShouldContain(d => d.Sku == "SHIRT-OXF-001" && d.Where == "portal");
        await using (var db = shop.Db())
        {
            var oxford = await db.Products.Include(p => p.Category).AsNoTracking().SingleAsync(p => p.Id == oxfordId);
            (oxford.Name, oxford.Description, oxford.Category).ShouldBe(("Our oxford", "Our own words", null));
            oxford.Images.Select(i => i.Url).ShouldBe(["https://portal.example/oxford.png"]);
            oxford.Price(1).ShouldBe(59m);
            (await db.StoreProductLinks.CountAsync(l => l.ProductId == oxfordId && l.WooProductId == 12)).ShouldBe(1);
            (await db.Products.CountAsync(p => p.FamilyId == capFamilyId)).ShouldBe(3);
            (await db.ProductFamilies.CountAsync(f => f.Name.StartsWith("Basic Cap"))).ShouldBe(1);
            (await db.StockMovements.CountAsync(m => m.ProductId == oxfordId)).ShouldBe(0);
        }

        // "Use WooCommerce as master": the category and description now come from the store.
        await shop.ChangeSettingsAsync(s => s.WooCommerceIsMasterForCategoriesAndDescriptions = true);
        await shop.DownloadAsync();

        await using (var db = shop.Db())
        {
            var oxford = await db.Products.Include(p => p.Category).AsNoTracking().SingleAsync(p => p.Id == oxfordId);
            oxford.Description!.ShouldContain("Oxford");
            oxford.Category!.Name.ShouldBe("Clothing");
            oxford.Images.Select(i => i.Url).ShouldBe(["https://portal.example/oxford.png"]);
        }
    }

    [Fact]
    public async Task Download_WhenADryRun_ThenItReportsWhatWouldHappenAndWritesNothing()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;

        var report = await shop.DownloadAsync(dryRun: true);

        report.DryRun.ShouldBeTrue();
        report.Created.ShouldBeGreaterThan(100);
        report.SkippedLines.ShouldNotBeEmpty();
        report.Renamed.Count.ShouldBe(8);
        await using var db = shop.Db();
        (await db.Products.CountAsync()).ShouldBe(0);
        (await db.StoreProductLinks.CountAsync()).ShouldBe(0);
        (await db.Categories.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Download_WhenPricesAreNotSent_ThenNoPriceTierIsWritten()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        await shop.ChangeSettingsAsync(s => (s.RegularPriceTier, s.SalePriceTier) = (0, 0));

        await shop.DownloadAsync();

        await using var db = shop.Db();
        var oxford = await db.Products.AsNoTracking().SingleAsync(p => p.Sku == "SHIRT-OXF-001");
        oxford.Prices.ShouldBeEmpty();
    }

    private sealed record Counts(int Products, int Families, int Links, int Movements, int Categories, string Fingerprint);

    private static Counts Sorted(Counts counts) =>
        counts with { Fingerprint = string.Join("|", counts.Fingerprint.Split('|').Order(StringComparer.Ordinal)) };

    private static async Task<Counts> SnapshotAsync(CatalogTestStore shop)
    {
        await using var db = shop.Db();
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
        var fingerprint = string.Join("|", products.Select(p =>
            $"{p.Sku}:{p.Name}:{p.Price(1)}:{p.Price(2)}:{p.Weight}:{string.Join(",", p.Tags)}:{p.CustomFields.Count}:{p.Images.Count}:{p.Option1Value}"));
        return new Counts(products.Count, await db.ProductFamilies.CountAsync(), await db.StoreProductLinks.CountAsync(),
            await db.Set<StockMovement>().CountAsync(), await db.Categories.CountAsync(), fingerprint);
    }
}
