using Portal.Domain.Reference;
using Portal.Domain.Sales;
using Portal.Domain.Stock;
using static Portal.Domain.Tests.Sales.Sales;

namespace Portal.Domain.Tests.Sales;

public class SaleOrderTests
{
    [Fact]
    public void Header_WhenReadBack_ThenEveryFieldIsThereSoAnEditOfOneFieldKeepsTheOthers()
    {
        var header = new SaleHeader
        {
            CustomerId = 9, Contact = "Flora", Phone = "0113", Email = "flora@example.test", Reference = "PO-1",
            BillingAddress = new Portal.Domain.Customers.Address { Line1 = "1 Bill St", City = "Leeds" },
            ShippingAddress = new Portal.Domain.Customers.Address { Line1 = "2 Ship Rd", City = "York" },
            ShipToCompany = "Garden Ltd", ShipToContact = "Flora", ShippingNotes = "Back door", Comments = "Call first",
            RequiredBy = Given.Now.Date.AddDays(3), CarrierId = Courier, CarrierService = "Next day", LocationId = Given.Warehouse,
            PriceTier = 3, PaymentTermId = 4, PaymentTermDays = 14, SalesRepresentativeId = 5, RevenueAccountId = 6, TaxRuleId = 7,
            SaleDate = Given.Now.Date,
        };
        var sale = Sale.Create(Given.Org, header, SaleOrigin.Manual, Given.Now);

        sale.Header.ShouldBe(header);

        sale.UpdateHeader(sale.Header with { Reference = "PO-2" });
        sale.Header.ShouldBe(header with { Reference = "PO-2" });
    }

