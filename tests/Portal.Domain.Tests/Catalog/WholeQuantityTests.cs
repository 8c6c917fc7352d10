using Portal.Domain.Catalog;
using Portal.Domain.Sales;

namespace Portal.Domain.Tests.Catalog;

/// <summary>A product not sold in fractions (the default) is only ever sold, moved or assembled in whole numbers.</summary>
public class WholeQuantityTests
{
    private const string Refusal = "WIDGET – Name of WIDGET is not sold in fractions: enter a whole number, not 1.5.";

    [Fact]
    public void AddLine_WhenTheProductIsNotSoldInFractionsAndTheQuantityIsFractional_ThenRefusedOnTheQuantityAndNoLineAdded()
    {
        var widget = Given.Product(101, "WIDGET");
        var sale = Sale.Create(Given.Org, new SaleHeader { CustomerId = 9, LocationId = Given.Warehouse }, SaleOrigin.Manual, Given.Now);

        var refusal = Should.Throw<DomainValidationException>(() => sale.AddLine(widget, null, 1.5m, 10m));

        refusal.Errors.ShouldHaveSingleItem().ShouldBe(new ValidationError("Quantity", Refusal));
        sale.Lines.ShouldBeEmpty();
        sale.AddLine(widget, null, 2m, 10m).Quantity.ShouldBe(2m);
    }

    [Fact]
    public void AddLine_WhenTheProductIsSoldInFractions_ThenAFractionalQuantityIsALine()
    {
        var cable = Given.Product(102, "CABLE");
        cable.SoldInFractions = true;
        var sale = Sale.Create(Given.Org, new SaleHeader { CustomerId = 9, LocationId = Given.Warehouse }, SaleOrigin.Manual, Given.Now);

        sale.AddLine(cable, null, 2.75m, 4m).Quantity.ShouldBe(2.75m);
    }

    [Fact]
    public void LedgerMoves_WhenTheProductIsWholeNumbersOnly_ThenAFractionalAdjustmentOrTransferIsRefusedAndNothingMoves()
    {
        var ledger = Given.LedgerWith((101, Given.Warehouse, 10m)).WholeNumbersOnly([101]);

        Should.Throw<DomainValidationException>(() => ledger.Adjust(101, Given.Warehouse, -1.5m, "count"))
            .Errors.ShouldHaveSingleItem().Message.ShouldBe("Product 101 is not sold in fractions: enter a whole number, not 1.5.");
        Should.Throw<DomainValidationException>(() => ledger.Transfer(101, Given.Warehouse, Given.Shop, 0.5m, "display"))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("Quantity");

        (ledger.OnHand(101, Given.Warehouse), ledger.OnHand(101, Given.Shop)).ShouldBe((10m, 0m));
        ledger.Effects.NewMovements.ShouldBeEmpty();
        ledger.Adjust(101, Given.Warehouse, -2m, "count");
        ledger.OnHand(101, Given.Warehouse).ShouldBe(8m);
    }

    [Fact]
    public void SetBillOfMaterials_WhenAComponentNotSoldInFractionsHasAFractionalQuantity_ThenRefused()
    {
        var kit = Given.Product(1, "KIT");
        var widget = Given.Product(101, "WIDGET");
        var catalog = new[] { kit, widget }.ToDictionary(p => p.Id);

        Should.Throw<DomainValidationException>(() => kit.SetBillOfMaterials([(101, 1.5m)], catalog))
            .Errors.ShouldHaveSingleItem().Message.ShouldBe(Refusal);
        kit.IsAssembled.ShouldBeFalse();
    }
}
