using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Integrations;
using Portal.Domain.Reference;
using Portal.Domain.Sales;
using Portal.Domain.Stock;
using Portal.Features.Sales;

namespace Portal.Tests.Inventory;

/// <summary>An organization with two locations, a customer, a carrier, a bank account, some products and a store row.</summary>
public sealed class InventorySeed
{
    public required int Org { get; init; }
    public required ITenantContext Tenant { get; init; }
    public required int Warehouse { get; init; }
    public required int Shop { get; init; }
    public required int Customer { get; init; }
    public required int Carrier { get; init; }
    public required int Bank { get; init; }
    public required int Widget { get; init; }
    public required int Gadget { get; init; }
    public required int Part { get; init; }
    public required int Kit { get; init; }
    /// <summary>A connected store's row (no WooCommerce behind it): what stock sync keeps its position for.</summary>
    public required int Store { get; init; }

    public static async Task<InventorySeed> CreateAsync(InventoryDatabase database, string name = "Acme")
    {
        var org = await database.CreateOrganizationAsync(name);
        await using var db = database.For(org);
        var warehouse = Location.Create(org, "Warehouse");
        var shop = Location.Create(org, "Shop");
        var customer = Domain.Customers.Customer.Create(org, "Jane Buyer");
        var carrier = Domain.Reference.Carrier.LocalPickup(org);
        var bank = Account.Create(org, "1000", "Bank", AccountType.Bank, true);
        var widget = Product.Create(org, "WIDGET", "Widget");
        var gadget = Product.Create(org, "GADGET", "Gadget");
        var part = Product.Create(org, "PART", "Part");
        db.AddRange(warehouse, shop, customer, carrier, bank, widget, gadget, part);
        await db.SaveChangesAsync();

        var kit = Product.Create(org, "KIT", "Kit");
        kit.SetBillOfMaterials([(part.Id, 2m)], new Dictionary<int, Product> { [part.Id] = part });
        db.Add(kit);
        var store = AStore(name);
        db.Add(store);
        await db.SaveChangesAsync();
        return new InventorySeed
        {
            Org = org, Tenant = FixedTenant.For(org), Warehouse = warehouse.Id, Shop = shop.Id, Customer = customer.Id,
            Carrier = carrier.Id, Bank = bank.Id, Widget = widget.Id, Gadget = gadget.Id, Part = part.Id, Kit = kit.Id,
            Store = store.Id,
        };
    }

    /// <summary>Marks a product as sold in fractions (products are sold in whole numbers unless marked).</summary>
    public async Task SellInFractionsAsync(InventoryDatabase database, int productId)
    {
        await using var db = database.For(Org);
        (await db.Products.SingleAsync(p => p.Id == productId)).SoldInFractions = true;
        await db.SaveChangesAsync();
    }

    /// <summary>Another store of the organization, as a row only.</summary>
    public async Task<int> AddStoreAsync(InventoryDatabase database, string name)
    {
        await using var db = database.For(Org);
        var store = AStore(name);
        db.Add(store);
        await db.SaveChangesAsync();
        return store.Id;
    }

    private static ConnectedStore AStore(string name)
    {
        var key = Guid.NewGuid().ToString("N");
        return new ConnectedStore
        {
            PublicKey = key, Name = name, Url = $"https://{key}.example", NormalizedUrl = $"{key}.example",
            ConnectionMethod = StoreConnectionMethod.Classic, Currency = "USD", TimeZone = "UTC", Status = StoreStatus.Connected,
        };
    }

    public SaleDraft Sale(params (int ProductId, decimal Quantity)[] lines) => new(
        new SaleHeader { CustomerId = Customer, LocationId = Warehouse, CarrierId = Carrier, PaymentTermDays = 30 },
        lines.Select(l => new SaleLineInput(l.ProductId, null, l.Quantity, 10m)).ToList(),
        []);
}
