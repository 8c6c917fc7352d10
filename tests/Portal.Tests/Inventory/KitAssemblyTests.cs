using Microsoft.EntityFrameworkCore;
using Portal.Domain.Sales;
using Portal.Domain.Stock;
using Portal.Features.Common;

namespace Portal.Tests.Inventory;

/// <summary>Assembling a kit by hand (issue 18): from a sale whose kit line is short, and on the stock page.</summary>
public sealed class KitAssemblyTests
{
    [Fact]
    public async Task AssembleShortfall_WhenAKitLineIsBackordered_ThenItsShortfallIsAssembledAndThePickCanGo()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await AdjustAsync(database, seed, seed.Part, 10m, seed.Warehouse);
        var saleId = (await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Kit, 3m)), placeOrder: true,
            AutoAssemblyMode.None, AutoFulfilmentMode.None)).Value!.SaleId;
        (await database.Sales.BackordersAsync(seed.Tenant, saleId)).ShouldHaveSingleItem().Quantity.ShouldBe(3m);
        var token = SubmissionToken.New();

        var result = await database.Sales.AssembleShortfallAsync(seed.Tenant, saleId, seed.Kit, submission: token);
        var resent = await database.Sales.AssembleShortfallAsync(seed.Tenant, saleId, seed.Kit, submission: token);

        result.Succeeded.ShouldBeTrue(result.Error);
        resent.Succeeded.ShouldBeTrue("a resent click answers what the first did");
        (await database.StockOfAsync(seed.Org, seed.Kit, seed.Warehouse)).ShouldBe((3m, 3m));
        (await database.StockOfAsync(seed.Org, seed.Part, seed.Warehouse)).ShouldBe((4m, 4m), "assembled once, not twice");
        (await database.Sales.BackordersAsync(seed.Tenant, saleId)).ShouldBeEmpty();
        await using (var check = database.For(seed.Org))
        {
            var assembly = (await check.Sales.Include(s => s.Assemblies).SingleAsync(s => s.Id == saleId)).Assemblies.ShouldHaveSingleItem();
            (assembly.Status, assembly.Quantity).ShouldBe((AssemblyStatus.Completed, 3m));
        }

        (await database.Sales.AuthorisePickAsync(seed.Tenant, saleId)).Succeeded.ShouldBeTrue();
        (await database.StockOfAsync(seed.Org, seed.Kit, seed.Warehouse)).ShouldBe((0m, 0m));
    }

    [Fact]
    public async Task AssembleShortfall_WhenComponentsAreShort_ThenRefusedNamingThemAndNothingIsSaved()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await AdjustAsync(database, seed, seed.Part, 3m, seed.Warehouse);
        var saleId = (await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Kit, 2m)), placeOrder: true,
            AutoAssemblyMode.None, AutoFulfilmentMode.None)).Value!.SaleId;

        var result = await database.Sales.AssembleShortfallAsync(seed.Tenant, saleId, seed.Kit, submission: SubmissionToken.New());

        result.Error.ShouldBe("Not enough components to assemble 2 × KIT – Kit: PART is short by 1. Adjust or transfer the components in first.");
        (await database.StockOfAsync(seed.Org, seed.Part, seed.Warehouse)).ShouldBe((3m, 3m));
        await using var check = database.For(seed.Org);
        (await check.Sales.Include(s => s.Assemblies).SingleAsync(s => s.Id == saleId)).Assemblies.ShouldBeEmpty();
        (await check.StockMovements.CountAsync(m => m.Kind == StockMovementKind.AssemblyIn)).ShouldBe(0);
    }

    [Fact]
    public async Task Assemble_WhenComponentsAreAtTheLocation_ThenTheKitIsBuiltThereInOneTransaction()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await AdjustAsync(database, seed, seed.Part, 5m, seed.Shop);
        await AdjustAsync(database, seed, seed.Part, 50m, seed.Warehouse);
        var token = SubmissionToken.New();

        var result = await database.Stock.AssembleAsync(seed.Tenant, seed.Kit, seed.Shop, 2m, null, submission: token);
        var resent = await database.Stock.AssembleAsync(seed.Tenant, seed.Kit, seed.Shop, 2m, null, submission: token);

        result.Succeeded.ShouldBeTrue(result.Error);
        result.Value.ShouldBe(new Features.Stock.AssembledKit("KIT – Kit", 2m));
        resent.Succeeded.ShouldBeTrue();
        (await database.StockOfAsync(seed.Org, seed.Kit, seed.Shop)).ShouldBe((2m, 2m));
        (await database.StockOfAsync(seed.Org, seed.Part, seed.Shop)).ShouldBe((1m, 1m));
        (await database.StockOfAsync(seed.Org, seed.Part, seed.Warehouse)).ShouldBe((50m, 50m), "only the chosen location's components are used");
    }

    [Fact]
    public async Task Assemble_WhenComponentsAreShortAtTheLocation_ThenRefusedNamingThemAndNothingIsSaved()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await AdjustAsync(database, seed, seed.Part, 50m, seed.Warehouse);

        var result = await database.Stock.AssembleAsync(seed.Tenant, seed.Kit, seed.Shop, 2m, null, submission: SubmissionToken.New());

        result.Error.ShouldBe("Not enough components to assemble 2 × KIT – Kit: PART is short by 4. Adjust or transfer the components in first.");
        (await database.StockOfAsync(seed.Org, seed.Kit, seed.Shop)).ShouldBe((0m, 0m));
        (await database.StockOfAsync(seed.Org, seed.Part, seed.Warehouse)).ShouldBe((50m, 50m));
    }

    [Fact]
    public async Task Assemble_WhenTheProductHasNoBillOfMaterials_ThenRefusedSayingSo()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);

        var result = await database.Stock.AssembleAsync(seed.Tenant, seed.Widget, seed.Warehouse, 1m, null);

        result.Error.ShouldBe("WIDGET – Widget has no bill of materials: it cannot be assembled.");
    }

    private static async Task AdjustAsync(InventoryDatabase database, InventorySeed seed, int productId, decimal quantity, int locationId) =>
        (await database.Stock.AdjustAsync(seed.Tenant, productId, locationId, quantity, "count")).Succeeded.ShouldBeTrue();
}
