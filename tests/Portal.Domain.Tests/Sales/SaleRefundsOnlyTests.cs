using Portal.Domain.Reference;
using Portal.Domain.Sales;
using static Portal.Domain.Tests.Sales.Sales;

namespace Portal.Domain.Tests.Sales;

/// <summary>A sale carrying only the refunds of a store order older than the store's connection: credited beyond its
/// invoice of 0 without restock, then filled with the order's lines like a draft, after which the usual rules hold.</summary>
public class SaleRefundsOnlyTests
{
    private static readonly SaleOrigin EarlierOrder = SaleOrigin.FromStore(4, "1201", 1201, "https://shop.example");

    [Fact]
    public void CreateCreditNote_WhenTheSaleCarriesOnlyAnEarlierOrdersRefunds_ThenCreditedBeyondItsInvoiceOfZero()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Sale.ForRefundsOfEarlierOrder(Given.Org, Header(), EarlierOrder, Given.Now);
        sale.Id = SaleId;
        var free = TaxRule.Create(Given.Org, "Tax Free", 0m, false);

        var note = sale.CreateCreditNote(Given.Now, [new CreditNoteLineInput("Refund 7", 12m, free)], [], ledger,
            new CreditNoteRefund(Bank, 12m, Given.Now, "refund 7"));

        (sale.Total, note.Total, sale.AmountCredited, note.RefundAmount).ShouldBe((0m, 12m, 12m, 12m));
        ledger.Effects.NewMovements.ShouldBeEmpty();
        Should.Throw<DomainException>(() => sale.CreateCreditNote(Given.Now, [], [new RestockInput(Widget.Id, 1m)], ledger))
            .Message.ShouldContain("only 0 was picked");
    }

    [Fact]
    public void CreateCreditNote_WhenAnOrdinarySaleHasAnInvoiceOfZero_ThenTheCapStillRefuses()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Sale.Create(Given.Org, Header(), EarlierOrder, Given.Now);
        sale.Id = SaleId;
        var free = TaxRule.Create(Given.Org, "Tax Free", 0m, false);

        Should.Throw<DomainException>(() => sale.CreateCreditNote(Given.Now, [new CreditNoteLineInput("Refund", 12m, free)], [], ledger))
            .Message.ShouldBe("Authorise the invoice before crediting it.");
    }

    [Fact]
    public void FillFromEarlierOrder_WhenTheOrderArrives_ThenItIsAnOrdinarySaleAndItsPaymentIsOwedInFull()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Sale.ForRefundsOfEarlierOrder(Given.Org, Header(), EarlierOrder, Given.Now);
        sale.Id = SaleId;
        var free = TaxRule.Create(Given.Org, "Tax Free", 0m, false);
        sale.CreateCreditNote(Given.Now, [new CreditNoteLineInput("Refund 7", 10m, free)], [], ledger, new CreditNoteRefund(Bank, 10m, Given.Now, null));

        sale.FillFromEarlierOrder(Header() with { Reference = "1201" });
        sale.AddLine(Widget, null, 3m, 10m);
        sale.AuthoriseOrder(ledger);
        sale.AssignInvoiceNumber(1);
        sale.AuthoriseInvoice(Given.Now);
        var credit = sale.ReceiveStorePayment(Bank, 30m, Given.Now, "bacs", Given.Now);

        sale.RefundsOnly.ShouldBeFalse();
        credit.ShouldBeNull("the refund was paid out on its own: the whole payment pays the invoice");
        (sale.AmountPaid, sale.AmountCredited).ShouldBe((30m, 10m));
        Should.Throw<DomainException>(() => sale.CreateCreditNote(Given.Now, [new CreditNoteLineInput("More", 25m, free)], [], ledger))
            .Message.ShouldContain("left to credit");
        Should.Throw<InvalidOperationException>(() => sale.FillFromEarlierOrder(Header()));
    }
}
