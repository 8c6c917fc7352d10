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

            foreach (var id in ids)
            {
                if ((await ProcessOneAsync(organizationId, storeId, id, ct)).Outcome == ProcessOutcome.Made)
                {
                    made++;
                }
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
        foreach (var id in pendingOrderIds.Distinct())
        {
            results.Add(await ProcessOneAsync(tenant.OrganizationId!.Value, storeId, id, ct));
        }

        return OperationResult<IReadOnlyList<ProcessResult>>.Done(results);
    }

    /// <summary>One pending order into its sale, in one transaction. A pending order already made into a sale (gone, or
    /// its sale saved by another process first) is reported, never made twice; a refusal is kept on the pending order.</summary>
    public async Task<ProcessResult> ProcessOneAsync(int organizationId, int storeId, int pendingOrderId, CancellationToken ct)
    {
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var pending = await db.PendingOrders.SingleOrDefaultAsync(p => p.Id == pendingOrderId && p.StoreId == storeId, ct);
        if (pending is null)
        {
            return new ProcessResult($"#{pendingOrderId}", ProcessOutcome.AlreadyMade, null, "This pending order is no longer pending: see the Log.");
        }

        if (pending.Status != PendingOrderStatus.Ready)
        {
            return new ProcessResult(pending.OrderNumber, ProcessOutcome.NotProcessed, null, pending.Problem);
        }

        var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == storeId, ct);
        try
        {
            var saleId = await MakeSaleAsync(db, store, pending, ct);
            return new ProcessResult(pending.OrderNumber, ProcessOutcome.Made, saleId, null);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || UnitOfWork.IsUniqueViolation(e))
        {
            // Another process made the sale first (or the order was dropped meanwhile): nothing of ours was kept.
            return new ProcessResult(pending.OrderNumber, ProcessOutcome.AlreadyMade, null, "Already made into a sale.");
        }
        catch (DomainException e)
        {
            await NoteProblemAsync(organizationId, pendingOrderId, e.Message, ct);
            return new ProcessResult(pending.OrderNumber, ProcessOutcome.NotProcessed, null, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Pending order {PendingOrderId} of store {StoreId} could not become a sale", pendingOrderId, storeId);
            await NoteProblemAsync(organizationId, pendingOrderId, $"The order could not become a sale ({e.GetType().Name}); press Process to try again.", ct);
            return new ProcessResult(pending.OrderNumber, ProcessOutcome.NotProcessed, null, e.Message);
        }
    }

    private async Task<int> MakeSaleAsync(PortalDbContext db, ConnectedStore store, PendingOrder pending, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = StoreSettings.FromJson(store.SettingsJson);
        var order = StoreOrderSales.ReadOrder(pending);
        var mapping = await StoreOrderSales.MappingSettingsAsync(db, store, settings, pending.LocationId, ct);
        var plan = SaleMapping.Map(StoreOrderTranslation.ToStoreOrder(order), mapping, pending.CapturedAtUtc);
        var products = StoreOrderSales.ProductsOf([(order, pending)]);
        var entry = await db.OrderLog.SingleAsync(e => e.StoreId == store.Id && e.WooOrderId == pending.WooOrderId, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The pending order's allocation is released and the sale allocates the same quantities when it is placed.
        await OrderLogCommands.ReleaseAsync(db, store.OrganizationId, [pending], now, ct);
        db.PendingOrders.Remove(pending);
        await db.SaveChangesAsync(ct);
        var origin = SaleOrigin.FromStore(store.Id, pending.OrderNumber, pending.WooOrderId, store.NormalizedUrl);
        // An order older than the connection whose refunds arrived first: its sale exists without lines and is filled.
        var refundsOnly = await db.Sales.AsSplitQuery().Include(s => s.Lines).Include(s => s.Charges).Include(s => s.Payments)
            .Include(s => s.CreditNotes).Include(s => s.HeldPayments)
            .SingleOrDefaultAsync(s => s.StoreAddress == store.NormalizedUrl && s.WooOrderId == pending.WooOrderId && s.RefundsOnly, ct);
        var sale = await StoreOrderSales.CreateAsync(db, store, plan, origin, products, now, ct, refundsOnly);
        entry.MadeIntoSale(sale.Id, sale.FulfilmentNote);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return sale.Id;
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
