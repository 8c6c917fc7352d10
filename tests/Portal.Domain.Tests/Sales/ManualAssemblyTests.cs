using Portal.Domain.Sales;
using Portal.Domain.Stock;
using static Portal.Domain.Tests.Sales.Sales;

namespace Portal.Domain.Tests.Sales;

/// <summary>Assembling a kit by hand, on a sale short of it and on the stock page.</summary>
public class ManualAssemblyTests
{
    [Fact]
    public void AssembleShortfall_WhenTheKitIsShortAndComponentsCover_ThenAssemblesOnlyWhatThePickLacks()
    {
        var ledger = Given.LedgerWith((Kit.Id, Given.Warehouse, 1m), (Part.Id, Given.Warehouse, 10m));
        var sale = Ordered(ledger, (Kit, 3m));

        var assembly = sale.AssembleShortfall(Kit.Id, Products, ledger);

        (assembly.Quantity, assembly.Status).ShouldBe((2m, AssemblyStatus.Completed));
        ledger.OnHand(Kit.Id, Given.Warehouse).ShouldBe(3m);
        ledger.OnHand(Part.Id, Given.Warehouse).ShouldBe(6m);
        sale.Backorders(ledger).ShouldBeEmpty();
        sale.AuthorisePick(ledger);
        sale.PickStatus.ShouldBe(StageStatus.Authorised);
    }

    [Fact]
    public void AssembleShortfall_WhenComponentsAreShort_ThenRefusedNamingEachAndNothingChanges()
    {
        var ledger = Given.LedgerWith((Part.Id, Given.Warehouse, 1m));
        var sale = Ordered(ledger, (Kit, 3m));
        var movements = ledger.Effects.NewMovements.Count;

        Should.Throw<DomainException>(() => sale.AssembleShortfall(Kit.Id, Products, ledger)).Message
            .ShouldBe("Not enough components to assemble 3 × KIT – Name of KIT: PART is short by 5. Adjust or transfer the components in first.");

        sale.Assemblies.ShouldBeEmpty();
        ledger.Effects.NewMovements.Count.ShouldBe(movements);
        ledger.OnHand(Part.Id, Given.Warehouse).ShouldBe(1m);
    }

    [Fact]
    public void AssembleShortfall_WhenTheKitIsAvailable_ThenRefusedAsNothingToAssemble()
    {
        var ledger = Given.LedgerWith((Kit.Id, Given.Warehouse, 3m), (Part.Id, Given.Warehouse, 10m));
        var sale = Ordered(ledger, (Kit, 3m));

        Should.Throw<DomainException>(() => sale.AssembleShortfall(Kit.Id, Products, ledger)).Message
            .ShouldContain("there is nothing to assemble");
    }

    [Fact]
    public void AssembleShortfall_WhenTheProductIsNotAKit_ThenRefused()
    {
        var ledger = Given.LedgerWith((Part.Id, Given.Warehouse, 10m));
        var sale = Ordered(ledger, (Widget, 3m));

        Should.Throw<DomainException>(() => sale.AssembleShortfall(Widget.Id, Products, ledger)).Message
            .ShouldBe("WIDGET – Name of WIDGET has no bill of materials: it cannot be assembled.");
    }

    [Fact]
    public void AssembleShortfall_WhenTheOrderIsNotAuthorised_ThenRefused()
    {
        var ledger = Given.LedgerWith((Part.Id, Given.Warehouse, 10m));
        var sale = Draft((Kit, 3m));

        Should.Throw<DomainException>(() => sale.AssembleShortfall(Kit.Id, Products, ledger));
        sale.Assemblies.ShouldBeEmpty();
    }

    [Fact]
    public void Assemble_WhenComponentsCover_ThenTakesThemOffAndPutsTheKitOn()
    {
        var ledger = Given.LedgerWith((Part.Id, Given.Shop, 9m));

        var moved = ledger.Assemble(Kit, 4m, Given.Shop, Products, null);

        moved.Select(m => (m.Kind, m.ProductId, m.LocationId, m.Quantity)).ShouldBe([
            (StockMovementKind.AssemblyOut, Part.Id, Given.Shop, -8m),
            (StockMovementKind.AssemblyIn, Kit.Id, Given.Shop, 4m),
        ]);
        moved.ShouldAllBe(m => m.Reason == "Assembly" && m.SaleId == null);
        ledger.OnHand(Part.Id, Given.Shop).ShouldBe(1m);
        ledger.OnHand(Kit.Id, Given.Shop).ShouldBe(4m);
    }

    [Fact]
    public void Assemble_WhenComponentsAreAllocatedElsewhere_ThenRefusedAndNothingChanges()
    {
        var ledger = Given.LedgerWith((Part.Id, Given.Warehouse, 8m));
        ledger.SetAllocation(AllocationSource.Sale, 77, Part.Id, Given.Warehouse, 3m);
        var movements = ledger.Effects.NewMovements.Count;

        Should.Throw<DomainException>(() => ledger.Assemble(Kit, 4m, Given.Warehouse, Products, "for the fair")).Message
            .ShouldBe("Not enough components to assemble 4 × KIT – Name of KIT: PART is short by 3. Adjust or transfer the components in first.");

        ledger.Effects.NewMovements.Count.ShouldBe(movements);
        ledger.OnHand(Kit.Id, Given.Warehouse).ShouldBe(0m);
    }

    [Fact]
    public void Assemble_WhenQuantityIsNotPositive_ThenRefused()
    {
        var ledger = Given.LedgerWith((Part.Id, Given.Warehouse, 8m));

        Should.Throw<DomainException>(() => ledger.Assemble(Kit, 0m, Given.Warehouse, Products, null)).Message
            .ShouldContain("must be greater than zero");
    }
}
