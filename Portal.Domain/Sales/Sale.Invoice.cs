using Portal.Domain.Reference;
using Portal.Domain.Stock;

namespace Portal.Domain.Sales;

public partial class Sale
{
    public StageStatus InvoiceStatus { get; private set; }
    public string? InvoiceNumber { get; private set; }
    public DateTime InvoiceDate { get; private set; }
    public DateTime InvoiceDueDate { get; private set; }
    public DateTime? InvoiceAuthorisedAt { get; private set; }
    public List<SalePayment> Payments { get; private set; } = [];
    public List<CreditNote> CreditNotes { get; private set; } = [];

    /// <summary>Sum of the payments, kept as a column so the grid can filter paid and unpaid sales.</summary>
    public decimal AmountPaid { get; private set; }

    public decimal AmountCredited => CreditNotes.Sum(c => c.Total);

    public void SetInvoiceDate(DateTime invoiceDate)
    {
        EnsureNotVoided();
        if (InvoiceStatus == StageStatus.Authorised)
        {
            throw new DomainException("The invoice is authorised: its date can no longer change.");
        }

        InvoiceDate = invoiceDate.Date;
        InvoiceDueDate = PaymentTerm.DueDate(InvoiceDate, PaymentTermDays);
        Changed();
    }

    /// <summary>
    /// Gives the invoice its number from the organization's invoice sequence. A number is given once: the data
    /// layer must not take a sequence value for a sale that already has one.
    /// </summary>
    public void AssignInvoiceNumber(int sequenceValue)
    {
        if (InvoiceNumber is not null)
        {
            throw new InvalidOperationException($"The invoice already has the number {InvoiceNumber}.");
        }

        InvoiceNumber = Sales.InvoiceNumber.Format(sequenceValue);
        Changed();
    }

    /// <summary>Authorises the invoice (which must have its number): its date, due date and charges are then fixed.</summary>
    public void AuthoriseInvoice(DateTime now)
    {
        EnsureNotVoided();
        EnsureOrderAuthorised("invoicing");
        if (InvoiceStatus == StageStatus.Authorised)
        {
            throw new DomainException($"The invoice {InvoiceNumber} is already authorised.");
        }

        if (InvoiceNumber is null)
        {
            throw new InvalidOperationException("Assign the invoice number before authorising the invoice.");
        }

        InvoiceStatus = StageStatus.Authorised;
        InvoiceAuthorisedAt = Amounts.Utc(now, nameof(now));
        Changed();
    }

    public SalePayment RecordPayment(Account account, decimal amount, DateTime paidAt, string? reference)
    {
        if (IsVoided)
        {
            throw new DomainException("A voided sale cannot be paid.");
        }

        if (InvoiceStatus != StageStatus.Authorised)
        {
            throw new DomainException("Authorise the invoice before recording a payment.");
        }

        CheckPayment(account, amount);

        // Money beyond what is owed would show a negative balance as "Paid": it becomes the customer's credit only
        // when the user confirmed that (RecordPaymentKeepingExcess), so here it is refused.
        var due = BalanceDue;
        if (amount > due)
        {
            throw new DomainValidationException([new ValidationError("Amount", due <= 0
                ? "Nothing is due on this invoice: the payment was not recorded."
                : $"The payment of {amount:N2} is more than the balance due of {due:N2}: keep {amount - due:N2} as the customer's credit, or record at most {due:N2}.")]);
        }

        var payment = new SalePayment(OrganizationId, account.Id, amount, Amounts.Utc(paidAt, nameof(paidAt)), Names.Optional(reference));
        Payments.Add(payment);
        AmountPaid += amount;
        Changed();
        return payment;
    }

    /// <summary>
    /// Records a payment received for more than the balance due, once the user confirmed keeping the excess as the
    /// customer's credit: the payment pays the balance and the excess becomes a credit entry, which the caller stores
    /// with the sale. <paramref name="confirmedCredit"/> is the excess the user agreed to; when the balance changed since
    /// (someone recorded a payment or a credit note meanwhile) the excess differs and the payment is refused, nothing
    /// changed, so the user confirms the new figure. A payment that fits records no credit.
    /// </summary>
    public RecordedPayment RecordPaymentKeepingExcess(Account account, decimal amount, DateTime paidAt, string? reference, decimal confirmedCredit)
    {
        var due = BalanceDue;
        // A payment that fits, or one refused anyway (voided, not invoiced, a bad amount), is RecordPayment's to decide.
        if (amount <= due || InvoiceStatus != StageStatus.Authorised || IsVoided || Amounts.RoundMoney(amount) != amount)
        {
            return new RecordedPayment(RecordPayment(account, amount, paidAt, reference), null);
        }

        if (due <= 0)
        {
            throw new DomainValidationException([new ValidationError("Amount", "Nothing is due on this invoice: the payment was not recorded.")]);
        }

        var split = KeepExcessAsCredit(amount, paidAt);
        if (split.Credit is not { } credit || credit.Amount != confirmedCredit)
        {
            throw new DomainValidationException([new ValidationError("Amount",
                $"The balance due is now {due:N2}, so {amount - due:N2} would be kept as credit, not {confirmedCredit:N2}: confirm the new figure.")]);
        }

        return new RecordedPayment(RecordPayment(account, split.Payable, paidAt, reference), credit);
    }

