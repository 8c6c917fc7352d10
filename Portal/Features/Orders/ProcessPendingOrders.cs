using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain;
using Portal.Domain.Integrations;
using Portal.Domain.Integrations.Orders;
using Portal.Domain.Orders;
using Portal.Domain.Organizations;
using Portal.Domain.Sales;
using Portal.Features.Common;
using Portal.Features.Integrations;

namespace Portal.Features.Orders;

public enum ProcessOutcome { Made, AlreadyMade, NotProcessed }

public sealed record ProcessResult(string OrderNumber, ProcessOutcome Outcome, int? SaleId, string? Message);

/// <summary>
/// No consolidation: a pending order becomes its sale (<see cref="SaleMapping"/> → <see cref="StoreOrderSales"/>), at
/// once for a store that processes automatically, or when a user presses Process. Exactly once: the sale, the pending
/// order's removal (its allocation handed to the sale) and the Log entry's link are one transaction; the pending order's
/// version and the sales' unique (store address, WooCommerce order id) refuse a second sale to a repeat or a race.
/// </summary>
public sealed class ProcessPendingOrders(IPortalDbContextFactory dbFactory, UnitOfWork unitOfWork, TimeProvider clock,
    ILogger<ProcessPendingOrders> logger)
{
    public const string What = "the store's pending orders";

    /// <summary>Pending orders made into sales per transaction: each still its own sale, but the store's settings, the
    /// lookups (customers, products, tax rules, accounts) and the stock ledger are read once for the batch.</summary>
    public const int BatchSize = 50;

    /// <summary>The automatic path: every ready pending order of the stores that process without consolidation.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        List<(int OrganizationId, int StoreId)> stores;
        await using (var db = dbFactory.Create(FixedTenant.None))
        {
            stores = (await db.PendingOrders.IgnoreQueryFilters()
                    .Where(p => p.Status == PendingOrderStatus.Ready && p.Problem == null)
                    .Select(p => new { p.OrganizationId, p.StoreId }).Distinct().ToListAsync(ct))
                .Select(s => (s.OrganizationId, s.StoreId)).ToList();
        }

        var made = 0;
        foreach (var (organizationId, storeId) in stores)
        {
            List<int> ids;
            await using (var db = dbFactory.CreateForOrganization(organizationId))
            {
                var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, ct);
                if (store is not { Status: StoreStatus.Connected } || !ProcessesAutomatically(StoreSettings.FromJson(store.SettingsJson)))
                {
                    continue;
                }

                ids = await db.PendingOrders.Where(p => p.StoreId == storeId && p.Status == PendingOrderStatus.Ready && p.Problem == null)
                    .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
            }

            foreach (var batch in ids.Chunk(BatchSize))
            {
                made += (await ProcessBatchAsync(organizationId, storeId, batch, ct)).Count(r => r.Outcome == ProcessOutcome.Made);
            }
        }

        return made;
    }

    public static bool ProcessesAutomatically(StoreSettings settings) =>
        settings.Consolidation == Consolidation.None && settings.ProcessOrdersAutomatically;

    /// <summary>Process on the Pending tab: the chosen pending orders (one or several) become sales now.</summary>
    public async Task<OperationResult<IReadOnlyList<ProcessResult>>> ProcessAsync(
        ITenantContext tenant, int storeId, IReadOnlyCollection<int> pendingOrderIds, CancellationToken ct = default)
    {
        var check = await unitOfWork.RunAsync(tenant, Permissions.IntegrationWooCommerce, What, async (db, _, token) =>
        {
            var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, token)
                        ?? throw new DomainException("This store does not exist in your organization.");
            if (StoreSettings.FromJson(store.SettingsJson).Consolidation == Consolidation.Daily)
            {
                throw new DomainException($"{store.Name} consolidates its orders daily: they become one sale at its consolidation time.");
            }

            return true;
        }, ct);
        if (!check.Succeeded)
        {
            return OperationResult<IReadOnlyList<ProcessResult>>.From(check);
        }

        var results = new List<ProcessResult>();
        foreach (var batch in pendingOrderIds.Distinct().Chunk(BatchSize))
        {
            results.AddRange(await ProcessBatchAsync(tenant.OrganizationId!.Value, storeId, batch, ct));
        }

        return OperationResult<IReadOnlyList<ProcessResult>>.Done(results);
    }

    /// <summary>One pending order into its sale, in one transaction. A pending order already made into a sale (gone, or
    /// its sale saved by another process first) is reported, never made twice; a refusal is kept on the pending order.</summary>
    public async Task<ProcessResult> ProcessOneAsync(int organizationId, int storeId, int pendingOrderId, CancellationToken ct) =>
        (await ProcessBatchAsync(organizationId, storeId, [pendingOrderId], ct))[0];

    /// <summary>
    /// Several pending orders into their sales (one each) in one transaction; the results in the order of the ids. When
    /// anything of the batch is refused or raced (one order's missing product, another process's sale), the whole
    /// transaction is rolled back and each order is made on its own, so the refusal stays with its order alone.
    /// </summary>
    private async Task<IReadOnlyList<ProcessResult>> ProcessBatchAsync(
        int organizationId, int storeId, IReadOnlyList<int> pendingOrderIds, CancellationToken ct)
    {
        if (pendingOrderIds.Count > 1)
        {
            try
            {
                return await MakeSalesAsync(organizationId, storeId, pendingOrderIds, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Nothing of the batch was kept: one order at a time below says which order is refused, and why.
                logger.LogDebug(e, "A batch of {Count} pending orders of store {StoreId} is made one order at a time", pendingOrderIds.Count, storeId);
            }
        }

        var results = new List<ProcessResult>(pendingOrderIds.Count);
        foreach (var id in pendingOrderIds)
        {
            results.Add(await ProcessAloneAsync(organizationId, storeId, id, ct));
        }

        return results;
    }

    private async Task<ProcessResult> ProcessAloneAsync(int organizationId, int storeId, int pendingOrderId, CancellationToken ct)
    {
        string number;
        await using (var db = dbFactory.CreateForOrganization(organizationId))
        {
            number = await db.PendingOrders.Where(p => p.Id == pendingOrderId).Select(p => p.OrderNumber).FirstOrDefaultAsync(ct)
                     ?? $"#{pendingOrderId}";
        }

        try
        {
            return (await MakeSalesAsync(organizationId, storeId, [pendingOrderId], ct))[0];
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || UnitOfWork.IsUniqueViolation(e))
        {
            // Another process made the sale first (or the order was dropped meanwhile): nothing of ours was kept.
            return new ProcessResult(number, ProcessOutcome.AlreadyMade, null, "Already made into a sale.");
        }
        catch (DomainException e)
        {
            await NoteProblemAsync(organizationId, pendingOrderId, e.Message, ct);
            return new ProcessResult(number, ProcessOutcome.NotProcessed, null, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Pending order {PendingOrderId} of store {StoreId} could not become a sale", pendingOrderId, storeId);
            await NoteProblemAsync(organizationId, pendingOrderId, $"The order could not become a sale ({e.GetType().Name}); press Process to try again.", ct);
            return new ProcessResult(number, ProcessOutcome.NotProcessed, null, e.Message);
        }
    }

    /// <summary>
    /// The ready pending orders among the ids become their sales in one transaction: their allocations released and the
    /// pending orders removed (each's version checked), the sales saved and placed (allocating the same quantities), the
    /// Log entries linked. Ids no longer pending, or not ready, are reported and left as they are.
    /// </summary>
    private async Task<IReadOnlyList<ProcessResult>> MakeSalesAsync(
        int organizationId, int storeId, IReadOnlyList<int> pendingOrderIds, CancellationToken ct)
    {
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var found = await db.PendingOrders.AsSplitQuery().Where(p => pendingOrderIds.Contains(p.Id) && p.StoreId == storeId)
            .ToDictionaryAsync(p => p.Id, ct);
        var ready = pendingOrderIds.Select(found.GetValueOrDefault).OfType<PendingOrder>()
            .Where(p => p.Status == PendingOrderStatus.Ready).ToList();
        var made = new Dictionary<int, int>();
        if (ready.Count > 0)
        {
            var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == storeId, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var settings = StoreSettings.FromJson(store.SettingsJson);
            var mappings = new Dictionary<int, OrderMappingSettings>();
            var wooIds = ready.Select(p => p.WooOrderId).ToList();
            // Orders older than the connection whose refunds arrived first: their sales exist without lines and are filled.
            var refundsOnly = await db.Sales.AsSplitQuery().Include(s => s.Lines).Include(s => s.Charges).Include(s => s.Payments)
                .Include(s => s.CreditNotes).Include(s => s.HeldPayments)
                .Where(s => s.RefundsOnly && s.StoreAddress == store.NormalizedUrl && s.WooOrderId != null && wooIds.Contains(s.WooOrderId.Value))
                .ToDictionaryAsync(s => s.WooOrderId!.Value, ct);
            var inputs = new List<StoreSaleInput>(ready.Count);
            foreach (var pending in ready)
            {
                var order = StoreOrderSales.ReadOrder(pending);
                var location = pending.LocationId ?? 0;
                if (!mappings.TryGetValue(location, out var mapping))
                {
                    mapping = mappings[location] = await StoreOrderSales.MappingSettingsAsync(db, store, settings, pending.LocationId, ct);
                }

                var plan = SaleMapping.Map(StoreOrderTranslation.ToStoreOrder(order), mapping, pending.CapturedAtUtc);
                inputs.Add(new StoreSaleInput(plan, SaleOrigin.FromStore(store.Id, pending.OrderNumber, pending.WooOrderId, store.NormalizedUrl),
                    StoreOrderSales.ProductsOf([(order, pending)]), refundsOnly.GetValueOrDefault(pending.WooOrderId)));
            }

            var entries = await db.OrderLog.Where(e => e.StoreId == store.Id && wooIds.Contains(e.WooOrderId)).ToDictionaryAsync(e => e.WooOrderId, ct);

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The pending orders' allocations are released and the sales allocate the same quantities when placed.
            await OrderLogCommands.ReleaseAsync(db, store.OrganizationId, ready, now, ct);
            db.PendingOrders.RemoveRange(ready);
            await db.SaveChangesAsync(ct);
            var sales = await StoreOrderSales.CreateManyAsync(db, store, inputs, now, ct);
            foreach (var (pending, sale) in ready.Zip(sales))
            {
                var entry = entries.GetValueOrDefault(pending.WooOrderId)
                    ?? throw new InvalidOperationException($"The Log entry of order {pending.OrderNumber} is missing.");
                entry.MadeIntoSale(sale.Id, sale.FulfilmentNote);
                made[pending.Id] = sale.Id;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        return pendingOrderIds.Select(id => found.GetValueOrDefault(id) switch
        {
            null => new ProcessResult($"#{id}", ProcessOutcome.AlreadyMade, null, "This pending order is no longer pending: see the Log."),
            { } p when made.TryGetValue(id, out var saleId) => new ProcessResult(p.OrderNumber, ProcessOutcome.Made, saleId, null),
            { } p => new ProcessResult(p.OrderNumber, ProcessOutcome.NotProcessed, null, p.Problem),
        }).ToList();
    }

    private async Task NoteProblemAsync(int organizationId, int pendingOrderId, string why, CancellationToken ct)
    {
        await using var db = dbFactory.CreateForOrganization(organizationId);
        if (await db.PendingOrders.SingleOrDefaultAsync(p => p.Id == pendingOrderId, ct) is { } pending)
        {
            pending.NotProcessed(why);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed or made into a sale meanwhile: that outcome stands.
            }
        }
    }
}
