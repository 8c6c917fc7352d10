using Portal.Domain.Customers;
using Portal.Domain.Organizations;
using Portal.Domain.Reference;

namespace Portal.Domain.Sales;

/// <summary>A store's payment received while the sale's invoice was still Draft: kept on the sale and recorded as a
/// payment (its excess as the customer's credit) when the invoice is authorised.</summary>
public class SaleHeldPayment : IOrganizationOwned
{
    public const int MaxReference = 100;

    private SaleHeldPayment()
    {
    }

    internal SaleHeldPayment(int organizationId, int accountId, decimal amount, DateTime paidAt, string? reference)
    {
        OrganizationId = organizationId;
        AccountId = accountId;
        Amount = amount;
        PaidAt = paidAt;
        Reference = reference is { Length: > MaxReference } ? reference[..MaxReference] : reference;
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int SaleId { get; private set; }
    public int AccountId { get; private set; }
    public decimal Amount { get; private set; }
    public DateTime PaidAt { get; private set; }
    public string? Reference { get; private set; }
    /// <summary>When the invoice was authorised and the payment recorded; null while held.</summary>
    public DateTime? AppliedAt { get; private set; }

    public bool IsHeld => AppliedAt is null;

    internal void Applied(DateTime at) => AppliedAt = at;
}

public partial class Sale
{
    public const int MaxTotalsWarning = 500;

    /// <summary>Store payments waiting for the invoice to be authorised.</summary>
    public List<SaleHeldPayment> HeldPayments { get; private set; } = [];

    /// <summary>Set when the store's total or tax differs from the sale's beyond rounding: both figures, shown on the
    /// sale. Never corrected by an invented line.</summary>
    public string? StoreTotalsWarning { get; private set; }

    /// <summary>
    /// A sale that so far only carries the refunds (credit notes and the money paid out) of a store order placed before
    /// the store was connected, which automatic capture never took: it has no order or invoice lines, its credit notes
    /// are not capped by its invoice of 0, and nothing is restocked. Load Orders of that order fills this same sale
    /// (<see cref="FillFromEarlierOrder"/>), after which it is an ordinary sale.
    /// </summary>
    public bool RefundsOnly { get; private set; }

    public static Sale ForRefundsOfEarlierOrder(int organizationId, SaleHeader header, SaleOrigin origin, DateTime now)
    {
        if (origin.WooOrderId is null)
        {
            throw new InvalidOperationException("Only a store order's refunds are carried by a sale without lines.");
        }

        var sale = Create(organizationId, header, origin, now);
        sale.RefundsOnly = true;
        return sale;
    }

    /// <summary>The store order itself arrived (Load Orders): the sale takes its header, then its lines as a draft sale
    /// does, keeping the credit notes it carries.</summary>
    public void FillFromEarlierOrder(SaleHeader header)
    {
        if (!RefundsOnly)
        {
            throw new InvalidOperationException("Only a sale carrying the refunds of an earlier order is filled from it.");
        }

        UpdateHeader(header);
        RefundsOnly = false;
        Changed();
    }

    /// <summary>What the credit notes paid back in money: a store payment recorded after them (the order loaded after its
    /// refunds) is owed in full, as it would have been had it been recorded first.</summary>
    private decimal PaidOut => CreditNotes.Sum(c => c.RefundAmount);

    public void NoteStoreTotals(string? warning)
    {
        var text = Names.Optional(warning);
        StoreTotalsWarning = text is { Length: > MaxTotalsWarning } ? text[..MaxTotalsWarning] : text;
        Changed();
    }

    /// <summary>
    /// A payment the store received for this sale. With the invoice authorised it is recorded at once, what exceeds
    /// the balance (WooCommerce rounds its own way) kept as the customer's credit, never refused; with the invoice
    /// still Draft it is held on the sale until <see cref="ApplyHeldPayments"/>. Returns the credit entry to store.
    /// </summary>
    public CustomerCreditEntry? ReceiveStorePayment(Account account, decimal amount, DateTime paidAt, string? reference, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(account);
        EnsureNotVoided();
        CheckPayment(account, amount);

        var paid = Amounts.Utc(paidAt, nameof(paidAt));
        if (InvoiceStatus != StageStatus.Authorised)
        {
            HeldPayments.Add(new SaleHeldPayment(OrganizationId, account.Id, amount, paid, reference));
            Changed();
            return null;
        }

        return Record(account.Id, amount, paid, reference, now);
    }

    /// <summary>Records the held payments once the invoice is authorised. Returns the credit entries to store.</summary>
    public IReadOnlyList<CustomerCreditEntry> ApplyHeldPayments(DateTime now)
    {
        if (InvoiceStatus != StageStatus.Authorised || IsVoided)
        {
            return [];
        }

        var credits = new List<CustomerCreditEntry>();
        foreach (var held in HeldPayments.Where(h => h.IsHeld))
        {
            if (Record(held.AccountId, held.Amount, held.PaidAt, held.Reference, now) is { } credit)
            {
                credits.Add(credit);
            }

            held.Applied(Amounts.Utc(now, nameof(now)));
        }

        Changed();
        return credits;
    }

    private CustomerCreditEntry? Record(int accountId, decimal amount, DateTime paidAt, string? reference, DateTime now)
    {
        var split = KeepExcessAsCredit(amount, now, PaidOut);
        if (split.Payable > 0)
        {
            Payments.Add(new SalePayment(OrganizationId, accountId, split.Payable, paidAt, Names.Optional(reference)));
            AmountPaid += split.Payable;
        }

        Changed();
        return split.Credit;
    }
}