    /// <summary>
    /// Reverses a payment (a bounced transfer, a payment keyed twice): it stays listed with its reason and date, and
    /// the balance due grows back by its amount. A reason is required, and a payment is reversed at most once.
    /// </summary>
    public SalePayment ReversePayment(int paymentId, string? reason, DateTime now)
    {
        EnsureNotVoided();
        var payment = Payments.FirstOrDefault(p => p.Id == paymentId)
            ?? throw new DomainException($"Payment #{paymentId} is not a payment of this sale.");
        if (payment.IsReversed)
        {
            throw new DomainException($"The payment of {payment.Amount:N2} was already reversed.");
        }

        payment.Reverse(Names.Required(reason, "Reason", "reversal", 500), Amounts.Utc(now, nameof(now)));
        AmountPaid -= payment.Amount;
        Changed();
        return payment;
    }

    /// <summary>
    /// Credits part of the invoice and restocks what came back (Restock movements at the sale's location). At most
    /// what is left of the invoice can be credited (any amount on a sale carrying only an earlier order's refunds,
    /// <see cref="RefundsOnly"/>), and at most what was picked and not yet restocked can come back.
    /// </summary>
    /// <param name="refund">Money paid back with the note (a store refund): at most the note's total, from an account
    /// that takes payments.</param>
    public CreditNote CreateCreditNote(
        DateTime creditDate, IEnumerable<CreditNoteLineInput> lines, IEnumerable<RestockInput> restock, StockLedger ledger,
        CreditNoteRefund? refund = null)
    {
        EnsureNotVoided();
        if (InvoiceStatus != StageStatus.Authorised && !RefundsOnly)
        {
            throw new DomainException("Authorise the invoice before crediting it.");
        }

        Use(ledger);
        var creditLines = lines.Select(l =>
        {
            var description = Names.Required(l.Description, "Description", "credit line", 255);
            if (l.Amount <= 0 || Amounts.RoundMoney(l.Amount) != l.Amount)
            {
                throw new DomainException($"The credit for {description} needs an amount greater than zero with at most 2 decimals.");
            }

            return new CreditNoteLine(description, l.Amount, LineTax.For(l.Amount, l.TaxRule, l.GivenTax));
        }).ToList();
        var restockLines = restock.GroupBy(r => r.ProductId)
            .Select(g => new RestockLine(g.Key, SkuOf(g.Key), g.Sum(r => Amounts.PositiveQuantity(r.Quantity, SkuOf(g.Key)))))
            .ToList();
        if (creditLines.Count == 0 && restockLines.Count == 0)
        {
            throw new DomainException("A credit note needs a credited amount or a restock line.");
        }

        var note = new CreditNote(OrganizationId, Amounts.Utc(creditDate, nameof(creditDate)), creditLines, restockLines);
        var left = Total - AmountCredited;
        // A sale carrying only an earlier order's refunds has an invoice of 0: the store's refunds are credited anyway.
        if (note.Total > left && !RefundsOnly)
        {
            throw new DomainException($"The credit of {note.Total} is more than the {left} left to credit on this invoice.");
        }

        foreach (var line in restockLines)
        {
            var returnable = PickedQuantity(line.ProductId) - RestockedQuantity(line.ProductId);
            if (line.Quantity > returnable)
            {
                throw new DomainException(
                    $"Cannot restock {line.Quantity} of {line.Sku}: only {returnable} was picked and not yet restocked.");
            }
        }

        if (refund is not null)
        {
            if (refund.Account.OrganizationId != OrganizationId)
            {
                throw new InvalidOperationException("The account belongs to another organization.");
            }

            if (!refund.Account.CanReceivePayments)
            {
                throw new DomainValidationException(
                    [new ValidationError("Account", $"The account {refund.Account.Code} {refund.Account.Name} cannot pay out refunds.")]);
            }

            if (refund.Amount <= 0 || Amounts.RoundMoney(refund.Amount) != refund.Amount || refund.Amount > note.Total)
            {
                throw new DomainException($"The refund of {refund.Amount} must be greater than zero, with at most 2 decimals, and at most the credit of {note.Total}.");
            }

            note.RecordRefund(refund.Account.Id, refund.Amount, Amounts.Utc(refund.RefundedAt, nameof(refund)), Names.Optional(refund.Reference));
        }

        foreach (var line in restockLines)
        {
            ledger.Move(StockMovementKind.Restock, line.ProductId, LocationId, line.Quantity, Origin("Restock"));
        }

        CreditNotes.Add(note);
        Changed();
        return note;
    }

    public decimal RestockedQuantity(int productId) =>
        CreditNotes.SelectMany(c => c.RestockLines).Where(r => r.ProductId == productId).Sum(r => r.Quantity);

    private void CheckPayment(Account account, decimal amount)
    {
        if (account.OrganizationId != OrganizationId)
        {
            throw new InvalidOperationException("The account belongs to another organization.");
        }

        if (!account.CanReceivePayments)
        {
            throw new DomainValidationException(
                [new ValidationError("Account", $"The account {account.Code} {account.Name} cannot receive payments.")]);
        }

        if (amount <= 0 || Amounts.RoundMoney(amount) != amount)
        {
            throw new DomainValidationException(
                [new ValidationError("Amount", "A payment needs an amount greater than zero with at most 2 decimals.")]);
        }
    }
}
