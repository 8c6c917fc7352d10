using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Features.StoreCatalog;
using Portal.Features.Stock;
using Portal.Tests.Integrations;

namespace Portal.Tests.Catalog;

/// <summary>The catalog dialog's actions against the emulator: list (as draft, category and tags created in the store,
/// stock sent after the buffer), update with a product buffer, remove, and a family listed as a variable product.</summary>
public sealed class StoreCatalogListingTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    private async Task<int> ProductAsync(CatalogTestStore shop, string sku, decimal onHand, Action<Product>? more = null)
    {
        int id;
        await using (var db = shop.Db())
        {
            var product = Product.Create(shop.Org, sku, $"Product {sku}");
            product.Category = Category.Create(shop.Org, "Garden Tools");
            product.SetTags(["Outdoor"]);
            product.SetPrice(1, 12.5m);
            more?.Invoke(product);
            db.Products.Add(product);
            await db.SaveChangesAsync();
            id = product.Id;
        }

        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var adjusted = await scope.ServiceProvider.GetRequiredService<StockOperations>()
            .AdjustAsync(FixedTenant.For(shop.Org), id, shop.LocationId, onHand, "counted");
        adjusted.Succeeded.ShouldBeTrue(adjusted.Error);
        return id;
    }

    [Fact]
    public async Task List_WhenDraftAndBuffered_ThenADraftWithItsCategoryTagsAndSyncQuantityAndRemoveTrashesIt()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        await shop.ChangeSettingsAsync(s => (s.ListProductsAsDraft, s.UpdateStockLevels, s.UseBufferInventory, s.BufferInventory) = (true, true, true, 1));
        var productId = await ProductAsync(shop, "NEW-1", 10m);
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var listing = scope.ServiceProvider.GetRequiredService<StoreCatalogListing>();
        var tenant = FixedTenant.For(shop.Org);

        var listed = await listing.ListAsync(tenant, shop.StoreId, productId);

        listed.Succeeded.ShouldBeTrue(listed.Error);
        int wooId;
        lock (emulator.Store.Sync)
        {
            var woo = emulator.Store.Products.Single(p => p.Sku == "NEW-1");
            wooId = woo.Id;
            (woo.Status, woo.Type, woo.ManageStock, woo.StockQuantity, woo.RegularPrice).ShouldBe(("draft", "simple", true, 9, 12.5m));
            var category = emulator.Store.CategoryById(woo.CategoryIds.Single())!;
            (category.Name, category.Parent).ShouldBe(("Garden Tools", 0));
            emulator.Store.TagById(woo.TagIds.Single())!.Name.ShouldBe("Outdoor");
        }

        (await listing.SetBufferAsync(tenant, shop.StoreId, productId, 4)).Succeeded.ShouldBeTrue();
        (await listing.UpdateAsync(tenant, shop.StoreId, productId)).Succeeded.ShouldBeTrue();
        lock (emulator.Store.Sync)
        {
            emulator.Store.Product(wooId)!.StockQuantity.ShouldBe(6);
        }

        var removed = await listing.RemoveAsync(tenant, shop.StoreId, productId);

        removed.Succeeded.ShouldBeTrue(removed.Error);
        lock (emulator.Store.Sync)
        {
            emulator.Store.Product(wooId)!.Status.ShouldBe("trash");
        }

        await using var db = shop.Db();
        (await db.StoreProductLinks.AnyAsync(l => l.ProductId == productId)).ShouldBeFalse();
    }

    [Fact]
    public async Task SetBuffer_WhenTheStoreDoesNotUseBufferInventory_ThenRefusedWithTheReason()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        var productId = await ProductAsync(shop, "NEW-2", 3m);
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var listing = scope.ServiceProvider.GetRequiredService<StoreCatalogListing>();
        (await listing.ListAsync(FixedTenant.For(shop.Org), shop.StoreId, productId)).Succeeded.ShouldBeTrue();

        var refused = await listing.SetBufferAsync(FixedTenant.For(shop.Org), shop.StoreId, productId, 2);

        refused.Error.ShouldBe("Turn on Update Stock Levels and Use Buffer Inventory in the store's settings first.");
        lock (emulator.Store.Sync)
        {
            // Listed published, stock sent although Update Stock Levels is off.
            var woo = emulator.Store.Products.Single(p => p.Sku == "NEW-2");
            (woo.Status, woo.StockQuantity).ShouldBe(("publish", 3));
        }
    }

    [Fact]
    public async Task List_WhenAVariantOfAFamily_ThenTheVariableProductWithItsAttributesAndVariations()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        int variantId;
        await using (var db = shop.Db())
        {
            var family = ProductFamily.Create(shop.Org, "Garden Hoodie", ["Colour", "Size"]);
            var green = family.AddVariant("HOOD-G-M", ["Green", "M"]);
            family.AddVariant("HOOD-B-L", ["Brown", "L"]);
            green.SetPrice(1, 40m);
            db.ProductFamilies.Add(family);
            await db.SaveChangesAsync();
            variantId = green.Id;
        }

        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var listed = await scope.ServiceProvider.GetRequiredService<StoreCatalogListing>().ListAsync(FixedTenant.For(shop.Org), shop.StoreId, variantId);

        listed.Succeeded.ShouldBeTrue(listed.Error);
        lock (emulator.Store.Sync)
        {
            var parent = emulator.Store.Products.Single(p => p.Name == "Garden Hoodie" && !p.IsVariation);
            parent.Type.ShouldBe("variable");
            parent.Attributes.Select(a => a.Name).ShouldBe(["Colour", "Size"]);
            var variations = emulator.Store.VariationsOf(parent.Id).OrderBy(v => v.Sku).ToList();
            variations.Select(v => v.Sku).ShouldBe(["HOOD-B-L", "HOOD-G-M"]);
            variations[1].VariationAttributes.Select(a => a.Option).ShouldBe(["Green", "M"]);
            (variations[1].RegularPrice, variations[1].ManageStock).ShouldBe((40m, true));
        }

        await using var db2 = shop.Db();
        (await db2.StoreProductLinks.CountAsync(l => l.WooVariationId != 0)).ShouldBe(2);
    }

    private async Task<int> FamilyAsync(CatalogTestStore shop, string name, params string[] skus)
    {
        await using var db = shop.Db();
        var family = ProductFamily.Create(shop.Org, name, ["Size"]);
        var variants = skus.Select((sku, i) => family.AddVariant(sku, [$"S{i}"])).ToList();
        db.ProductFamilies.Add(family);
        await db.SaveChangesAsync();
        return variants[0].Id;
    }

    private async Task TakeSkuInTheStoreAsync(CatalogTestStore shop, string sku)
    {
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        await using var db = shop.Db();
        var store = await db.Stores.SingleAsync();
        var client = scope.ServiceProvider.GetRequiredService<Portal.WooCommerce.StoreClients>().For(store);
        await client.CreateProductAsync(new Portal.WooCommerce.WooProduct { Name = "Someone else's", Sku = sku, Type = "simple" });
    }

    [Fact]
    public async Task List_WhenTheStoreRefusesOneVariation_ThenTheOtherIsLinkedAndListingAgainMakesNoSecondParent()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        var variantId = await FamilyAsync(shop, "Rain Jacket", "JACK-S", "JACK-M");
        await TakeSkuInTheStoreAsync(shop, "JACK-M");
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var listing = scope.ServiceProvider.GetRequiredService<StoreCatalogListing>();

        var first = await listing.ListAsync(FixedTenant.For(shop.Org), shop.StoreId, variantId);

        first.Succeeded.ShouldBeFalse();
        first.Error.ShouldStartWith("The store refused part of the family: JACK-M:");
        await using (var db = shop.Db())
        {
            (await db.StoreProductLinks.Where(l => l.WooVariationId != 0).Select(l => l.Sku).ToListAsync()).ShouldBe(["JACK-S"]);
        }

        lock (emulator.Store.Sync)
        {
            emulator.Store.Products.RemoveAll(p => p.Sku == "JACK-M" && !p.IsVariation);
        }

        var second = await listing.ListAsync(FixedTenant.For(shop.Org), shop.StoreId, variantId);

        second.Succeeded.ShouldBeTrue(second.Error);
        second.Value.ShouldBe(2);
        lock (emulator.Store.Sync)
        {
            var parent = emulator.Store.Products.Single(p => p.Name == "Rain Jacket" && !p.IsVariation);
            emulator.Store.VariationsOf(parent.Id).Select(v => v.Sku).Order().ShouldBe(["JACK-M", "JACK-S"]);
        }
    }

    [Fact]
    public async Task List_WhenTheStoreRefusesEveryVariation_ThenTheNewParentIsRemovedAgain()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        var variantId = await FamilyAsync(shop, "Wind Jacket", "WIND-S");
        await TakeSkuInTheStoreAsync(shop, "WIND-S");
        await using var scope = fx.Portal.Services.CreateAsyncScope();

        var listed = await scope.ServiceProvider.GetRequiredService<StoreCatalogListing>().ListAsync(FixedTenant.For(shop.Org), shop.StoreId, variantId);

        listed.Error.ShouldStartWith("The store refused part of the family: WIND-S:");
        lock (emulator.Store.Sync)
        {
            emulator.Store.Products.ShouldNotContain(p => p.Name == "Wind Jacket");
        }

        await using var db = shop.Db();
        (await db.StoreProductLinks.CountAsync()).ShouldBe(0);
    }
}
