namespace Portal.Domain.Sales;

/// <summary>
/// Formats the invoice number from the organization's invoice sequence. The data layer takes the next value of the
/// sequence in the transaction that assigns it, so numbers are neither skipped nor repeated.
/// </summary>
public static class InvoiceNumber
{
    public const string Prefix = "INV-";

    public static string Format(int sequenceValue) =>
        sequenceValue > 0
            ? $"{Prefix}{sequenceValue:D5}"
            : throw new ArgumentOutOfRangeException(nameof(sequenceValue), "Invoice numbers start at 1.");
}