    [Fact]
    public void Create_WhenFromAStore_ThenKeepsTheStoreAndOrderNumberAndStartsDraft()
    {
        var sale = Sale.Create(Given.Org, Header(), SaleOrigin.FromStore(4, " 1001 "), Given.Now);

        (sale.Source, sale.StoreId, sale.StoreOrderNumber).ShouldBe((SaleSource.Store, 4, "1001"));
        sale.Status.ShouldBe(SaleStatus.Draft);
        sale.OrderStatus.ShouldBe(StageStatus.Draft);
        sale.SaleDate.ShouldBe(Given.Now);
        sale.Version.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public void Create_WhenNoCustomer_ThenRefused()
    {
        Should.Throw<DomainValidationException>(() =>
            Sale.Create(Given.Org, Header() with { CustomerId = 0 }, SaleOrigin.Manual, Given.Now));
    }

    [Fact]
    public void AddLine_WhenDiscountAndExclusiveTax_ThenTotalIsNetAndTaxIsAddedOnTop()
    {
        var sale = Draft();
        var gst = TaxRule.Create(Given.Org, "GST", 15m, isInclusive: false);

        var line = sale.AddLine(Widget, null, 3m, 9.99m, discountPercent: 10m, taxRule: gst);

        line.Total.ShouldBe(26.97m);
        line.Tax.Amount.ShouldBe(4.05m);
        line.Tax.IsGiven.ShouldBeFalse();
        (sale.NetTotal, sale.TaxTotal, sale.Total).ShouldBe((26.97m, 4.05m, 31.02m));
    }

    [Fact]
    public void AddLine_WhenInclusiveTax_ThenTaxIsPartOfTheTotal()
    {
        var sale = Draft();
        var gst = TaxRule.Create(Given.Org, "GST incl", 15m, isInclusive: true);

        sale.AddLine(Widget, null, 1m, 115m, taxRule: gst);

        (sale.NetTotal, sale.TaxTotal, sale.Total).ShouldBe((100m, 15m, 115m));
    }

    [Fact]
    public void AddLine_WhenTaxIsGiven_ThenItIsKeptAndNeverRecalculated()
    {
        var sale = Draft();
        var gst = TaxRule.Create(Given.Org, "GST", 15m, isInclusive: false);

        var line = sale.AddLine(Widget, null, 1m, 100m, taxRule: gst, givenTax: 14.99m);
        sale.AddCharge("Shipping", 10m, gst);

        line.Tax.ShouldBe(new LineTax(gst.Id, 15m, false, true, 14.99m));
        sale.TaxTotal.ShouldBe(16.49m);
        sale.Total.ShouldBe(126.49m);
    }

    [Fact]
    public void AddCharge_WhenNegative_ThenDiscountsTheWholeSaleWithItsTax()
    {
        var sale = Draft((Widget, 2m));
        var gst = TaxRule.Create(Given.Org, "GST", 10m, isInclusive: false);

        var discount = sale.AddCharge("Coupon SPRING", -5m, gst);

        discount.Tax.Amount.ShouldBe(-0.5m);
        (sale.NetTotal, sale.TaxTotal, sale.Total).ShouldBe((15m, -0.5m, 14.5m));
    }

    [Fact]
    public void AddCharge_WhenZero_ThenRefused()
    {
        var sale = Draft();

        Should.Throw<DomainValidationException>(() => sale.AddCharge("Nothing", 0m));
    }

    [Fact]
    public void AddLine_WhenNoProduct_ThenServiceLineThatNeedsAName()
    {
        var sale = Draft();

        var line = sale.AddLine(null, "Gift wrap", 1m, 2m);

        line.IsStock.ShouldBeFalse();
        line.ProductId.ShouldBeNull();
        Should.Throw<DomainValidationException>(() => sale.AddLine(null, " ", 1m, 2m));
    }

    [Fact]
    public void AddLine_WhenDiscountAbove100_ThenRefused()
    {
        var sale = Draft();

        Should.Throw<DomainValidationException>(() => sale.AddLine(Widget, null, 1m, 2m, discountPercent: 101m));
    }

    [Fact]
    public void AuthoriseOrder_WhenStockIsShort_ThenAllocatesAllAndShowsTheExcessAsBackorder()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 3m));
        var sale = Draft((Widget, 2m), (Widget, 3m), (Labour, 1m), (Gadget, 1m));

        sale.AuthoriseOrder(ledger);

        ledger.AllocatedTo(AllocationSource.Sale, SaleId, Widget.Id, Given.Warehouse).ShouldBe(5m);
        ledger.AllocatedTo(AllocationSource.Sale, SaleId, Gadget.Id, Given.Warehouse).ShouldBe(1m);
        ledger.Allocated(Labour.Id, Given.Warehouse).ShouldBe(0m);
        sale.Backorders(ledger).ShouldBe([
            new SaleBackorder(Widget.Id, Widget.Label, 2m),
            new SaleBackorder(Gadget.Id, Gadget.Label, 1m),
        ]);
        sale.Status.ShouldBe(SaleStatus.Ordered);
        ledger.Effects.TouchedProductIds.Order().ShouldBe([Widget.Id, Gadget.Id]);
    }

    [Fact]
    public void AuthoriseOrder_WhenStockCovers_ThenNoBackorder()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));

        var sale = Ordered(ledger, (Widget, 5m));

        sale.Backorders(ledger).ShouldBeEmpty();
        ledger.Available(Widget.Id, Given.Warehouse).ShouldBe(0m);
    }

    [Fact]
    public void AuthoriseOrder_WhenTwice_ThenRefused()
    {
        var ledger = Given.Ledger();
        var sale = Ordered(ledger, (Widget, 1m));

        Should.Throw<DomainException>(() => sale.AuthoriseOrder(ledger)).Message.ShouldBe("The order is already authorised.");
    }

    [Fact]
    public void AuthoriseOrder_WhenNoLines_ThenRefused()
    {
        Should.Throw<DomainException>(() => Draft().AuthoriseOrder(Given.Ledger()));
    }

    [Fact]
    public void AuthoriseOrder_WhenSaleIsNotSavedYet_ThenRefusedBecauseAllocationsNeedItsId()
    {
        var sale = Draft((Widget, 1m));
        sale.Id = 0;

        Should.Throw<InvalidOperationException>(() => sale.AuthoriseOrder(Given.Ledger()));
    }

    [Fact]
    public void AddLine_WhenOrderIsAuthorised_ThenRefused()
    {
        var sale = Ordered(Given.Ledger(), (Widget, 1m));

        Should.Throw<DomainException>(() => sale.AddLine(Gadget, null, 1m, 1m));
        Should.Throw<DomainException>(() => sale.RemoveLine(sale.Lines[0]));
    }

    [Fact]
    public void UpdateHeader_WhenLocationChangesAfterOrdering_ThenRefused()
    {
        var sale = Ordered(Given.Ledger(), (Widget, 1m));

        Should.Throw<DomainException>(() => sale.UpdateHeader(Header() with { LocationId = Given.Shop }));
        sale.UpdateHeader(Header() with { Comments = "leave at door" });
        sale.Comments.ShouldBe("leave at door");
    }

    [Fact]
    public void EveryChange_ThenSetsANewConcurrencyVersion()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Draft((Widget, 1m));
        var versions = new List<Guid> { sale.Version };

        sale.AuthoriseOrder(ledger);
        versions.Add(sale.Version);
        sale.AuthorisePick(ledger);
        versions.Add(sale.Version);
        sale.AuthorisePack(Given.Now);
        versions.Add(sale.Version);

        versions.Distinct().Count().ShouldBe(4);
    }
}
