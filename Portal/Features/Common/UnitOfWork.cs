using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain;
using Portal.Domain.Organizations;
using Portal.Domain.Sales;
using Portal.Domain.Stock;

namespace Portal.Features.Common;

/// <summary>
/// Runs one command against a fresh context and turns what can go wrong into a <see cref="OperationResult"/>.
/// <para>
/// Optimistic concurrency: when another user changed a row this command read (a stock balance's or a sale's
/// Version, or a balance opened by both at once), the whole command runs again from a fresh read, so the domain
/// decides again on the current state — the second of two users picking the last unit is then refused with the
/// domain's reason, and an adjustment is applied on top of the other one instead of overwriting it. Nothing is
/// retried past <see cref="Attempts"/>; the user then gets a message naming what was contended.
/// </para>
/// </summary>
public sealed class UnitOfWork(IPortalDbContextFactory contexts)
{
    public const int Attempts = 3;

    public Task<OperationResult<T>> RunAsync<T>(
        ITenantContext tenant, Func<PortalDbContext, int, CancellationToken, Task<T>> work, CancellationToken ct) =>
        RunAsync(tenant, Permissions.None, "", work, ct);

    /// <summary>
    /// Runs <paramref name="work"/> when the tenant may (ADR 0004): a signed-in user needs <paramref name="required"/>
    /// or Administrator; a read-only user is refused, naming <paramref name="what"/>, before anything is read.
    /// </summary>
    public async Task<OperationResult<T>> RunAsync<T>(
        ITenantContext tenant, Permissions required, string what, Func<PortalDbContext, int, CancellationToken, Task<T>> work,
        CancellationToken ct)
    {
        if (required != Permissions.None &&
            ActingUserChecks.Refusal(tenant, required | Permissions.Administrator, what) is { } refusal)
        {
            return OperationResult<T>.From(refusal);
        }

        if (tenant.Access != TenantAccess.Organization || tenant.OrganizationId is not { } organizationId)
        {
            return OperationResult<T>.From(OperationResult.Fail(tenant.Access == TenantAccess.SupportReadOnly
                ? "Support access is read-only."
                : "Sign in to an organization first."));
        }

        string? conflict = null;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            // SQL Server's retrying strategy re-runs the whole delegate, so each run gets a context of its own.
            await using var probe = contexts.Create(tenant);
            var strategy = probe.Database.CreateExecutionStrategy();
            try
            {
                var value = await strategy.ExecuteAsync(async token =>
                {
                    await using var db = contexts.Create(tenant);
                    return await work(db, organizationId, token);
                }, ct);
                return OperationResult<T>.Done(value);
            }
            catch (DomainValidationException ex)
            {
                return OperationResult<T>.From(OperationResult.Fail(ex.Message, ex.Errors));
            }
            catch (DomainException ex)
            {
                return OperationResult<T>.From(OperationResult.Fail(ex.Message));
            }
            catch (DbUpdateConcurrencyException ex)
            {
                conflict = await DescribeConflictAsync(tenant, ex, ct);
            }
            catch (DbUpdateException ex) when (IsUniqueViolation(ex) && ex.Entries.Any(e => e.Entity is StockBalance))
            {
                // Two commands opened the same balance at once: the loser reads it next time.
                conflict = await DescribeConflictAsync(tenant, ex, ct);
            }
        }

        return OperationResult<T>.From(OperationResult.Fail(conflict!));
    }

    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555, // SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY
        SqlException sql => sql.Number is 2601 or 2627,
        _ => false,
    };

    /// <summary>"Someone changed … at the same time", naming the product and location or the sale.</summary>
    private async Task<string> DescribeConflictAsync(ITenantContext tenant, DbUpdateException ex, CancellationToken ct)
    {
        const string Tail = "at the same time; nothing was saved — try again.";
        var entry = ex.Entries.FirstOrDefault(e => e.Entity is StockBalance) ?? ex.Entries.FirstOrDefault();
        switch (entry?.Entity)
        {
            case StockBalance balance:
                await using (var db = contexts.Create(tenant))
                {
                    var sku = await db.Products.Where(p => p.Id == balance.ProductId).Select(p => p.Sku).FirstOrDefaultAsync(ct);
                    var location = await db.Locations.Where(l => l.Id == balance.LocationId).Select(l => l.Name).FirstOrDefaultAsync(ct);
                    return $"Someone changed the stock of {sku ?? $"product {balance.ProductId}"} at {location ?? $"location {balance.LocationId}"} {Tail}";
                }

            case Sale sale:
                return $"Someone else changed the sale {sale.InvoiceNumber ?? sale.Reference ?? $"#{sale.Id}"} {Tail}";
            default:
                return $"Someone else changed the same data {Tail}";
        }
    }
}
