using System.Text.Json;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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
/// <para>
/// Double submits: a create or submit command given the form's <see cref="SubmissionToken"/> records the token in
/// the same transaction as its work. The unique key refuses a second use, and the second submit is answered with
/// the first one's result instead of doing the work twice.
/// </para>
/// </summary>
public sealed class UnitOfWork(IPortalDbContextFactory contexts, TimeProvider? clock = null)
{
    public const int Attempts = 3;

    public Task<OperationResult<T>> RunAsync<T>(
        ITenantContext tenant, Func<PortalDbContext, int, CancellationToken, Task<T>> work, CancellationToken ct) =>
        RunAsync(tenant, Permissions.None, "", work, ct);

    /// <summary>
    /// Runs <paramref name="work"/> when the tenant may (ADR 0004): a signed-in user needs <paramref name="required"/>
    /// or Administrator; a read-only user is refused, naming <paramref name="what"/>, before anything is read.
    /// </summary>
    public Task<OperationResult<T>> RunAsync<T>(
        ITenantContext tenant, Permissions required, string what, Func<PortalDbContext, int, CancellationToken, Task<T>> work,
        CancellationToken ct) =>
        RunAsync(tenant, required, what, work, null, ct);

    /// <summary>
    /// As <see cref="RunAsync{T}(ITenantContext, Permissions, string, Func{PortalDbContext, int, CancellationToken, Task{T}}, CancellationToken)"/>,
    /// at most once per <paramref name="submission"/>: a second run with the same token does nothing and answers
    /// what the first answered. <paramref name="kind"/> names the command, so a token is never taken for another's.
    /// </summary>
    public Task<OperationResult<T>> RunOnceAsync<T>(
        ITenantContext tenant, SubmissionToken? submission, string kind, Permissions required, string what,
        Func<PortalDbContext, int, CancellationToken, Task<T>> work, CancellationToken ct) =>
        submission is { } token
            ? RunAsync(tenant, required, what, Once(token, kind, work), (token, kind), ct)
            : RunAsync(tenant, required, what, work, null, ct);

    private Func<PortalDbContext, int, CancellationToken, Task<T>> Once<T>(
        SubmissionToken token, string kind, Func<PortalDbContext, int, CancellationToken, Task<T>> work) =>
        async (db, organizationId, ct) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Claimed first: a concurrent second submit waits on the key and is refused when this one commits.
            var record = new SubmissionRecord { Token = token.Value, Kind = kind, SubmittedUtc = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime };
            db.Submissions.Add(record);
            await db.SaveChangesAsync(ct);
            var value = await work(db, organizationId, ct);
            record.Result = JsonSerializer.Serialize(value);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return value;
        };

    private async Task<OperationResult<T>> FirstResultAsync<T>(ITenantContext tenant, SubmissionToken token, string kind, CancellationToken ct)
    {
        await using var db = contexts.Create(tenant);
        var first = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.Token == token.Value, ct);
        if (first is not { Result: { } json } || first.Kind != kind)
        {
            return OperationResult<T>.From(OperationResult.Fail("This form was already submitted; open it again to submit anew."));
        }

        try
        {
            return OperationResult<T>.Done(JsonSerializer.Deserialize<T>(json)!);
        }
        catch (NotSupportedException)
        {
            // A result that cannot be rebuilt from its JSON (an entity such as a stock movement): the first submit
            // did the work, so the second answers "done" without the value.
            return OperationResult<T>.Done(default!);
        }
    }

    private async Task<OperationResult<T>> RunAsync<T>(
        ITenantContext tenant, Permissions required, string what, Func<PortalDbContext, int, CancellationToken, Task<T>> work,
        (SubmissionToken Token, string Kind)? submission, CancellationToken ct)
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
            catch (DbUpdateException ex) when (submission is { } once && IsUniqueViolation(ex) && ex.Entries.Any(e => e.Entity is SubmissionRecord))
            {
                return await FirstResultAsync<T>(tenant, once.Token, once.Kind, ct);
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

/// <summary>A form's one-time key, issued when the form is shown and sent with its submit (see <see cref="UnitOfWork"/>).</summary>
public readonly record struct SubmissionToken(Guid Value)
{
    public static SubmissionToken New() => new(Guid.NewGuid());
}

/// <summary>
/// The transaction of a command, or none of its own when the command already runs inside one (a submission-token
/// transaction): committing then belongs to the outer one.
/// </summary>
public sealed class CommandTransaction(IDbContextTransaction? owned) : IAsyncDisposable
{
    public static async Task<CommandTransaction> BeginAsync(PortalDbContext db, CancellationToken ct) =>
        new(db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null);

    public Task CommitAsync(CancellationToken ct) => owned?.CommitAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
