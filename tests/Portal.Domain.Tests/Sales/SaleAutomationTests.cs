using Portal.Domain.Sales;
using Portal.Domain.Stock;
using static Portal.Domain.Tests.Sales.Sales;

namespace Portal.Domain.Tests.Sales;

public class SaleAutomationTests
{
    [Fact]
    public void ApplyAutoFulfilment_WhenPickPackShipAndStockCovers_ThenEveryStageIsAuthorised()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Ordered(ledger, (Widget, 5m));

        var note = sale.ApplyAutoFulfilment(AutoFulfilmentMode.PickPackShip, ledger);

        note.ShouldBeNull();
        (sale.PickStatus, sale.PackStatus, sale.ShipStatus).ShouldBe((StageStatus.Authorised, StageStatus.Authorised, StageStatus.Authorised));
        sale.ShipCarrierId.ShouldBe(Courier);
        ledger.OnHand(Widget.Id, Given.Warehouse).ShouldBe(0m);
    }

    [Fact]
    public void ApplyAutoFulfilment_WhenPickOnly_ThenPackAndShipAreNotStarted()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Ordered(ledger, (Widget, 1m));

        sale.ApplyAutoFulfilment(AutoFulfilmentMode.Pick, ledger);

        (sale.PickStatus, sale.PackStatus, sale.ShipStatus).ShouldBe((StageStatus.Authorised, StageStatus.NotStarted, StageStatus.NotStarted));
    }

    [Fact]
    public void ApplyAutoFulfilment_WhenPickPack_ThenShipIsNotStarted()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Ordered(ledger, (Widget, 1m));

        sale.ApplyAutoFulfilment(AutoFulfilmentMode.PickPack, ledger);

        (sale.PackStatus, sale.ShipStatus).ShouldBe((StageStatus.Authorised, StageStatus.NotStarted));
    }

    [Fact]
    public void ApplyAutoFulfilment_WhenAvailableCannotCoverTheWholePick_ThenPickStaysDraftWithTheReason()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m), (Gadget.Id, Given.Warehouse, 5m));
        ledger.SetAllocation(AllocationSource.PendingOrder, 8, Widget.Id, Given.Warehouse, 4m);
        var sale = Ordered(ledger, (Widget, 3m), (Gadget, 1m));
        var movements = ledger.Effects.NewMovements.Count;

        var note = sale.ApplyAutoFulfilment(AutoFulfilmentMode.PickPackShip, ledger);

        note.ShouldBe("Not enough stock available to pick: WIDGET – Name of WIDGET is short by 2.");
        sale.FulfilmentNote.ShouldBe(note);
        (sale.PickStatus, sale.PackStatus, sale.ShipStatus).ShouldBe((StageStatus.Draft, StageStatus.NotStarted, StageStatus.NotStarted));
        ledger.Effects.NewMovements.Count.ShouldBe(movements);
        ledger.OnHand(Gadget.Id, Given.Warehouse).ShouldBe(5m);
    }

    [Fact]
    public void ApplyAutoFulfilment_WhenNone_ThenNothingHappens()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Ordered(ledger, (Widget, 1m));

        sale.ApplyAutoFulfilment(AutoFulfilmentMode.None, ledger).ShouldBeNull();

        sale.PickStatus.ShouldBe(StageStatus.NotStarted);
    }

    [Fact]
    public void ApplyAutoFulfilment_WhenShipIsAskedButTheSaleHasNoCarrier_ThenStopsAfterPackWithTheReason()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Ordered(ledger, (Widget, 1m));
        sale.UpdateHeader(Header() with { CarrierId = null });

        var note = sale.ApplyAutoFulfilment(AutoFulfilmentMode.PickPackShip, ledger);

        note.ShouldBe("Not shipped automatically: the sale has no carrier.");
        (sale.PackStatus, sale.ShipStatus).ShouldBe((StageStatus.Authorised, StageStatus.NotStarted));
    }

    [Fact]
    public void PlanAssemblies_WhenForOrderedQuantity_ThenAssemblesEverythingOrderedRegardlessOfStock()
    {
        var ledger = Given.LedgerWith((Kit.Id, Given.Warehouse, 10m), (Part.Id, Given.Warehouse, 10m));
        var sale = Ordered(ledger, (Kit, 3m));

        sale.PlanAssemblies(AutoAssemblyMode.ForOrderedQuantity, Products, ledger);

        var assembly = sale.Assemblies.ShouldHaveSingleItem();
        (assembly.Quantity, assembly.Status, assembly.CompletedAt).ShouldBe((3m, AssemblyStatus.Completed, Given.Now));
        ledger.OnHand(Part.Id, Given.Warehouse).ShouldBe(4m);
        ledger.OnHand(Kit.Id, Given.Warehouse).ShouldBe(13m);
        ledger.OnHand(Labour.Id, Given.Warehouse).ShouldBe(0m);
        var moved = ledger.Effects.NewMovements.Where(m => m.Kind is StockMovementKind.AssemblyIn or StockMovementKind.AssemblyOut).ToList();
        moved.Select(m => (m.Kind, m.ProductId, m.Quantity)).ShouldBe([
            (StockMovementKind.AssemblyOut, Part.Id, -6m),
            (StockMovementKind.AssemblyIn, Kit.Id, 3m),
        ]);
        moved.ShouldAllBe(m => m.Assembly == assembly && m.SaleId == SaleId);
        ledger.Effects.TouchedProductIds.ShouldContain(Part.Id);
    }

    [Fact]
    public void PlanAssemblies_WhenForMinimumAndStockCovers_ThenNoAssembly()
    {
        var ledger = Given.LedgerWith((Kit.Id, Given.Warehouse, 3m), (Part.Id, Given.Warehouse, 10m));
        var sale = Ordered(ledger, (Kit, 3m));

        sale.PlanAssemblies(AutoAssemblyMode.ForMinimumRequiredForPicking, Products, ledger);

        sale.Assemblies.ShouldBeEmpty();
    }

    [Fact]
    public void PlanAssemblies_WhenForMinimumAndStockCoversPart_ThenAssemblesOnlyTheRest()
    {
        var ledger = Given.LedgerWith((Kit.Id, Given.Warehouse, 1m), (Part.Id, Given.Warehouse, 10m));
        var sale = Ordered(ledger, (Kit, 3m));

        sale.PlanAssemblies(AutoAssemblyMode.ForMinimumRequiredForPicking, Products, ledger);

        sale.Assemblies.ShouldHaveSingleItem().Quantity.ShouldBe(2m);
    }

    [Fact]
    public void PlanAssemblies_WhenForMinimumAndAvailabilityIsNegative_ThenAlsoCoversWhatOthersHold()
    {
        var ledger = Given.LedgerWith((Part.Id, Given.Warehouse, 20m));
        ledger.SetAllocation(AllocationSource.Sale, 77, Kit.Id, Given.Warehouse, 2m);
        var sale = Ordered(ledger, (Kit, 3m));

        sale.PlanAssemblies(AutoAssemblyMode.ForMinimumRequiredForPicking, Products, ledger);

        var assembly = sale.Assemblies.ShouldHaveSingleItem();
        assembly.Quantity.ShouldBe(5m);
        assembly.Components.ShouldContain(new SaleAssemblyComponent(Part.Id, "PART", true, 10m));
    }

    [Fact]
    public void PlanAssemblies_WhenComponentsAreShort_ThenAssemblyAndPickStayDraftWithTheReason()
    {
        var ledger = Given.LedgerWith((Part.Id, Given.Warehouse, 1m));
        var sale = Ordered(ledger, (Kit, 3m));

        var note = sale.PlaceOrderAutomationAfterOrder(ledger);

        var assembly = sale.Assemblies.ShouldHaveSingleItem();
        assembly.Status.ShouldBe(AssemblyStatus.Draft);
        assembly.DraftReason.ShouldBe("The assembly of 3 × KIT waits for components: PART is short by 5.");
        note.ShouldBe($"The pick waits for the assembly of KIT: {assembly.DraftReason}");
        sale.PickStatus.ShouldBe(StageStatus.Draft);
        ledger.OnHand(Part.Id, Given.Warehouse).ShouldBe(1m);
        Should.Throw<DomainException>(() => sale.AuthorisePick(ledger)).Message.ShouldBe(note);
    }

    [Fact]
    public void CompleteAssembly_WhenComponentsArrivedLater_ThenCompletesAndThePickCanGo()
    {
        var ledger = Given.LedgerWith((Part.Id, Given.Warehouse, 1m));
        var sale = Ordered(ledger, (Kit, 3m));
        sale.PlanAssemblies(AutoAssemblyMode.ForOrderedQuantity, Products, ledger);
        var assembly = sale.Assemblies.Single();
        Should.Throw<DomainException>(() => sale.CompleteAssembly(assembly, ledger)).Message.ShouldContain("PART is short by 5");

        ledger.Adjust(Part.Id, Given.Warehouse, 5m, "delivery");
        sale.CompleteAssembly(assembly, ledger);
        sale.AuthorisePick(ledger);

        assembly.Status.ShouldBe(AssemblyStatus.Completed);
        ledger.OnHand(Kit.Id, Given.Warehouse).ShouldBe(0m);
        ledger.OnHand(Part.Id, Given.Warehouse).ShouldBe(0m);
    }

    [Fact]
    public void PlanAssemblies_WhenComponentsAreAllocatedToOthers_ThenTheyAreNotAvailable()
    {
        var ledger = Given.LedgerWith((Part.Id, Given.Warehouse, 6m));
        ledger.SetAllocation(AllocationSource.Sale, 77, Part.Id, Given.Warehouse, 1m);
        var sale = Ordered(ledger, (Kit, 3m));

        sale.PlanAssemblies(AutoAssemblyMode.ForOrderedQuantity, Products, ledger);

        sale.Assemblies.Single().Status.ShouldBe(AssemblyStatus.Draft);
    }

    [Fact]
    public void PlanAssemblies_WhenPlannedTwice_ThenRefused()
    {
        var ledger = Given.LedgerWith((Part.Id, Given.Warehouse, 10m));
        var sale = Ordered(ledger, (Kit, 1m));
        sale.PlanAssemblies(AutoAssemblyMode.ForOrderedQuantity, Products, ledger);

        Should.Throw<DomainException>(() => sale.PlanAssemblies(AutoAssemblyMode.ForOrderedQuantity, Products, ledger));
    }

    [Fact]
    public void Void_WhenAnAssemblyIsDraft_ThenItIsCancelled()
    {
        var ledger = Given.Ledger();
        var sale = Ordered(ledger, (Kit, 1m));
        sale.PlanAssemblies(AutoAssemblyMode.ForOrderedQuantity, Products, ledger);

        sale.Void(ledger, null);

        sale.Assemblies.Single().Status.ShouldBe(AssemblyStatus.Cancelled);
    }

    [Fact]
    public void PlaceOrder_WhenAssembledProductAndFullAutomation_ThenAssemblesAllocatesAndShipsInOneStep()
    {
        var ledger = Given.LedgerWith((Part.Id, Given.Warehouse, 4m), (Widget.Id, Given.Warehouse, 1m));
        var sale = Draft((Kit, 2m), (Widget, 1m), (Labour, 1m));

        var note = sale.PlaceOrder(ledger, Products, AutoAssemblyMode.ForMinimumRequiredForPicking, AutoFulfilmentMode.PickPackShip);

        note.ShouldBeNull();
        sale.Status.ShouldBe(SaleStatus.Shipped);
        ledger.OnHand(Kit.Id, Given.Warehouse).ShouldBe(0m);
        ledger.OnHand(Part.Id, Given.Warehouse).ShouldBe(0m);
        ledger.Allocated(Kit.Id, Given.Warehouse).ShouldBe(0m);
        ledger.Effects.NewMovements.Select(m => m.Kind).ShouldBe([
            StockMovementKind.AssemblyOut, StockMovementKind.AssemblyIn, StockMovementKind.Pick, StockMovementKind.Pick,
        ]);
        ledger.Effects.TouchedProductIds.Order().ShouldBe([Widget.Id, Kit.Id, Part.Id]);
    }
}

internal static class SaleAutomationSteps
{
    /// <summary>What <see cref="Sale.PlaceOrder"/> does once the order is authorised.</summary>
    public static string? PlaceOrderAutomationAfterOrder(this Sale sale, StockLedger ledger)
    {
        sale.PlanAssemblies(AutoAssemblyMode.ForOrderedQuantity, Products, ledger);
        return sale.ApplyAutoFulfilment(AutoFulfilmentMode.PickPackShip, ledger);
    }
}
