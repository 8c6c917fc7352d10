using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Domain.Sales;
using Portal.Features.Common;
using Portal.Domain.Integrations.Orders;
using Portal.Features.Integrations;
using Portal.Features.Orders;
using Portal.Features.Sales;
using Portal.Hosting;
using Portal.WooCommerce;
using Quartz;

namespace Portal.Features.Refunds;

/// <summary>
/// Refunds made in WooCommerce become credit notes (with restock and the money paid out) on the order's sale, each
/// WooCommerce refund id once. Order capture calls <see cref="SeenAsync"/> for every order it reads (deliveries,
/// polling, Load Orders): new refund ids are read from the store (<c>orders/{id}/refunds</c>) and recorded under a
/// unique (store, refund id) key before anything is applied. A refund whose sale does not exist yet, whose invoice is
/// Draft, or whose restock waits for the pick is applied later by <see cref="SweepAsync"/>; the Log entry says which.
/// The credit note itself goes through the sale operations with a submission token derived from the refund, so a
/// crash between the credit note and the refund row cannot make a second note.
/// </summary>
public sealed class ApplyStoreRefunds(
    IPortalDbContextFactory dbFactory, StoreClients clients, SaleOperations sales, TimeProvider clock, ILogger<ApplyStoreRefunds> logger)
{
    /// <summary>The hook of order capture: records the order's refunds not seen before and applies what can be.</summary>
    public async Task SeenAsync(ConnectedStore store, WooOrder order, CancellationToken ct)
    {
        if (order.Refunds is not { Count: > 0 } summaries)
        {
            return;
        }

        List<long> known;
        await using (var db = dbFactory.CreateForOrganization(store.OrganizationId))
        {
            known = await db.StoreRefunds.Where(r => r.StoreId == store.Id && r.WooOrderId == order.Id).Select(r => r.WooRefundId).ToListAsync(ct);
        }

        if (summaries.Any(s => !known.Contains(s.Id)))
        {
            var refunds = await clients.For(store).ListRefundsAsync(order.Id, ct);
            var orderJson = JsonSerializer.Serialize(order, WooJson.Options);
            foreach (var refund in refunds.Where(r => r.Id > 0 && !known.Contains(r.Id)).OrderBy(r => r.Id))
            {
                await RecordAsync(store, order.Id, refund, orderJson, ct);
            }
        }

        await ApplyWaitingAsync(store, order.Id, ct);
    }

    /// <summary>Applies every refund still waiting (for its sale, its invoice or the pick), store by store.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        List<(int OrganizationId, int StoreId, long WooOrderId)> waiting;
        await using (var db = dbFactory.Create(FixedTenant.None))
        {
            // Across organizations on purpose; each store's refunds are then applied in its organization's context.
            waiting = (await db.StoreRefunds.IgnoreQueryFilters().AsNoTracking().Where(r => r.Status != StoreRefundStatus.Applied)
                .Select(r => new { r.OrganizationId, r.StoreId, r.WooOrderId }).Distinct().Take(500).ToListAsync(ct))
                .Select(r => (r.OrganizationId, r.StoreId, r.WooOrderId)).ToList();
        }

        var applied = 0;
        foreach (var group in waiting.GroupBy(w => (w.OrganizationId, w.StoreId)))
        {
            ConnectedStore? store;
            await using (var db = dbFactory.CreateForOrganization(group.Key.OrganizationId))
            {
                store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == group.Key.StoreId, ct);
            }

            if (store is null)
            {
                continue;
            }

            foreach (var (_, _, wooOrderId) in group)
            {
                applied += await ApplyWaitingAsync(store, wooOrderId, ct);
            }
        }

        return applied;
    }

    private async Task RecordAsync(ConnectedStore store, long wooOrderId, WooRefund refund, string orderJson, CancellationToken ct)
    {
        await using var db = dbFactory.CreateForOrganization(store.OrganizationId);
        db.StoreRefunds.Add(StoreRefund.Seen(store.OrganizationId, store.Id, wooOrderId, refund.Id, refund.Amount ?? 0m,
            JsonSerializer.Serialize(refund, WooJson.Options), orderJson, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another process recorded it first: the unique key did its job. Anything else is an error.
            await using var check = dbFactory.CreateForOrganization(store.OrganizationId);
            if (!await check.StoreRefunds.AnyAsync(r => r.StoreId == store.Id && r.WooRefundId == refund.Id, ct))
            {
                throw;
            }
        }
    }

    /// <returns>How many refunds were applied now.</returns>
    private async Task<int> ApplyWaitingAsync(ConnectedStore store, long wooOrderId, CancellationToken ct)
    {
        var applied = 0;
        await using var db = dbFactory.CreateForOrganization(store.OrganizationId);
        var rows = await db.StoreRefunds.Where(r => r.StoreId == store.Id && r.WooOrderId == wooOrderId && r.Status != StoreRefundStatus.Applied)
            .OrderBy(r => r.WooRefundId).ToListAsync(ct);
        foreach (var row in rows)
        {
            try
            {
                if (await ApplyAsync(db, store, row, ct))
                {
                    applied++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Refund {RefundId} of store {StoreId} not applied; it is tried again later", row.WooRefundId, store.Id);
                await NoteAsync(db, store, row, row.Status, row.SaleId, $"Not applied yet: {e.Message}", ct);
            }
        }

        return applied;
    }

    private async Task<bool> ApplyAsync(PortalDbContext db, ConnectedStore store, StoreRefund row, CancellationToken ct)
    {
        var settings = StoreSettings.FromJson(store.SettingsJson);
        var saleId = await FindSaleAsync(db, store, row.WooOrderId, ct) ?? await RefundsOnlySaleAsync(db, store, settings, row, ct);
        if (saleId is null)
        {
            await NoteAsync(db, store, row, StoreRefundStatus.WaitingForSale, null,
                "Waits for the order's sale: the credit note is made when the sale exists.", ct);
            return false;
        }

        var sale = await db.Sales.AsNoTracking().AsSplitQuery().Include(s => s.Lines).Include(s => s.Charges).Include(s => s.CreditNotes)
            .SingleAsync(s => s.Id == saleId, ct);
        if (sale.IsVoided)
        {
            row.Applied(sale.Id, Now, "The sale is voided: nothing was credited.");
            await db.SaveChangesAsync(ct);
            return false;
        }

        if (sale.InvoiceStatus != StageStatus.Authorised && !sale.RefundsOnly)
        {
            await NoteAsync(db, store, row, StoreRefundStatus.WaitingForInvoice, sale.Id,
                "Waits: the invoice is Draft; the credit note is applied when the invoice is authorised.", ct);
            return false;
        }

        var refund = JsonSerializer.Deserialize<WooRefund>(row.RefundJson, WooJson.Options)!;
        var order = JsonSerializer.Deserialize<WooOrder>(row.OrderJson, WooJson.Options)!;
        var tenant = FixedTenant.For(store.OrganizationId);
        var restockKey = Token(store.Id, row.WooRefundId, "restock");
        if (row.Status == StoreRefundStatus.PendingFulfilment)
        {
            // Credited already; only the restock waited for the pick.
            if (sale.PickStatus != StageStatus.Authorised)
            {
                return false;
            }

            var pending = Returnable(sale, RefundPlan.Build(refund, order, sale, settings).Restock);
            if (pending.Count > 0)
            {
                Check(await sales.CreateCreditNoteAsync(tenant, sale.Id, CreditDate(refund), [], pending, ct: ct, submission: restockKey));
            }

            await AppliedAsync(db, store, row, sale.Id, $"Restocked {Describe(pending)} now that the sale is fulfilled.", ct);
            return true;
        }

        var plan = RefundPlan.Build(refund, order, sale, settings);
        var fulfilled = sale.PickStatus == StageStatus.Authorised;
        var restock = Returnable(sale, plan.Restock);
        var waitsForPick = !fulfilled && plan.Restock.Count > 0 && !settings.IgnoreRestockForNonFulfilled;
        // Without lines nothing was sold here, so nothing comes back; the restock waits for the order's own lines
        // (Load Orders fills the sale) and for their pick, as any unfulfilled sale's.
        // A full refund leaves the order "refunded", which capture never takes: nothing will come to restock.
        var waitsForOrder = sale.RefundsOnly && !plan.Full && (refund.LineItems ?? []).Any(i => (i.Quantity ?? 0) != 0);
        var refundPayment = settings.PaymentMappings.FirstOrDefault(m => m.GatewayId == order.PaymentMethod)?.AccountId is { } accountId &&
                            plan.Amount > 0
            ? new CreditRefundInput(accountId, plan.Amount, refund.DateCreatedGmt ?? Now, $"WooCommerce refund {refund.Id.ToString(CultureInfo.InvariantCulture)}")
            : null;
        if (plan.Lines.Count > 0 || restock.Count > 0)
        {
            var lines = plan.Lines;
            var total = lines.Sum(l => l.Amount + (l.GivenTax ?? 0m));
            if (refundPayment is not null && refundPayment.Amount > total)
            {
                refundPayment = total > 0 ? refundPayment with { Amount = total } : null;
            }

            Check(await sales.CreateCreditNoteAsync(tenant, sale.Id, CreditDate(refund), lines, restock, ct: ct,
                submission: Token(store.Id, row.WooRefundId, "credit"), refund: refundPayment));
        }

        if (waitsForOrder)
        {
            await NoteAsync(db, store, row, StoreRefundStatus.PendingFulfilment, sale.Id,
                "Credited on a sale without lines: the order predates the store's connection, so nothing is restocked; Load Orders of the order fills the sale and the restock follows its pick.", ct);
            return true;
        }

        if (waitsForPick)
        {
            await NoteAsync(db, store, row, StoreRefundStatus.PendingFulfilment, sale.Id,
                $"Pending fulfilment: credited, but the sale is not picked, so the restock of {Describe(plan.Restock.Select(r => new RestockInput(r.Key, r.Value)).ToList())} waits until it is.", ct);
            return true;
        }

        var note = sale.RefundsOnly
            ? "Credit note applied on a sale without lines: the order predates the store's connection, so nothing was restocked."
            : !fulfilled && plan.Restock.Count > 0
            ? "Credited; restock cut to what was fulfilled (Ignore restock for non-fulfilled sales): nothing was picked."
            : $"Credit note applied{(restock.Count > 0 ? $", restocked {Describe(restock)}" : "")}.";
        await AppliedAsync(db, store, row, sale.Id, note, ct);
        return true;
    }

    /// <summary>
    /// An order placed before the store was connected is never captured automatically, so its refund has no sale to
    /// wait for: a sale without order or invoice lines is made to carry the credit note and the money paid out
    /// (<see cref="Sale.RefundsOnly"/>). Only for such an order, and only while the order is not in the Log (a loaded
    /// or captured order gets its own sale). Another process making it first is found by the unique order key.
    /// </summary>
    private async Task<int?> RefundsOnlySaleAsync(PortalDbContext db, ConnectedStore store, StoreSettings settings, StoreRefund row, CancellationToken ct)
    {
        var order = JsonSerializer.Deserialize<WooOrder>(row.OrderJson, WooJson.Options)!;
        var connected = store.ConnectedAtUtc.AddTicks(-(store.ConnectedAtUtc.Ticks % TimeSpan.TicksPerSecond));
        if (order.DateCreatedGmt is not { } created || created >= connected
            || await db.OrderLog.AnyAsync(e => e.StoreId == store.Id && e.WooOrderId == row.WooOrderId, ct))
        {
            return null;
        }

        var mapping = await StoreOrderSales.MappingSettingsAsync(db, store, settings, null, ct);
        var plan = SaleMapping.Map(StoreOrderTranslation.ToStoreOrder(order), mapping, Now);
        var origin = SaleOrigin.FromStore(store.Id, CaptureOrders.OrderNumber(order), order.Id, store.NormalizedUrl);
        var header = await StoreOrderSales.HeaderAsync(db, store.OrganizationId, plan, origin, ct);
        var sale = Sale.ForRefundsOfEarlierOrder(store.OrganizationId, header, origin, Now);
        db.Sales.Add(sale);
        try
        {
            await db.SaveChangesAsync(ct);
            return sale.Id;
        }
        catch (DbUpdateException e) when (UnitOfWork.IsUniqueViolation(e))
        {
            db.Entry(sale).State = EntityState.Detached;
            return await FindSaleAsync(db, store, row.WooOrderId, ct);
        }
    }

    /// <summary>The order's sale: its own (store address + WooCommerce id), else the one its Log entry links to (a
    /// consolidated day's sale).</summary>
    private static async Task<int?> FindSaleAsync(PortalDbContext db, ConnectedStore store, long wooOrderId, CancellationToken ct) =>
        await db.Sales.Where(s => s.StoreAddress == store.NormalizedUrl && s.WooOrderId == wooOrderId).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct)
        ?? await db.OrderLog.Where(e => e.StoreId == store.Id && e.WooOrderId == wooOrderId).Select(e => e.SaleId).FirstOrDefaultAsync(ct);

    /// <summary>The quantities asked for, cut to what was picked and not restocked yet.</summary>
    private static List<RestockInput> Returnable(Sale sale, IReadOnlyDictionary<int, decimal> wanted) =>
        wanted.Select(w => new RestockInput(w.Key, Math.Min(w.Value, sale.PickedQuantity(w.Key) - sale.RestockedQuantity(w.Key))))
            .Where(r => r.Quantity > 0).ToList();

    private static string Describe(IReadOnlyList<RestockInput> restock) =>
        restock.Count == 0 ? "nothing" : string.Join(", ", restock.Select(r => $"{r.Quantity.ToString("0.####", CultureInfo.InvariantCulture)} × product {r.ProductId}"));

    private DateTime CreditDate(WooRefund refund) => refund.DateCreatedGmt ?? Now;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static void Check(OperationResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Error);
        }
    }

    private async Task AppliedAsync(PortalDbContext db, ConnectedStore store, StoreRefund row, int saleId, string note, CancellationToken ct)
    {
        row.Applied(saleId, Now, note);
        await LogAsync(db, store, row, ct);
        await db.SaveChangesAsync(ct);
    }

    private static async Task NoteAsync(PortalDbContext db, ConnectedStore store, StoreRefund row, StoreRefundStatus status, int? saleId, string note,
        CancellationToken ct)
    {
        if (row.Wait(status, saleId, note))
        {
            await LogAsync(db, store, row, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The Log entry of the order lists what became of each refund, one line per change.</summary>
    private static async Task LogAsync(PortalDbContext db, ConnectedStore store, StoreRefund row, CancellationToken ct)
    {
        var entry = await db.OrderLog.SingleOrDefaultAsync(e => e.StoreId == store.Id && e.WooOrderId == row.WooOrderId, ct);
        entry?.ListChanges([$"Refund {row.WooRefundId.ToString(CultureInfo.InvariantCulture)} ({row.Amount.ToString("0.00", CultureInfo.InvariantCulture)}): {row.Note}"]);
    }

    /// <summary>The same refund part always gets the same token, so its credit note is made at most once.</summary>
    private static SubmissionToken Token(int storeId, long refundId, string part) =>
        new(new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"woo-refund:{storeId}:{refundId}:{part}")).AsSpan(0, 16)));
}

/// <summary>Applies refunds that waited (for a sale, an authorised invoice, the pick) every few seconds.</summary>
[DisallowConcurrentExecution]
public sealed class ApplyStoreRefundsJob(ApplyStoreRefunds refunds) : IJob
{
    public static readonly JobKey Key = new("apply-store-refunds", "orders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await refunds.SweepAsync(cancellationToken);

    public static void Register(IQuartzBuilder quartz, DateTimeOffset startedAt)
    {
        quartz.AddRepeatingJob<ApplyStoreRefundsJob>(Key, TimeSpan.FromSeconds(15), startedAt + TimeSpan.FromSeconds(7));
    }
}
