using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Domain.Stock;

namespace Portal.Features.StockSync;

/// <summary>
/// Asks for a stock push when a unit of work that added stock-change markers has committed: right after SaveChanges,
/// or, inside an explicit transaction, after its commit (before it the push could not see the markers yet). Every
/// feature that moves stock is covered without calling anything; a rolled-back transaction asks for nothing.
/// </summary>
public sealed class StockChangeCommitInterceptor(IServiceProvider services) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<int>> _pending = new();

    // Resolved when first needed: the trigger reads stores through the context factory, whose options hold this
    // interceptor, so taking it in the constructor would be a cycle.
    private IStockPushTrigger? _trigger;

    private IStockPushTrigger Trigger => _trigger ??= services.GetRequiredService<IStockPushTrigger>();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        FireUnlessInTransaction(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        FireUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Fire(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Fire(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<StockChange>())
        {
            if (entry.State == EntityState.Added)
            {
                _pending.GetOrCreateValue(context).Add(entry.Entity.OrganizationId);
            }
        }
    }

    private void FireUnlessInTransaction(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Fire(context);
        }
    }

    private void Fire(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var organizations))
        {
            return;
        }

        _pending.Remove(context);
        foreach (var organizationId in organizations)
        {
            Trigger.Request(organizationId);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
