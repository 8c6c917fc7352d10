using Portal.Domain.Sales;
using Portal.Domain.Stock;
using static Portal.Domain.Tests.Sales.Sales;

namespace Portal.Domain.Tests.Sales;

public class SaleFulfilmentTests
{
    [Fact]
    public void AuthorisePick_WhenStockIsOnHand_ThenTakesItOffHandAndReleasesTheAllocation()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Ordered(ledger, (Widget, 2m), (Labour, 1m));

        sale.AuthorisePick(ledger);

        ledger.OnHand(Widget.Id, Given.Warehouse).ShouldBe(3m);
        ledger.Allocated(Widget.Id, Given.Warehouse).ShouldBe(0m);
        var pick = ledger.Effects.NewMovements.ShouldHaveSingleItem();
        (pick.Kind, pick.Quantity, pick.SaleId, pick.Reference).ShouldBe((StockMovementKind.Pick, -2m, SaleId, "WEB-1001"));
        sale.PickStatus.ShouldBe(StageStatus.Authorised);
        sale.Status.ShouldBe(SaleStatus.Picked);
        ledger.Effects.TouchedProductIds.ShouldBe([Widget.Id]);
    }

    [Fact]
    public void AuthorisePick_WhenOnHandWouldGoBelowZero_ThenRefusedNamingEachProductAndShortfall()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 1m), (Gadget.Id, Given.Warehouse, 9m));
        var sale = Ordered(ledger, (Widget, 3m), (Gadget, 1m));

        var error = Should.Throw<DomainException>(() => sale.AuthorisePick(ledger));

        error.Message.ShouldBe("The pick would take on hand below zero: WIDGET – Name of WIDGET is short by 2.");
        ledger.OnHand(Widget.Id, Given.Warehouse).ShouldBe(1m);
        ledger.OnHand(Gadget.Id, Given.Warehouse).ShouldBe(9m);
        sale.PickStatus.ShouldBe(StageStatus.NotStarted);
    }

    [Fact]
    public void AuthorisePick_WhenOtherSalesHoldTheStock_ThenStillPicksWhatIsOnHand()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 2m));
        ledger.SetAllocation(AllocationSource.Sale, 77, Widget.Id, Given.Warehouse, 2m);
        var sale = Ordered(ledger, (Widget, 2m));

        sale.AuthorisePick(ledger);

        ledger.OnHand(Widget.Id, Given.Warehouse).ShouldBe(0m);
        ledger.Backorder(AllocationSource.Sale, 77, Widget.Id, Given.Warehouse).ShouldBe(2m);
    }

    [Fact]
    public void AuthorisePick_WhenOrderIsDraft_ThenRefused()
    {
        var sale = Draft((Widget, 1m));

        Should.Throw<DomainException>(() => sale.AuthorisePick(Given.Ledger())).Message.ShouldBe("Authorise the order before picking.");
    }

    [Fact]
    public void AuthorisePick_WhenTwice_ThenRefused()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Ordered(ledger, (Widget, 1m));
        sale.AuthorisePick(ledger);

        Should.Throw<DomainException>(() => sale.AuthorisePick(ledger)).Message.ShouldBe("The pick is already authorised.");
        ledger.OnHand(Widget.Id, Given.Warehouse).ShouldBe(4m);
    }

    [Fact]
    public void AuthorisePack_WhenNotPicked_ThenRefused()
    {
        var sale = Ordered(Given.Ledger(), (Widget, 1m));

        Should.Throw<DomainException>(() => sale.AuthorisePack(Given.Now)).Message.ShouldBe("Authorise the pick before packing.");
    }

    [Fact]
    public void AuthorisePack_WhenTwice_ThenRefused()
    {
        var sale = Picked();
        sale.AuthorisePack(Given.Now);

        Should.Throw<DomainException>(() => sale.AuthorisePack(Given.Now));
    }

    [Fact]
    public void AuthoriseShipment_WhenNotPicked_ThenRefused()
    {
        var sale = Ordered(Given.Ledger(), (Widget, 1m));

        Should.Throw<DomainException>(() => sale.AuthoriseShipment(Courier, ["T1"], Given.Now))
            .Message.ShouldBe("Authorise the pick before shipping.");
        sale.TrackingNumbers.ShouldBeEmpty();
    }

    [Fact]
    public void AuthoriseShipment_WhenPickedButNotPacked_ThenRefused()
    {
        var sale = Picked();

        Should.Throw<DomainException>(() => sale.AuthoriseShipment(Courier, ["T1"], Given.Now))
            .Message.ShouldBe("Authorise the pack before shipping.");
    }

    [Fact]
    public void AuthoriseShipment_WhenPacked_ThenShipsWithCarrierAndEveryTrackingNumber()
    {
        var sale = Picked();
        sale.AuthorisePack(Given.Now);

        sale.AuthoriseShipment(Courier, ["T1", " T2 "], Given.Now);
        sale.AddTrackingNumber("T3");

        sale.ShipStatus.ShouldBe(StageStatus.Authorised);
        sale.ShipCarrierId.ShouldBe(Courier);
        sale.TrackingNumbers.Select(t => t.Number).ShouldBe(["T1", "T2", "T3"]);
        sale.Status.ShouldBe(SaleStatus.Shipped);
        Should.Throw<DomainException>(() => sale.AddTrackingNumber("t1"));
        Should.Throw<DomainException>(() => sale.AuthoriseShipment(Courier, [], Given.Now));
    }

    [Fact]
    public void AuthoriseShipment_WhenNoCarrier_ThenRefused()
    {
        var sale = Picked();
        sale.AuthorisePack(Given.Now);

        Should.Throw<DomainValidationException>(() => sale.AuthoriseShipment(0, [], Given.Now));
    }

    [Fact]
    public void Void_WhenOrderedNotPicked_ThenReleasesTheAllocation()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Ordered(ledger, (Widget, 2m));

        sale.Void(ledger, "customer cancelled");

        ledger.Allocated(Widget.Id, Given.Warehouse).ShouldBe(0m);
        ledger.OnHand(Widget.Id, Given.Warehouse).ShouldBe(5m);
        ledger.Effects.NewMovements.ShouldBeEmpty();
        (sale.IsVoided, sale.Status, sale.VoidReason, sale.VoidedAt).ShouldBe((true, SaleStatus.Voided, "customer cancelled", Given.Now));
    }

    [Fact]
    public void Void_WhenShippedAndPartlyRestocked_ThenBringsBackOnlyWhatIsStillOut()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Invoiced(ledger, (Widget, 3m));
        sale.AuthorisePick(ledger);
        sale.AuthorisePack(Given.Now);
        sale.AuthoriseShipment(Courier, [], Given.Now);
        sale.CreateCreditNote(Given.Now, [], [new RestockInput(Widget.Id, 1m)], ledger);

        sale.Void(ledger, null);

        ledger.OnHand(Widget.Id, Given.Warehouse).ShouldBe(5m);
        var reversal = ledger.Effects.NewMovements.Last();
        (reversal.Kind, reversal.Quantity).ShouldBe((StockMovementKind.VoidReversal, 2m));
    }

    [Fact]
    public void Void_WhenAlreadyVoided_ThenRefused()
    {
        var ledger = Given.Ledger();
        var sale = Ordered(ledger, (Widget, 1m));
        sale.Void(ledger, null);

        Should.Throw<DomainException>(() => sale.Void(ledger, null));
    }

    [Fact]
    public void VoidedSale_WhenAnyChangeIsTried_ThenRefusedAsVoided()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Ordered(ledger, (Widget, 1m));
        sale.Void(ledger, null);

        var attempts = new Action[]
        {
            () => sale.UpdateHeader(Header()),
            () => sale.AddCharge("Fee", 1m),
            () => sale.AuthorisePick(ledger),
            () => sale.AuthorisePack(Given.Now),
            () => sale.AuthoriseShipment(Courier, [], Given.Now),
            () => sale.AddTrackingNumber("T1"),
            () => sale.AuthoriseInvoice(Given.Now),
            () => sale.SetInvoiceDate(Given.Now),
            () => sale.ApplyAutoFulfilment(AutoFulfilmentMode.Pick, ledger),
        };

        foreach (var attempt in attempts)
        {
            Should.Throw<DomainException>(attempt).Message.ShouldBe("The sale is voided and can no longer change.");
        }
    }

    private static Sale Picked()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Ordered(ledger, (Widget, 1m));
        sale.AuthorisePick(ledger);
        return sale;
    }
}
