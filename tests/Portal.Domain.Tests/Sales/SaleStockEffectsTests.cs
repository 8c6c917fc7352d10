using Portal.Domain.Sales;
using Portal.Domain.Stock;
using static Portal.Domain.Tests.Sales.Sales;

namespace Portal.Domain.Tests.Sales;

/// <summary>
/// Each step runs in its own unit of work, as the application runs them: a fresh ledger loaded with the rows the
/// previous steps left, so each step's effects can be checked on their own.
/// </summary>
public class SaleStockEffectsTests
{
    private StockLedger _ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m), (Part.Id, Given.Warehouse, 4m));

    [Fact]
    public void EveryStockStepOfASale_ThenMarksExactlyTheProductsWhoseAvailabilityChanged()
    {
        var sale = Draft((Widget, 2m), (Kit, 1m), (Labour, 1m));

        Step(l => sale.AuthoriseOrder(l)).ShouldBe([Widget.Id, Kit.Id]);
        Step(l => sale.PlanAssemblies(AutoAssemblyMode.ForOrderedQuantity, Products, l)).ShouldBe([Kit.Id, Part.Id]);
        Step(l => sale.AuthorisePick(l)).ShouldBe([Widget.Id, Kit.Id]);
        sale.AuthorisePack(Given.Now);
        sale.AuthoriseShipment(Courier, ["T1"], Given.Now);
        sale.AssignInvoiceNumber(3);
        sale.AuthoriseInvoice(Given.Now);
        Step(l => sale.CreateCreditNote(Given.Now, [], [new RestockInput(Widget.Id, 1m)], l)).ShouldBe([Widget.Id]);
        Step(l => sale.Void(l, null)).ShouldBe([Widget.Id, Kit.Id]);

        _ledger.OnHand(Widget.Id, Given.Warehouse).ShouldBe(5m);
        _ledger.OnHand(Kit.Id, Given.Warehouse).ShouldBe(1m);
        _ledger.OnHand(Part.Id, Given.Warehouse).ShouldBe(2m);
        _ledger.Allocations.ShouldBeEmpty();
    }

    [Fact]
    public void Void_WhenOrdered_ThenTheReleasedAllocationIsListedForDeletion()
    {
        var sale = Draft((Widget, 2m));
        Step(l => sale.AuthoriseOrder(l));
        var allocation = _ledger.Allocations.Single();

        Step(l => sale.Void(l, null));

        _ledger.Effects.ReleasedAllocations.ShouldBe([allocation]);
    }

    private IEnumerable<int> Step(Action<StockLedger> step)
    {
        _ledger = new StockLedger(Given.Org, Given.Now, _ledger.Balances, _ledger.Allocations);
        step(_ledger);
        return _ledger.Effects.TouchedProductIds.Order();
    }
}
