using Microsoft.EntityFrameworkCore;
using Portal.Domain.Stock;
using Portal.Features.Stock;

namespace Portal.Tests.Inventory;

public sealed class AvailabilityQueryTests
{
    [Fact]
    public async Task Availability_WhenStockIsHeldAndAllocated_ThenEachLocationShowsOnHandMinusAllocated()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await seed.SellInFractionsAsync(database, seed.Widget);
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 10m, "count")).Succeeded.ShouldBeTrue();
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Shop, 2.5m, "count")).Succeeded.ShouldBeTrue();
        (await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 3m)), placeOrder: true)).Succeeded.ShouldBeTrue();
        (await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 9m)), placeOrder: true)).Succeeded.ShouldBeTrue();

        var page = await database.Availability.GetAsync(seed.Tenant, new AvailabilityFilter { Search = "widg" });

        page.TotalProducts.ShouldBe(1);
        var widget = page.Products.ShouldHaveSingleItem();
        widget.Locations.Single(l => l.LocationId == seed.Warehouse).ShouldBe(new LocationAvailability(seed.Widget, seed.Warehouse, 10m, 12m));
        widget.Locations.Single(l => l.LocationId == seed.Warehouse).Available.ShouldBe(-2m);
        widget.Locations.Single(l => l.LocationId == seed.Shop).Available.ShouldBe(2.5m);
        widget.Available.ShouldBe(0.5m);
    }

    [Fact]
    public async Task Availability_WhenPagedAndFilteredByLocation_ThenPagesBySkuAndListsOnlyThatLocation()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);

        var page = await database.Availability.GetAsync(seed.Tenant,
            new AvailabilityFilter { LocationIds = [seed.Shop], Skip = 1, Take = 2 });

        page.TotalProducts.ShouldBe(4);
        page.Products.Select(p => p.Sku).ShouldBe(["KIT", "PART"]); // GADGET, KIT, PART, WIDGET
        page.Products.SelectMany(p => p.Locations).ShouldAllBe(l => l.LocationId == seed.Shop && l.OnHand == 0m);
    }

    [Fact]
    public async Task Availability_WhenTranslated_ThenFilteringAndSummingRunInTheDatabase()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await using var db = database.For(seed.Org);

        var onHand = AvailabilityQuery.OnHandFigures(db, [seed.Widget], null).ToQueryString();
        var allocated = AvailabilityQuery.AllocatedFigures(db, null, [seed.Warehouse]).ToQueryString();

        onHand.ShouldContain("FROM \"StockBalances\"");
        onHand.ShouldContain("@productIds"); // filtered in SQL, not after loading every balance
        allocated.ShouldContain("SUM(\"s\".\"Quantity\")");
        allocated.ShouldContain("GROUP BY \"s\".\"ProductId\", \"s\".\"LocationId\"");
    }
}
