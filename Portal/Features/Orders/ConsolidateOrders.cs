using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain;
using Portal.Domain.Integrations;
using Portal.Domain.Integrations.Orders;
using Portal.Domain.Orders;
using Portal.Domain.Sales;
using Portal.Domain.Stock;
using Portal.Features.Common;
using Portal.Features.Integrations;
using Portal.Features.Sales;
using Portal.Features.Stock;
using Portal.WooCommerce;

namespace Portal.Features.Orders;

public sealed record ConsolidationResult(DateOnly LocalDate, int Orders, int? SaleId);

/// <summary>
/// Daily consolidation: at a store's Consolidation Time on its own clock (<see cref="ConsolidationSchedule"/>), the pending
/// orders captured up to that time become one sale (<see cref="DailyConsolidation"/>) for the store's default customer.
/// The run is recorded (unique per store and local date) in the transaction that makes the sale, removes the pending
/// orders and links their Log entries: a repeated, concurrent or crashed run makes the day's sale once.
/// </summary>
public sealed class ConsolidateOrders(IPortalDbContextFactory dbFactory, TimeProvider clock, ILogger<ConsolidateOrders> logger)
{
    /// <summary>Runs the consolidation of every daily store that is due. Returns the runs made.</summary>
    public async Task<IReadOnlyList<ConsolidationResult>> RunAsync(CancellationToken ct)
    {
        List<(int OrganizationId, int StoreId)> stores;
        await using (var db = dbFactory.Create(FixedTenant.None))
        {
            stores = (await db.Stores.IgnoreQueryFilters().Where(s => s.Status == StoreStatus.Connected)
                    .Select(s => new { s.OrganizationId, s.Id, s.SettingsJson }).ToListAsync(ct))
                .Where(s => StoreSettings.FromJson(s.SettingsJson).Consolidation == Consolidation.Daily)
                .Select(s => (s.OrganizationId, s.Id)).ToList();
        }

        var results = new List<ConsolidationResult>();
        foreach (var (organizationId, storeId) in stores)
        {
            try
            {
                if (await RunStoreAsync(organizationId, storeId, ct) is { } result)
                {
                    results.Add(result);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The run was rolled back whole: it is tried again at the next wake-up.
                logger.LogError(e, "The daily consolidation of store {StoreId} failed", storeId);
            }
        }

        return results;
    }

    /// <summary>The store's due run, if any: null when nothing is due (or another process made it first).</summary>
    public async Task<ConsolidationResult?> RunStoreAsync(int organizationId, int storeId, CancellationToken ct)
    {
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, ct);
        var settings = StoreSettings.FromJson(store?.SettingsJson);
        if (store is not { Status: StoreStatus.Connected } || settings.Consolidation != Consolidation.Daily
            || settings.ConsolidationTime is not { } time)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var zone = StoreTimeZone.Parse(store.TimeZone);
        var last = await db.ConsolidationRuns.Where(r => r.StoreId == storeId)
            .OrderByDescending(r => r.DueAtUtc).Select(r => (DateTime?)r.DueAtUtc).FirstOrDefaultAsync(ct);
        if (ConsolidationSchedule.Due(last, now, time, zone) is not { } due)
        {
            return null;
        }

        // Orders captured up to the consolidation time are the day's; later ones wait for the next run.
        var pending = await db.PendingOrders.AsNoTracking().AsSplitQuery()
            .Where(p => p.StoreId == storeId && p.Status == PendingOrderStatus.Ready && p.CapturedAtUtc <= due.DueAtUtc)
            .OrderBy(p => p.Id).ToListAsync(ct);
        var orders = pending.Select(p => (Order: StoreOrderSales.ReadOrder(p), Pending: p)).ToList();
        SalePlan? plan = null;
        if (orders.Count > 0)
        {
            var mapping = await StoreOrderSales.MappingSettingsAsync(db, store, settings, pending[0].LocationId, ct);
            plan = DailyConsolidation.Build(orders.Select(o => StoreOrderTranslation.ToStoreOrder(o.Order)).ToList(), mapping, due.LocalDate, now);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var run = StoreConsolidationRun.Record(organizationId, storeId, due.LocalDate, due.DueAtUtc, now, null, pending.Count);
        db.ConsolidationRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UnitOfWork.IsUniqueViolation(e))
        {
            return null;
        }

        int? saleId = null;
        if (plan is not null)
        {
            await RemovePendingAsync(db, organizationId, pending, now, ct);
            var origin = SaleOrigin.FromStore(storeId, plan.Reference, null, store.NormalizedUrl);
            var sale = await StoreOrderSales.CreateAsync(db, store, plan, origin, StoreOrderSales.ProductsOf(orders), now, ct);
            saleId = sale.Id;
            run.MadeSale(sale.Id);
            // What OrderLogEntry.MadeIntoSale does, for the day's thousands of entries in one statement.
            var wooIds = pending.Select(p => p.WooOrderId).ToList();
            var note = $"In the daily sale {plan.Reference}.";
            await db.OrderLog.Where(e => e.StoreId == storeId && wooIds.Contains(e.WooOrderId)).ExecuteUpdateAsync(u => u
                .SetProperty(e => e.Status, OrderLogStatus.Sale).SetProperty(e => e.SaleId, (int?)sale.Id)
                .SetProperty(e => e.PendingOrderId, (int?)null).SetProperty(e => e.Note, note), ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ConsolidationResult(due.LocalDate, pending.Count, saleId);
    }

    /// <summary>
    /// The day's pending orders leave in a few statements instead of one per row: their allocations are released through
    /// the ledger (so the stores following stock hear of it) and deleted by id, then the orders (their lines, payments and
    /// coupons go with them). Inside the run's write transaction; an order changed or dropped since it was read fails the
    /// run, which is rolled back whole and made again at the next wake-up.
    /// </summary>
    private static async Task RemovePendingAsync(
        PortalDbContext db, int organizationId, IReadOnlyList<PendingOrder> pending, DateTime now, CancellationToken ct)
    {
        var ids = pending.Select(p => p.Id).ToList();
        var versions = await db.PendingOrders.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Version }).ToDictionaryAsync(p => p.Id, p => p.Version, ct);
        if (versions.Count != pending.Count || pending.Any(p => versions[p.Id] != p.Version))
        {
            throw new DbUpdateConcurrencyException("A pending order of the day changed while it was consolidated; the run is made again.");
        }

        var allocations = await db.StockAllocations.AsNoTracking()
            .Where(a => a.Source == AllocationSource.PendingOrder && ids.Contains(a.SourceId)).ToListAsync(ct);
        var ledger = new StockLedger(organizationId, now, [], allocations);
        foreach (var allocation in allocations)
        {
            ledger.SetAllocation(allocation.Source, allocation.SourceId, allocation.ProductId, allocation.LocationId, 0m);
        }

        db.StockChanges.AddRange(ledger.Effects.StockChanges);
        var released = ledger.Effects.ReleasedAllocations.Select(a => a.Id).ToList();
        await db.StockAllocations.Where(a => released.Contains(a.Id)).ExecuteDeleteAsync(ct);
        await db.PendingOrders.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// An order cancelled after its day was consolidated: its amounts (per tax rule, the store's taxes) come off the
    /// day's sale as a credit note, with its picked quantities restocked. A Draft invoice cannot be credited yet: the Log
    /// says so, and the sale is left for the user.
    /// </summary>
    public static async Task<string> CreditCancelledAsync(
        PortalDbContext db, ConnectedStore store, Sale sale, OrderLogEntry entry, string why, WooOrder? order, DateTime now,
        CancellationToken ct)
    {
        if (order is null)
        {
            return $"{why} It is part of the daily sale {sale.Reference}: credit its lines there (the store no longer has the order).";
        }

        if (sale.InvoiceStatus != StageStatus.Authorised)
        {
            return $"{why} It is part of the daily sale {sale.Reference}, whose invoice is Draft: authorise it, then credit the order's lines.";
        }

        var settings = StoreSettings.FromJson(store.SettingsJson);
        var mapping = await StoreOrderSales.MappingSettingsAsync(db, store, settings, sale.LocationId, ct);
        var plan = SaleMapping.Map(StoreOrderTranslation.ToStoreOrder(order), mapping, now);
        var amounts = plan.Lines.Select(l => (Rule: l.TaxRuleId, l.Amount, l.Tax))
            .Concat(plan.Charges.Select(c => (Rule: c.TaxRuleId, c.Amount, c.Tax)))
            .GroupBy(a => a.Rule)
            .Select(g => (Rule: g.Key, Amount: g.Sum(a => a.Amount), Tax: g.Sum(a => a.Tax)))
            .Where(a => a.Amount > 0)
            .ToList();
        var ruleIds = amounts.Select(a => a.Rule).ToList();
        var rules = await db.TaxRules.AsNoTracking().Where(r => ruleIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var lines = amounts.Select(a => new CreditNoteLineInput(
            $"Order {entry.OrderNumber} cancelled", a.Amount, rules.GetValueOrDefault(a.Rule), a.Tax)).ToList();
        var restock = sale.PickStatus != StageStatus.Authorised ? [] : plan.Lines
            .Select(l => (Line: sale.Lines.FirstOrDefault(s => s.IsStock && l.Sku is not null
                && string.Equals(s.Sku, l.Sku, StringComparison.OrdinalIgnoreCase)), l.Quantity))
            .Where(x => x.Line?.ProductId is not null)
            .GroupBy(x => x.Line!.ProductId!.Value)
            .Select(g => new RestockInput(g.Key, Math.Min(g.Sum(x => x.Quantity), sale.PickedQuantity(g.Key) - sale.RestockedQuantity(g.Key))))
            .Where(r => r.Quantity > 0)
            .ToList();
        var (ledger, _) = await SaleOperations.LedgerForAsync(db, sale, now, ct);
        sale.CreateCreditNote(now, lines, restock, ledger);
        LedgerLoading.Stage(db, ledger);
        return string.Create(CultureInfo.InvariantCulture,
            $"{why} It is part of the daily sale {sale.Reference}: its {lines.Sum(l => l.Amount):0.00} (before tax) was credited on that sale.");
    }
}
