using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Sales;
using Portal.Domain.Stock;
using Portal.Features.Sales;

namespace Portal.Tests.Inventory;

public sealed class SaleOperationsTests
{
    [Fact]
    public async Task Create_WhenStockCoversTheOrderWithPickPackShip_ThenTheSaleShipsAndStockLeavesHand()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await AdjustAsync(database, seed, seed.Widget, 5m);

        var result = await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 2m)), placeOrder: true,
            AutoAssemblyMode.None, AutoFulfilmentMode.PickPackShip);

        result.Value!.Note.ShouldBeNull();
        var sale = await LoadAsync(database, seed, result.Value.SaleId);
        sale.Status.ShouldBe(SaleStatus.Shipped);
        sale.ShipCarrierId.ShouldBe(seed.Carrier);
        (await database.StockOfAsync(seed.Org, seed.Widget, seed.Warehouse)).ShouldBe((3m, 3m));
        (await AllocationsAsync(database, seed)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Create_WhenStockCannotCoverThePick_ThenTheOrderIsAllocatedAsBackorderAndThePickStaysDraft()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await AdjustAsync(database, seed, seed.Widget, 1m);

        var result = await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 3m)), placeOrder: true,
            AutoAssemblyMode.None, AutoFulfilmentMode.PickPackShip);

        result.Value!.Note.ShouldBe("Not enough stock available to pick: WIDGET – Widget is short by 2.");
        var sale = await LoadAsync(database, seed, result.Value.SaleId);
        (sale.Status, sale.PickStatus, sale.PackStatus).ShouldBe((SaleStatus.Ordered, StageStatus.Draft, StageStatus.NotStarted));
        sale.FulfilmentNote.ShouldBe(result.Value.Note);
        (await database.StockOfAsync(seed.Org, seed.Widget, seed.Warehouse)).ShouldBe((1m, 1m));
        (await AllocationsAsync(database, seed)).ShouldBe([(seed.Widget, 3m)]);
        (await database.Sales.BackordersAsync(seed.Tenant, sale.Id)).ShouldHaveSingleItem().Quantity.ShouldBe(2m);
    }

    [Fact]
    public async Task Create_WhenTheOrganizationAutomatesAssemblyForTheOrderedQuantity_ThenTheAssemblyIsStoredAndStockMoves()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await AdjustAsync(database, seed, seed.Part, 10m);
        await AdjustAsync(database, seed, seed.Kit, 5m);
        await using (var db = database.For(seed.Org))
        {
            db.SalesSettings.Add(new Domain.Reference.OrganizationSalesSettings
            {
                AutoAssembly = AutoAssemblyMode.ForOrderedQuantity, AutoFulfilment = AutoFulfilmentMode.Pick,
            });
            await db.SaveChangesAsync();
        }

        var result = await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Kit, 2m)), placeOrder: true);

        result.Value!.Note.ShouldBeNull();
        var sale = await LoadAsync(database, seed, result.Value.SaleId);
        var assembly = sale.Assemblies.ShouldHaveSingleItem();
        (assembly.Status, assembly.Quantity).ShouldBe((AssemblyStatus.Completed, 2m));
        assembly.Components.ShouldBe([new SaleAssemblyComponent(seed.Part, "PART", true, 4m)]);
        sale.PickStatus.ShouldBe(StageStatus.Authorised);
        (await database.StockOfAsync(seed.Org, seed.Part, seed.Warehouse)).ShouldBe((6m, 6m));
        (await database.StockOfAsync(seed.Org, seed.Kit, seed.Warehouse)).ShouldBe((5m, 5m)); // +2 assembled, −2 picked
        await using var check = database.For(seed.Org);
        (await check.StockMovements.Where(m => m.AssemblyId == assembly.Id).Select(m => m.Kind).ToListAsync())
            .ShouldBe([StockMovementKind.AssemblyOut, StockMovementKind.AssemblyIn], ignoreOrder: true);
    }

    [Fact]
    public async Task Create_WhenAssemblingTheMinimumForPicking_ThenOnlyWhatStockLacksIsAssembled()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await AdjustAsync(database, seed, seed.Part, 10m);
        await AdjustAsync(database, seed, seed.Kit, 1m);

        var result = await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Kit, 3m)), placeOrder: true,
            AutoAssemblyMode.ForMinimumRequiredForPicking, AutoFulfilmentMode.None);

        var sale = await LoadAsync(database, seed, result.Value!.SaleId);
        var assembly = sale.Assemblies.ShouldHaveSingleItem();
        (assembly.Status, assembly.Quantity).ShouldBe((AssemblyStatus.Completed, 2m));
        (await database.StockOfAsync(seed.Org, seed.Kit, seed.Warehouse)).ShouldBe((3m, 3m));
        (await database.StockOfAsync(seed.Org, seed.Part, seed.Warehouse)).ShouldBe((6m, 6m));
    }

    [Fact]
    public async Task Create_WhenComponentsAreMissing_ThenTheAssemblyAndThePickStayDraftWithTheReason()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await AdjustAsync(database, seed, seed.Part, 1m);

        var result = await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Kit, 1m)), placeOrder: true,
            AutoAssemblyMode.ForOrderedQuantity, AutoFulfilmentMode.PickPackShip);

        result.Value!.Note!.ShouldContain("PART is short by 1");
        var sale = await LoadAsync(database, seed, result.Value.SaleId);
        sale.Assemblies.ShouldHaveSingleItem().Status.ShouldBe(AssemblyStatus.Draft);
        sale.PickStatus.ShouldBe(StageStatus.Draft);
        (await database.StockOfAsync(seed.Org, seed.Part, seed.Warehouse)).ShouldBe((1m, 1m));

        await AdjustAsync(database, seed, seed.Part, 1m);
        (await database.Sales.CompleteAssemblyAsync(seed.Tenant, sale.Id, sale.Assemblies[0].Id)).Succeeded.ShouldBeTrue();
        (await database.Sales.AuthorisePickAsync(seed.Tenant, sale.Id)).Succeeded.ShouldBeTrue();
        (await database.StockOfAsync(seed.Org, seed.Kit, seed.Warehouse)).ShouldBe((0m, 0m));
    }

    [Fact]
    public async Task Void_WhenTheOrderIsAllocated_ThenTheAllocationIsReleased()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await AdjustAsync(database, seed, seed.Widget, 5m);
        var saleId = (await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 2m)), placeOrder: true,
            AutoAssemblyMode.None, AutoFulfilmentMode.None)).Value!.SaleId;
        (await AllocationsAsync(database, seed)).ShouldBe([(seed.Widget, 2m)]);

        (await database.Sales.VoidAsync(seed.Tenant, saleId, "customer cancelled")).Succeeded.ShouldBeTrue();

        (await AllocationsAsync(database, seed)).ShouldBeEmpty();
        (await LoadAsync(database, seed, saleId)).Status.ShouldBe(SaleStatus.Voided);
        (await database.StockOfAsync(seed.Org, seed.Widget, seed.Warehouse)).ShouldBe((5m, 5m));
    }

    [Fact]
    public async Task Lifecycle_WhenInvoicedPaidCreditedAndVoided_ThenStockReturnsAndVoidedSalesRefusePayment()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await AdjustAsync(database, seed, seed.Widget, 5m);
        var saleId = (await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 3m)), placeOrder: true,
            AutoAssemblyMode.None, AutoFulfilmentMode.None)).Value!.SaleId;

        (await database.Sales.AuthorisePickAsync(seed.Tenant, saleId)).Succeeded.ShouldBeTrue();
        (await database.Sales.AuthorisePackAsync(seed.Tenant, saleId)).Succeeded.ShouldBeTrue();
        (await database.Sales.AuthoriseShipmentAsync(seed.Tenant, saleId, seed.Carrier, ["TRK-1", "TRK-2"])).Succeeded.ShouldBeTrue();
        (await database.Sales.AuthoriseInvoiceAsync(seed.Tenant, saleId)).Succeeded.ShouldBeTrue();
        (await database.Sales.RecordPaymentAsync(seed.Tenant, saleId, seed.Bank, 10m, database.Clock.GetUtcNow().UtcDateTime, "card")).Succeeded.ShouldBeTrue();
        (await database.Sales.CreateCreditNoteAsync(seed.Tenant, saleId, database.Clock.GetUtcNow().UtcDateTime,
            [new CreditLineInput("Returned", 10m)], [new RestockInput(seed.Widget, 1m)])).Succeeded.ShouldBeTrue();
        (await database.StockOfAsync(seed.Org, seed.Widget, seed.Warehouse)).ShouldBe((3m, 3m));

        var tooMuch = await database.Sales.CreateCreditNoteAsync(seed.Tenant, saleId, database.Clock.GetUtcNow().UtcDateTime,
            [], [new RestockInput(seed.Widget, 3m)]);
        tooMuch.Error.ShouldBe("Cannot restock 3 of WIDGET – Widget: only 2 was picked and not yet restocked.");

        (await database.Sales.VoidAsync(seed.Tenant, saleId, null)).Succeeded.ShouldBeTrue();
        (await database.StockOfAsync(seed.Org, seed.Widget, seed.Warehouse)).ShouldBe((5m, 5m));
        var paid = await database.Sales.RecordPaymentAsync(seed.Tenant, saleId, seed.Bank, 1m, database.Clock.GetUtcNow().UtcDateTime, null);
        paid.Error.ShouldBe("A voided sale cannot be paid.");

        var sale = await LoadAsync(database, seed, saleId);
        sale.TrackingNumbers.Select(t => t.Number).ShouldBe(["TRK-1", "TRK-2"], ignoreOrder: true);
        sale.AmountPaid.ShouldBe(10m);
        sale.CreditNotes.ShouldHaveSingleItem().RestockLines.ShouldHaveSingleItem().Quantity.ShouldBe(1m);
    }

    [Fact]
    public async Task Ship_WhenThePickIsNotAuthorised_ThenIsRefusedAndNothingChanges()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var saleId = (await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 1m)), placeOrder: true,
            AutoAssemblyMode.None, AutoFulfilmentMode.None)).Value!.SaleId;
        var before = (await LoadAsync(database, seed, saleId)).Version;

        var result = await database.Sales.AuthoriseShipmentAsync(seed.Tenant, saleId, seed.Carrier, ["TRK"]);

        result.Error.ShouldBe("Authorise the pick before shipping.");
        (await LoadAsync(database, seed, saleId)).Version.ShouldBe(before);
    }

    [Fact]
    public async Task Create_WhenTheHeaderNamesAnotherOrganizationsCustomerOrLocation_ThenIsRefusedAndNothingIsSaved()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var other = await InventorySeed.CreateAsync(database, "Other");
        var forged = seed.Sale((seed.Widget, 1m));
        forged = forged with { Header = forged.Header with { CustomerId = other.Customer, LocationId = other.Warehouse } };

        var result = await database.Sales.CreateAsync(seed.Tenant, forged, placeOrder: true);

        result.FieldErrors.Select(e => e.Field).ShouldBe(["Customer", "Location"]);
        await using var db = database.Create(Portal.Data.Tenancy.FixedTenant.None);
        (await db.Sales.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Create_WhenAStoreOrderIsImportedTwice_ThenTheSecondIsRefusedButAnotherOrderWithTheSameNumberIsNot()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var order = seed.Sale((seed.Widget, 1m)) with { Origin = SaleOrigin.FromStore(3, "1001", 501, "shop.example") };

        var first = await database.Sales.CreateAsync(seed.Tenant, order, placeOrder: false);
        var again = await database.Sales.CreateAsync(seed.Tenant, order with { Origin = SaleOrigin.FromStore(7, "1001-renumbered", 501, "shop.example") }, placeOrder: false);
        var sameNumber = await database.Sales.CreateAsync(seed.Tenant, order with { Origin = SaleOrigin.FromStore(3, "1001", 502, "shop.example") }, placeOrder: false);
        var otherStore = await database.Sales.CreateAsync(seed.Tenant, order with { Origin = SaleOrigin.FromStore(4, "1001", 501, "other.example") }, placeOrder: false);

        first.Succeeded.ShouldBeTrue();
        again.Error.ShouldBe("The store's order 1001-renumbered is already a sale; it was not imported again.");
        sameNumber.Succeeded.ShouldBeTrue("plugins rewrite order numbers: the number does not identify an order");
        otherStore.Succeeded.ShouldBeTrue();
    }

    private static async Task AdjustAsync(InventoryDatabase database, InventorySeed seed, int productId, decimal quantity) =>
        (await database.Stock.AdjustAsync(seed.Tenant, productId, seed.Warehouse, quantity, "count")).Succeeded.ShouldBeTrue();

    [Fact]
    public async Task UpdateDraft_WhenLinesAndChargesAreReplacedAndTheOrderPlaced_ThenOnlyTheNewLinesAreAllocated()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await AdjustAsync(database, seed, seed.Widget, 10m);
        var draft = seed.Sale((seed.Widget, 2m), (seed.Part, 1m)) with { Charges = [new SaleChargeInput("Delivery", 5m, null)] };
        var saleId = (await database.Sales.CreateAsync(seed.Tenant, draft, placeOrder: false)).Value!.SaleId;
        var version = (await LoadAsync(database, seed, saleId)).Version;

        var edited = seed.Sale((seed.Widget, 4m)) with { Header = draft.Header with { Reference = "PO-2" } };
        var stale = await database.Sales.UpdateDraftAsync(seed.Tenant, saleId, edited, placeOrder: false, Guid.NewGuid());
        var result = await database.Sales.UpdateDraftAsync(seed.Tenant, saleId, edited, placeOrder: true, version);
        var again = await database.Sales.UpdateDraftAsync(seed.Tenant, saleId, edited, placeOrder: false, null);

        stale.Error.ShouldBe("The sale was changed by someone else since you opened it; nothing was saved — reload it and try again.");
        result.Succeeded.ShouldBeTrue(result.Error);
        again.Error.ShouldBe("The order is authorised: only a draft sale can be edited this way.");
        await using var db = database.For(seed.Org);
        var sale = await db.Sales.AsSplitQuery().Include(s => s.Lines).Include(s => s.Charges).SingleAsync(s => s.Id == saleId);
        sale.Lines.Select(l => (l.ProductId, l.Quantity)).ShouldBe([((int?)seed.Widget, 4m)]);
        sale.Charges.ShouldBeEmpty();
        (sale.Reference, sale.OrderStatus, sale.Total).ShouldBe(("PO-2", StageStatus.Authorised, 40m));
        (await AllocationsAsync(database, seed)).ShouldBe([(seed.Widget, 4m)]);
        (await db.SaleLines.CountAsync()).ShouldBe(1, "the replaced lines are deleted, not left behind");
        (await db.Set<SaleCharge>().CountAsync()).ShouldBe(0);
    }

    private static async Task<Sale> LoadAsync(InventoryDatabase database, InventorySeed seed, int saleId)
    {
        await using var db = database.For(seed.Org);
        return await db.Sales.AsSplitQuery().Include(s => s.Assemblies).Include(s => s.TrackingNumbers)
            .Include(s => s.CreditNotes).SingleAsync(s => s.Id == saleId);
    }

    private static async Task<List<(int, decimal)>> AllocationsAsync(InventoryDatabase database, InventorySeed seed)
    {
        await using var db = database.For(seed.Org);
        var rows = await db.StockAllocations.Select(a => new { a.ProductId, a.Quantity }).ToListAsync();
        return rows.Select(r => (r.ProductId, r.Quantity)).ToList();
    }
}
