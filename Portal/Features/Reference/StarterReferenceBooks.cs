using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain;
using Portal.Domain.Reference;
using Portal.Features.Common;

namespace Portal.Features.Reference;

/// <summary>
/// Adds the starter reference books (<see cref="StarterBooks"/>) to an organization, once: when it is created, and
/// to organizations created before, at start-up or when the reference books are first opened. Rows the merchant
/// already has (by name) are not added again, and a starter row the merchant deletes afterwards stays deleted.
/// </summary>
public sealed class StarterReferenceBooks(UnitOfWork unitOfWork, IPortalDbContextFactory contexts, TimeProvider clock)
{
    /// <summary>Every organization that has not had its starter books yet.</summary>
    public async Task AddToEveryOrganizationAsync(CancellationToken ct = default)
    {
        List<int> organizations;
        await using (var db = contexts.Create(FixedTenant.None))
        {
            organizations = await db.Organizations.Where(o => o.StarterBooksAddedAtUtc == null).Select(o => o.Id).ToListAsync(ct);
        }

        foreach (var organization in organizations)
        {
            await AddMissingAsync(organization, ct);
        }
    }

    /// <summary>Adds what the organization lacks, unless it had its starter books already; returns the rows added.</summary>
    public async Task<int> AddMissingAsync(int organizationId, CancellationToken ct = default)
    {
        var result = await unitOfWork.RunAsync(FixedTenant.For(organizationId), async (db, org, token) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var now = clock.GetUtcNow().UtcDateTime;
            // Claimed first, in the transaction: a second node or page at the same moment waits here, then finds it done.
            if (await db.Organizations.Where(o => o.Id == org && o.StarterBooksAddedAtUtc == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(o => o.StarterBooksAddedAtUtc, now), token) == 0)
            {
                return 0;
            }

            var rows = StarterBooks.Missing(org, await ExistingAsync(db, token));
            db.AddRange(new object?[] { rows.Location, rows.Carrier }.Concat(rows.Accounts).Concat(rows.TaxRules).Concat(rows.PaymentTerms)
                .Concat(rows.PriceTierNames).OfType<object>());
            var added = await db.SaveChangesAsync(token);
            await SetDefaultsAsync(db, org, token);
            await transaction.CommitAsync(token);
            return added;
        }, ct);
        return result.Succeeded ? result.Value : throw new DomainException(result.Error!);
    }

    private static async Task<ExistingBooks> ExistingAsync(PortalDbContext db, CancellationToken ct) => new(
        await db.Locations.Select(l => l.Name).ToListAsync(ct),
        await db.Accounts.Select(a => a.Name).ToListAsync(ct),
        await db.Accounts.Select(a => a.Code).ToListAsync(ct),
        await db.TaxRules.Select(t => t.Name).ToListAsync(ct),
        await db.PaymentTerms.Select(t => t.Name).ToListAsync(ct),
        await db.Carriers.Select(c => c.Name).ToListAsync(ct),
        await db.PriceTierNames.Select(t => t.Tier).ToListAsync(ct));

    /// <summary>The starter rows become defaults only where the organization has none.</summary>
    private static async Task SetDefaultsAsync(PortalDbContext db, int org, CancellationToken ct)
    {
        var locations = await db.Locations.ToListAsync(ct);
        if (!locations.Any(l => l.IsDefault) && locations.FirstOrDefault(l => Named(l.Name, StarterBooks.LocationName)) is { } main)
        {
            Defaults.MakeDefault(locations, main);
        }

        var terms = await db.PaymentTerms.ToListAsync(ct);
        if (!terms.Any(t => t.IsDefault) && terms.FirstOrDefault(t => Named(t.Name, StarterBooks.DueOnReceiptName)) is { } onReceipt)
        {
            Defaults.MakeDefault(terms, onReceipt);
        }

        var settings = await db.SalesSettings.FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = new OrganizationSalesSettings { OrganizationId = org };
            db.SalesSettings.Add(settings);
        }

        settings.DefaultSaleTaxRuleId ??= (await db.TaxRules.ToListAsync(ct)).FirstOrDefault(t => Named(t.Name, StarterBooks.StandardTaxName))?.Id;
        var sales = StarterBooks.Accounts.Single(a => a.Type == AccountType.Revenue);
        settings.DefaultSalesAccountId ??= await db.Accounts.Where(a => a.Code == sales.Code && a.Type == AccountType.Revenue)
            .Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
        await db.SaveChangesAsync(ct);
    }

    private static bool Named(string name, string starter) => string.Equals(name.Trim(), starter, StringComparison.OrdinalIgnoreCase);
}
