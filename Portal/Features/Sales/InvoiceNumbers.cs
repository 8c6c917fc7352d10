using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Common;

namespace Portal.Features.Sales;

/// <summary>
/// The organization's invoice counter (<see cref="InvoiceSequence"/>). <see cref="NextAsync"/> must run inside the
/// transaction that saves the invoice: the atomic increment holds the row's write lock until that transaction ends,
/// so concurrent invoices queue on it (no repeats), and a rollback returns the number (no gaps).
/// </summary>
public static class InvoiceNumbers
{
    /// <summary>Creates the organization's counter at zero if it has none (two first invoices at once: one insert wins).</summary>
    public static async Task EnsureSequenceAsync(PortalDbContext db, int organizationId, CancellationToken ct)
    {
        if (await db.InvoiceSequences.AnyAsync(ct))
        {
            return;
        }

        var sequence = new InvoiceSequence { OrganizationId = organizationId };
        db.InvoiceSequences.Add(sequence);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UnitOfWork.IsUniqueViolation(ex))
        {
            // Another command created it first; that one is the counter.
        }
        finally
        {
            db.Entry(sequence).State = EntityState.Detached;
        }
    }

    public static async Task<int> NextAsync(PortalDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Take an invoice number inside the transaction that saves the invoice.");
        }

        var updated = await db.InvoiceSequences.ExecuteUpdateAsync(s => s.SetProperty(x => x.LastNumber, x => x.LastNumber + 1), ct);
        if (updated != 1)
        {
            throw new InvalidOperationException("The organization has no invoice sequence.");
        }

        return await db.InvoiceSequences.Select(x => x.LastNumber).SingleAsync(ct);
    }
}
