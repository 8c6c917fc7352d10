using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Customers;

namespace Portal.Features.Customers;

/// <summary>Customers' credit balances, added up in the database.</summary>
public static class CustomerCreditQuery
{
    /// <summary>The balance of each listed customer that has credit entries; customers without any are left out.</summary>
    public static async Task<IReadOnlyDictionary<int, decimal>> BalancesAsync(
        PortalDbContext db, IReadOnlyCollection<int> customerIds, CancellationToken ct) =>
        await db.CustomerCredits.AsNoTracking()
            .Where(e => customerIds.Contains(e.CustomerId))
            .GroupBy(e => e.CustomerId)
            .Select(g => new { CustomerId = g.Key, Balance = g.Sum(e => e.Amount) })
            .ToDictionaryAsync(b => b.CustomerId, b => b.Balance, ct);

    /// <summary>A customer's entries, newest first: where the credit came from and where it went.</summary>
    public static Task<List<CustomerCreditEntry>> EntriesAsync(PortalDbContext db, int customerId, CancellationToken ct) =>
        db.CustomerCredits.AsNoTracking().Where(e => e.CustomerId == customerId)
            .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).ToListAsync(ct);
}
