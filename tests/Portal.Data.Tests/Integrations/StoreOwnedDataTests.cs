using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Portal.Domain.Catalog;
using Portal.Domain.Integrations;

namespace Portal.Data.Tests.Integrations;

/// <summary>
/// Disconnecting a store deletes the store row; everything kept for that store must go with it. Derived from the
/// model, so a type added later (pending orders…) is covered without touching this file.
/// </summary>
public sealed class StoreOwnedDataTests
{
    // Types that point at a store but must outlive it, each for a stated reason.
    private static readonly Dictionary<Type, string> Outlive = new()
    {
        [typeof(Portal.Domain.Sales.Sale)] = "sales already created stay after a disconnect; StoreId records their origin, without a foreign key",
    };

    private static IReadOnlyList<IEntityType> EntityTypes()
    {
        using var db = PortalContexts.Sqlite("Data Source=:memory:");
        return db.Model.GetEntityTypes().ToList();
    }

    [Fact]
    public void Model_WhenAnEntityReferencesAStore_ThenItIsStoreOwnedOrExplicitlyKept()
    {
        var unclassified = EntityTypes()
            .Where(t => t.GetForeignKeys().Any(k => k.PrincipalEntityType.ClrType == typeof(ConnectedStore))
                || t.FindProperty(nameof(IStoreOwned.StoreId)) is not null)
            .Where(t => !typeof(IStoreOwned).IsAssignableFrom(t.ClrType) && !Outlive.ContainsKey(t.ClrType))
            .Select(t => t.ClrType.Name)
            .ToList();

        unclassified.ShouldBeEmpty("implement IStoreOwned, or list the type in Outlive with a reason");
    }

    [Fact]
    public void Model_WhenTypeIsStoreOwned_ThenTheDatabaseDeletesItWithTheStore()
    {
        var owned = EntityTypes().Where(t => typeof(IStoreOwned).IsAssignableFrom(t.ClrType)).ToList();
        owned.Select(t => t.ClrType).ShouldContain(typeof(StoreProductLink));

        EntityTypes().Single(t => t.ClrType == typeof(Portal.Domain.Sales.Sale)).GetForeignKeys()
            .ShouldNotContain(k => k.PrincipalEntityType.ClrType == typeof(ConnectedStore), "a sale must not be deleted with its store");
        foreach (var type in owned)
        {
            var key = type.GetForeignKeys().SingleOrDefault(k => k.PrincipalEntityType.ClrType == typeof(ConnectedStore));
            key.ShouldNotBeNull($"{type.ClrType.Name} has no foreign key to the store");
            key.Properties.Single().Name.ShouldBe(nameof(IStoreOwned.StoreId));
            key.DeleteBehavior.ShouldBe(DeleteBehavior.Cascade, $"{type.ClrType.Name} would outlive its store");
        }
    }

    [Fact]
    public async Task DeleteStore_WhenItHasLinksInboxAndLog_ThenAllGoAndTheOtherStoreKeepsItsOwn()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        var organizationId = await database.CreateOrganizationAsync("Acme");
        int doomed, kept;
        await using (var db = database.For(organizationId))
        {
            var product = Product.Create(organizationId, "SKU-1", "Widget");
            db.Products.Add(product);
            var first = NewStore("a");
            var second = NewStore("b");
            db.Stores.AddRange(first, second);
            await db.SaveChangesAsync();
            (doomed, kept) = (first.Id, second.Id);
            foreach (var storeId in new[] { doomed, kept })
            {
                db.StoreProductLinks.Add(new StoreProductLink { StoreId = storeId, WooProductId = 10, Sku = "SKU-1", ProductId = product.Id });
                db.WebhookInbox.Add(new WebhookInboxEntry { StoreId = storeId, DeliveryId = "d1", Topic = "order.created", Body = "{}" });
                db.StoreActivity.Add(new StoreActivity { StoreId = storeId, Method = "GET", Path = "/wp-json/wc/v3/products" });
            }

            await db.SaveChangesAsync();
        }

        await using (var db = database.For(organizationId))
        {
            await db.Stores.Where(s => s.Id == doomed).ExecuteDeleteAsync();
        }

        await using (var db = database.For(organizationId))
        {
            (await db.StoreProductLinks.Select(l => l.StoreId).ToListAsync()).ShouldBe([kept]);
            (await db.WebhookInbox.Select(l => l.StoreId).ToListAsync()).ShouldBe([kept]);
            (await db.StoreActivity.Select(l => l.StoreId).ToListAsync()).ShouldBe([kept]);
            (await db.Products.CountAsync()).ShouldBe(1, "the portal's product is not the store's to delete");
        }
    }

    private static ConnectedStore NewStore(string name) => new()
    {
        PublicKey = name + Guid.NewGuid().ToString("N")[..20],
        Name = name,
        Url = $"https://{name}.example",
        NormalizedUrl = $"{name}.example",
        Currency = "USD",
        TimeZone = "UTC",
        Status = StoreStatus.Connected,
    };
}
