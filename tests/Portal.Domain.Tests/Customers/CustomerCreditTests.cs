using Portal.Domain.Customers;
using Portal.Domain.Sales;
using static Portal.Domain.Tests.Sales.Sales;

namespace Portal.Domain.Tests.Customers;

/// <summary>
/// A customer's credit: the excess of a store payment over its sale (order 188 paid 256.43 for a sale the portal totals
/// 256.42) is kept, and used later on another invoice like a payment.
/// </summary>
public class CustomerCreditTests
{
    private static Sale InvoicedFor(decimal price)
    {
        var sale = Sale.Create(Given.Org, Header(), SaleOrigin.FromStore(4, "188"), Given.Now);
        sale.Id = SaleId;
        sale.AddLine(Labour, null, 1, price);
        sale.AuthoriseOrder(Given.Ledger());
        sale.AssignInvoiceNumber(7);
        sale.AuthoriseInvoice(Given.Now);
        return sale;
    }

    [Fact]
    public void KeepExcessAsCredit_WhenTheStorePaidACentMore_ThenTheSaleIsPaidInFullAndTheCentIsCredit()
    {
        var sale = InvoicedFor(256.42m);

        var split = sale.KeepExcessAsCredit(256.43m, Given.Now);

        split.Payable.ShouldBe(256.42m);
        var credit = split.Credit.ShouldNotBeNull();
        (credit.CustomerId, credit.Amount, credit.Source, credit.SaleId, credit.Description)
            .ShouldBe((9, 0.01m, CustomerCreditSource.Overpayment, SaleId, "Overpayment of INV-00007"));
        sale.RecordPayment(Bank, split.Payable, Given.Now, "BACS-REF-778812");
        sale.BalanceDue.ShouldBe(0m);
    }

    [Fact]
    public void KeepExcessAsCredit_WhenThePaymentFits_ThenNoCredit()
    {
        var split = InvoicedFor(256.42m).KeepExcessAsCredit(200m, Given.Now);

        split.ShouldBe(new PaymentSplit(200m, null));
    }

    [Fact]
    public void KeepExcessAsCredit_WhenNothingIsDue_ThenAllOfItIsCredit()
    {
        var sale = InvoicedFor(10m);
        sale.RecordPayment(Bank, 10m, Given.Now, null);

        var split = sale.KeepExcessAsCredit(4m, Given.Now);

        (split.Payable, split.Credit!.Amount).ShouldBe((0m, 4m));
    }

    [Fact]
    public void ApplyCustomerCredit_WhenEnoughCredit_ThenPaysTheInvoiceLikeAPayment()
    {
        var sale = InvoicedFor(30m);

        var entry = sale.ApplyCustomerCredit(12.5m, 20m, Given.Now);

        (entry.Amount, entry.Source, entry.SaleId, entry.Description).ShouldBe((-12.5m, CustomerCreditSource.AppliedToInvoice, SaleId, "Applied to invoice INV-00007"));
        (sale.AmountPaid, sale.BalanceDue).ShouldBe((12.5m, 17.5m));
    }

    [Fact]
    public void ApplyCustomerCredit_WhenMoreThanTheCredit_ThenRefusedNamingTheCredit() =>
        Should.Throw<DomainValidationException>(() => InvoicedFor(30m).ApplyCustomerCredit(12.5m, 10m, Given.Now))
            .Errors.Single().Message.ShouldBe("The customer has 10.00 of credit, less than 12.50.");

    [Fact]
    public void ApplyCustomerCredit_WhenMoreThanTheBalance_ThenRefusedNamingTheBalance() =>
        Should.Throw<DomainValidationException>(() => InvoicedFor(5m).ApplyCustomerCredit(6m, 10m, Given.Now))
            .Errors.Single().Message.ShouldBe("The invoice INV-00007 has 5.00 left to pay, less than 6.00.");

    [Fact]
    public void ApplyCustomerCredit_WhenTheInvoiceIsDraft_ThenRefused()
    {
        var sale = Draft((Widget, 1));

        Should.Throw<DomainException>(() => sale.ApplyCustomerCredit(1m, 10m, Given.Now))
            .Message.ShouldBe("Authorise the invoice before paying it with the customer's credit.");
    }

    [Fact]
    public void Balance_WhenKeptAndUsed_ThenTheirSum()
    {
        var sale = InvoicedFor(30m);
        var kept = InvoicedFor(10m).KeepExcessAsCredit(15m, Given.Now).Credit!;
        var used = sale.ApplyCustomerCredit(3m, 5m, Given.Now);

        CustomerCredit.Balance([kept, used]).ShouldBe(2m);
    }

    [Fact]
    public void RecordPaymentKeepingExcess_WhenTheUserConfirmedTheExcess_ThenTheBalanceIsPaidAndTheExcessIsCredit()
    {
        var sale = InvoicedFor(100m);
        sale.RecordPayment(Bank, 60m, Given.Now, null);

        var recorded = sale.RecordPaymentKeepingExcess(Bank, 52.50m, Given.Now, "cheque 1001", confirmedCredit: 12.50m);

        (recorded.Payment.Amount, recorded.Payment.Reference).ShouldBe((40m, "cheque 1001"));
        var credit = recorded.Credit.ShouldNotBeNull();
        (credit.CustomerId, credit.Amount, credit.Source, credit.SaleId).ShouldBe((9, 12.50m, CustomerCreditSource.Overpayment, SaleId));
        (sale.AmountPaid, sale.BalanceDue).ShouldBe((100m, 0m));
    }

    [Fact]
    public void RecordPaymentKeepingExcess_WhenTheBalanceChangedSinceTheConfirmation_ThenRefusedNamingTheNewFigureAndNothingIsPaid()
    {
        var sale = InvoicedFor(100m);
        sale.RecordPayment(Bank, 60m, Given.Now, null);

        var refusal = Should.Throw<DomainValidationException>(() => sale.RecordPaymentKeepingExcess(Bank, 52.50m, Given.Now, null, confirmedCredit: 2.50m));

        refusal.Errors.ShouldHaveSingleItem().Message.ShouldBe("The balance due is now 40.00, so 12.50 would be kept as credit, not 2.50: confirm the new figure.");
        (sale.AmountPaid, sale.Payments.Count).ShouldBe((60m, 1));
    }

    [Fact]
    public void RecordPaymentKeepingExcess_WhenThePaymentFits_ThenAPlainPaymentWithoutCredit()
    {
        var sale = InvoicedFor(100m);

        var recorded = sale.RecordPaymentKeepingExcess(Bank, 30m, Given.Now, null, confirmedCredit: 0m);

        (recorded.Payment.Amount, recorded.Credit).ShouldBe((30m, (CustomerCreditEntry?)null));
    }

    [Fact]
    public void RecordPaymentKeepingExcess_WhenNothingIsDue_ThenRefusedAsBefore()
    {
        var sale = InvoicedFor(10m);
        sale.RecordPayment(Bank, 10m, Given.Now, null);

        Should.Throw<DomainValidationException>(() => sale.RecordPaymentKeepingExcess(Bank, 4m, Given.Now, null, confirmedCredit: 4m))
            .Errors.ShouldHaveSingleItem().Message.ShouldBe("Nothing is due on this invoice: the payment was not recorded.");
        sale.Payments.Count.ShouldBe(1);
    }
}
