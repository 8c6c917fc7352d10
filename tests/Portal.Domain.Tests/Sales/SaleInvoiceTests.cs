using Portal.Domain.Reference;
using Portal.Domain.Sales;
using Portal.Domain.Stock;
using static Portal.Domain.Tests.Sales.Sales;

namespace Portal.Domain.Tests.Sales;

public class SaleInvoiceTests
{
    [Theory]
    [InlineData(1, "INV-00001")]
    [InlineData(42, "INV-00042")]
    [InlineData(123456, "INV-123456")]
    public void Format_WhenSequenceValue_ThenPrefixAndFiveDigitsAtLeast(int value, string expected)
    {
        InvoiceNumber.Format(value).ShouldBe(expected);
    }

    [Fact]
    public void Format_WhenZero_ThenRefused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => InvoiceNumber.Format(0));
    }

    [Fact]
    public void AssignInvoiceNumber_WhenAlreadyNumbered_ThenRefusedAndKeepsTheFirst()
    {
        var sale = Draft((Widget, 1m));
        sale.AssignInvoiceNumber(7);

        Should.Throw<InvalidOperationException>(() => sale.AssignInvoiceNumber(8));

        sale.InvoiceNumber.ShouldBe("INV-00007");
    }

    [Fact]
    public void Create_WhenPaymentTermHas30Days_ThenDueDateIsInvoiceDatePlus30()
    {
        var sale = Sale.Create(Given.Org, Header(paymentTermDays: 30), SaleOrigin.Manual, Given.Now);

        sale.InvoiceDate.ShouldBe(new DateTime(2026, 3, 14, 0, 0, 0, DateTimeKind.Utc));
        sale.InvoiceDueDate.ShouldBe(new DateTime(2026, 4, 13, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void SetInvoiceDate_WhenDraft_ThenDueDateFollows()
    {
        var sale = Sale.Create(Given.Org, Header(paymentTermDays: 7), SaleOrigin.Manual, Given.Now);

        sale.SetInvoiceDate(new DateTime(2026, 2, 25, 0, 0, 0, DateTimeKind.Utc));

        sale.InvoiceDueDate.ShouldBe(new DateTime(2026, 3, 4, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void UpdateHeader_WhenTermChangesBeforeAuthorising_ThenDueDateFollows()
    {
        var sale = Sale.Create(Given.Org, Header(paymentTermDays: 7), SaleOrigin.Manual, Given.Now);

        sale.UpdateHeader(Header(paymentTermDays: 0));

        sale.InvoiceDueDate.ShouldBe(sale.InvoiceDate);
    }

    [Fact]
    public void AuthoriseInvoice_WhenTwice_ThenRefused()
    {
        var sale = Invoiced(Given.Ledger(), (Widget, 1m));

        Should.Throw<DomainException>(() => sale.AuthoriseInvoice(Given.Now))
            .Message.ShouldBe("The invoice INV-00001 is already authorised.");
    }

    [Fact]
    public void AuthoriseInvoice_WhenOrderIsDraft_ThenRefused()
    {
        var sale = Draft((Widget, 1m));
        sale.AssignInvoiceNumber(1);

        Should.Throw<DomainException>(() => sale.AuthoriseInvoice(Given.Now)).Message.ShouldBe("Authorise the order before invoicing.");
    }

    [Fact]
    public void AuthoriseInvoice_WhenNotNumbered_ThenRefused()
    {
        var sale = Ordered(Given.Ledger(), (Widget, 1m));

        Should.Throw<InvalidOperationException>(() => sale.AuthoriseInvoice(Given.Now));
    }

    [Fact]
    public void AuthoriseInvoice_ThenDateAndChargesAreFixed()
    {
        var sale = Invoiced(Given.Ledger(), (Widget, 1m));

        Should.Throw<DomainException>(() => sale.SetInvoiceDate(Given.Now));
        Should.Throw<DomainException>(() => sale.AddCharge("Late fee", 5m));
        sale.InvoiceStatus.ShouldBe(StageStatus.Authorised);
    }

    [Fact]
    public void RecordPayment_WhenValid_ThenAddsToAmountPaid()
    {
        var sale = Invoiced(Given.Ledger(), (Widget, 2m));

        sale.RecordPayment(Bank, 15m, Given.Now, " pi_123 ");
        sale.RecordPayment(Bank, 5m, Given.Now, null);

        sale.AmountPaid.ShouldBe(20m);
        sale.Payments[0].Reference.ShouldBe("pi_123");
    }

    [Fact]
    public void RecordPayment_WhenAboveTheBalanceDue_ThenRefusedNamingTheBalanceAndNothingIsPaid()
    {
        var sale = Invoiced(Given.Ledger(), (Widget, 2m));
        var due = sale.Total;
        sale.RecordPayment(Bank, due - 1m, Given.Now, null);

        var refusal = Should.Throw<DomainValidationException>(() => sale.RecordPayment(Bank, 5m, Given.Now, null));

        refusal.Errors.ShouldHaveSingleItem().Message.ShouldBe("The payment of 5.00 is more than the balance due of 1.00: keep 4.00 as the customer's credit, or record at most 1.00.");
        sale.AmountPaid.ShouldBe(due - 1m);
        sale.Payments.Count.ShouldBe(1);
        sale.RecordPayment(Bank, 1m, Given.Now, null);
        Should.Throw<DomainValidationException>(() => sale.RecordPayment(Bank, 0.01m, Given.Now, null))
            .Errors.ShouldHaveSingleItem().Message.ShouldBe("Nothing is due on this invoice: the payment was not recorded.");
    }

    [Fact]
    public void ReversePayment_WithAReason_ThenTheBalanceDueGrowsBackAndThePaymentIsKeptAsReversed()
    {
        var sale = Invoiced(Given.Ledger(), (Widget, 2m));
        var payment = sale.RecordPayment(Bank, sale.Total, Given.Now, "tr-1");

        sale.ReversePayment(payment.Id, " Bounced ", Given.Now.AddDays(1));

        sale.AmountPaid.ShouldBe(0m);
        (payment.IsReversed, payment.ReversalReason, payment.ReversedAt).ShouldBe((true, "Bounced", Given.Now.AddDays(1)));
        sale.Payments.ShouldHaveSingleItem();
        Should.Throw<DomainException>(() => sale.ReversePayment(payment.Id, "again", Given.Now)).Message.ShouldBe($"The payment of {sale.Total:N2} was already reversed.");
    }

    [Fact]
    public void ReversePayment_WithoutAReason_ThenRefusedAndThePaymentStands()
    {
        var sale = Invoiced(Given.Ledger(), (Widget, 2m));
        var payment = sale.RecordPayment(Bank, 5m, Given.Now, null);

        Should.Throw<DomainValidationException>(() => sale.ReversePayment(payment.Id, " ", Given.Now)).Errors.ShouldHaveSingleItem().Field.ShouldBe("Reason");

        sale.AmountPaid.ShouldBe(5m);
        payment.IsReversed.ShouldBeFalse();
    }

    [Fact]
    public void RecordPayment_WhenAccountCannotReceivePayments_ThenRefused()
    {
        var sale = Invoiced(Given.Ledger(), (Widget, 1m));

        Should.Throw<DomainValidationException>(() => sale.RecordPayment(Revenue, 10m, Given.Now, null))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("Account");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1.001)]
    public void RecordPayment_WhenAmountIsNotPositiveCents_ThenRefused(decimal amount)
    {
        var sale = Invoiced(Given.Ledger(), (Widget, 1m));

        Should.Throw<DomainValidationException>(() => sale.RecordPayment(Bank, amount, Given.Now, null));
    }

    [Fact]
    public void RecordPayment_WhenSaleIsVoided_ThenRefused()
    {
        var ledger = Given.Ledger();
        var sale = Invoiced(ledger, (Widget, 1m));
        sale.Void(ledger, null);

        Should.Throw<DomainException>(() => sale.RecordPayment(Bank, 10m, Given.Now, null))
            .Message.ShouldBe("A voided sale cannot be paid.");
    }

    [Fact]
    public void RecordPayment_WhenInvoiceIsDraft_ThenRefused()
    {
        var sale = Ordered(Given.Ledger(), (Widget, 1m));

        Should.Throw<DomainException>(() => sale.RecordPayment(Bank, 10m, Given.Now, null));
    }

    [Fact]
    public void CreateCreditNote_WhenRestockingWhatWasShipped_ThenStockComesBack()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Shipped(ledger, 3m);
        var gst = TaxRule.Create(Given.Org, "GST", 10m, false);

        var note = sale.CreateCreditNote(Given.Now, [new CreditNoteLineInput("Returned", 20m, gst)], [new RestockInput(Widget.Id, 2m)], ledger);

        note.Total.ShouldBe(22m);
        sale.AmountCredited.ShouldBe(22m);
        ledger.OnHand(Widget.Id, Given.Warehouse).ShouldBe(4m);
        var restock = ledger.Effects.NewMovements.Last();
        (restock.Kind, restock.Quantity, restock.SaleId).ShouldBe((StockMovementKind.Restock, 2m, SaleId));
        sale.RestockedQuantity(Widget.Id).ShouldBe(2m);
    }

    [Fact]
    public void CreateCreditNote_WhenRestockingMoreThanShipped_ThenRefusedAndNothingMoves()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Shipped(ledger, 3m);
        sale.CreateCreditNote(Given.Now, [], [new RestockInput(Widget.Id, 2m)], ledger);
        var movements = ledger.Effects.NewMovements.Count;

        var error = Should.Throw<DomainException>(() =>
            sale.CreateCreditNote(Given.Now, [], [new RestockInput(Widget.Id, 2m)], ledger));

        error.Message.ShouldBe("Cannot restock 2 of WIDGET – Name of WIDGET: only 1 was picked and not yet restocked.");
        ledger.Effects.NewMovements.Count.ShouldBe(movements);
        sale.CreditNotes.Count.ShouldBe(1);
    }

    [Fact]
    public void CreateCreditNote_WhenNothingWasPicked_ThenRestockIsRefused()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Invoiced(ledger, (Widget, 3m));

        Should.Throw<DomainException>(() => sale.CreateCreditNote(Given.Now, [], [new RestockInput(Widget.Id, 1m)], ledger));
    }

    [Fact]
    public void CreateCreditNote_WhenCreditExceedsTheInvoice_ThenRefused()
    {
        var ledger = Given.LedgerWith((Widget.Id, Given.Warehouse, 5m));
        var sale = Invoiced(ledger, (Widget, 1m));

        Should.Throw<DomainException>(() => sale.CreateCreditNote(Given.Now, [new CreditNoteLineInput("Refund", 10.01m)], [], ledger));
        sale.CreateCreditNote(Given.Now, [new CreditNoteLineInput("Refund", 10m)], [], ledger).Total.ShouldBe(10m);
    }

    [Fact]
    public void CreateCreditNote_WhenInvoiceIsDraft_ThenRefused()
    {
        var ledger = Given.Ledger();
        var sale = Ordered(ledger, (Widget, 1m));

        Should.Throw<DomainException>(() => sale.CreateCreditNote(Given.Now, [new CreditNoteLineInput("Refund", 1m)], [], ledger));
    }

    private static Sale Shipped(StockLedger ledger, decimal quantity)
    {
        var sale = Invoiced(ledger, (Widget, quantity));
        sale.AuthorisePick(ledger);
        sale.AuthorisePack(Given.Now);
        sale.AuthoriseShipment(Courier, ["T1"], Given.Now);
        return sale;
    }
}
