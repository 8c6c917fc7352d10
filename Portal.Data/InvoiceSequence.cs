using Portal.Domain.Organizations;

namespace Portal.Data;

/// <summary>
/// One row per organization: the last invoice number issued. Taken with an atomic
/// <c>UPDATE … SET LastNumber = LastNumber + 1</c> inside the transaction that saves the invoice, so a number is
/// never handed out twice, and a rolled-back invoice gives its number back (no gaps).
/// </summary>
public sealed class InvoiceSequence : IOrganizationOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int LastNumber { get; set; }
}
