using Portal.Domain.Customers;

namespace Portal.Domain.Sales;

/// <summary>What a received payment pays on the sale, and what is left over as the customer's credit.</summary>
public sealed record PaymentSplit(decimal Payable, CustomerCreditEntry? Credit);

/// <summary>A payment recorded on the sale and, when it exceeded the balance due, the excess kept as the customer's credit.</summary>
public sealed record RecordedPayment(SalePayment Payment, CustomerCreditEntry? Credit);

public partial class Sale
{
    /// <summary>What is left to pay: the total less credit notes and what was paid (by payments or credit).</summary>
    public decimal BalanceDue => Total - AmountCredited - AmountPaid;

    /// <summary>
    /// Splits a payment received for this sale (a store order's, whose total WooCommerce rounded its own way) into what
    /// the sale's balance takes and the excess, kept as the customer's credit rather than refused. The caller records
    /// <see cref="PaymentSplit.Payable"/> as the payment and stores the credit entry with it.
    /// </summary>
    /// <param name="paidOut">Money already paid back by credit notes, owed again by this payment.</param>
    public PaymentSplit KeepExcessAsCredit(decimal received, DateTime atUtc, decimal paidOut = 0m)
    {
        EnsureNotVoided();
        if (received <= 0 || Amounts.RoundMoney(received) != received)
        {
            throw new DomainException("A payment needs an amount greater than zero with at most 2 decimals.");
        }

        var payable = Math.Min(received, Math.Max(0, BalanceDue + paidOut));
        var excess = received - payable;
        if (excess == 0)
        {
            return new PaymentSplit(received, null);
        }

        EnsureSaved();
        var origin = InvoiceNumber ?? Reference ?? $"sale {Id}";
        return new PaymentSplit(payable, CustomerCreditEntry.Create(
            OrganizationId, CustomerId, excess, CustomerCreditSource.Overpayment, Id, atUtc, $"Overpayment of {origin}"));
    }

    /// <summary>
    /// Pays part of the authorised invoice with the customer's credit, like a payment: at most the credit available and
    /// at most the balance due. Returns the (negative) credit entry to store.
    /// </summary>
    public CustomerCreditEntry ApplyCustomerCredit(decimal amount, decimal availableCredit, DateTime atUtc)
    {
        EnsureNotVoided();
        if (InvoiceStatus != StageStatus.Authorised)
        {
            throw new DomainException("Authorise the invoice before paying it with the customer's credit.");
        }

        if (amount <= 0 || Amounts.RoundMoney(amount) != amount)
        {
            throw new DomainValidationException(
                [new ValidationError("Amount", "Credit applied needs an amount greater than zero with at most 2 decimals.")]);
        }

        if (amount > availableCredit)
        {
            throw new DomainValidationException(
                [new ValidationError("Amount", $"The customer has {availableCredit:0.00} of credit, less than {amount:0.00}.")]);
        }

        if (amount > BalanceDue)
        {
            throw new DomainValidationException(
                [new ValidationError("Amount", $"The invoice {InvoiceNumber} has {BalanceDue:0.00} left to pay, less than {amount:0.00}.")]);
        }

        EnsureSaved();
        AmountPaid += amount;
        Changed();
        return CustomerCreditEntry.Create(
            OrganizationId, CustomerId, -amount, CustomerCreditSource.AppliedToInvoice, Id, atUtc, $"Applied to invoice {InvoiceNumber}");
    }

    private void EnsureSaved()
    {
        if (Id <= 0)
        {
            throw new InvalidOperationException("Save the sale before moving credit for it: the credit entry refers to its id.");
        }
    }
}
