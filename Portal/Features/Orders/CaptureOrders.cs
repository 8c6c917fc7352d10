using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Conventions;
using Portal.Domain.Customers;
using Portal.Domain.Integrations;
using Portal.Domain.Orders;
using Portal.Domain.Stock;
using Portal.Features.Common;
using Portal.Features.Integrations;
using Portal.Features.Stock;
using Portal.Features.StoreCatalog;
using Portal.WooCommerce;

namespace Portal.Features.Orders;

public enum CaptureOutcome { NotCaptured, Captured, Waiting, AlreadyLogged, Updated, Stale, Dropped, LinkedToSale }

/// <summary>
/// The one path every store order takes into the portal, whatever brought it (a delivery, polling, Load Orders).
/// A delivery is only a hint: the orders are read from the store first (<see cref="HandleIdsAsync"/>), and only what
/// the store says is acted on. Each order is applied in its own transaction, keyed by the capture log's unique
/// (store, WooCommerce order id), so running any of this twice, or at once in two processes, captures an order once.
/// </summary>
public sealed class CaptureOrders(
    IPortalDbContextFactory dbFactory, StoreClients clients, DownloadProducts downloads, TimeProvider clock, Refunds.ApplyStoreRefunds refunds)
{
    public const int IncludeLimit = 100;
    public const string CancelledReason = "Cancelled in the store: the pending order was dropped and its stock released.";
    public const string TrashedReason = "Moved to the trash in the store: the pending order was dropped and its stock released.";
    public const string DeletedReason = "Deleted in the store (not found twice): the pending order was dropped and its stock released.";

    /// <summary>Reads the orders from the store, 100 a request with <c>include</c>; an id missing from the answer is
    /// read alone (a trashed order is left out of lists), and an order the store twice says does not exist is gone.</summary>
    public async Task<IReadOnlyList<CaptureOutcome>> HandleIdsAsync(ConnectedStore store, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var client = clients.For(store);
        var outcomes = new List<CaptureOutcome>();
        foreach (var chunk in ids.Where(i => i > 0).Distinct().Chunk(IncludeLimit))
        {
            var page = await client.ListOrdersAsync(new WooOrderQuery { Include = chunk }, 1, IncludeLimit, ct);
            var orders = page.Items.Where(o => chunk.Contains(o.Id)).ToList();
            var gone = new List<long>();
            foreach (var missing in chunk.Except(orders.Select(o => o.Id)))
            {
                if (await ReadAloneAsync(client, missing, ct) is { } order)
                {
                    orders.Add(order);
                }
                else
                {
                    gone.Add(missing);
                }
            }

            outcomes.AddRange(await ApplyAsync(store, orders, live: true, ct));
            foreach (var id in gone)
            {
                outcomes.Add(await DropAsync(store, id, DeletedReason, ct));
            }
        }

        return outcomes;
    }

    /// <summary>Orders read from the store (by polling or Load Orders). <paramref name="live"/>: capture follows the
    /// setting from the connection on and updates logged orders; otherwise (Load Orders) orders already in the Log are
    /// skipped and the creation date is the caller's filter. New orders are captured together, 100 in one transaction
    /// (<see cref="CaptureNewAsync"/>); the others, and any batch another process got in the way of, one by one.</summary>
    public async Task<IReadOnlyList<CaptureOutcome>> ApplyAsync(ConnectedStore store, IEnumerable<WooOrder> orders, bool live, CancellationToken ct)
    {
        var settings = StoreSettings.FromJson(store.SettingsJson);
        var outcomes = new List<CaptureOutcome>();
        foreach (var chunk in orders.Chunk(IncludeLimit))
        {
            var captured = await CaptureNewAsync(store, settings, chunk, live, ct);
            foreach (var order in chunk)
            {
                outcomes.Add(captured.TryGetValue(order, out var outcome) ? outcome : await ApplyOneAsync(store, settings, order, live, ct));
                await refunds.SeenAsync(store, order, ct);
            }
        }

        return outcomes;
    }

    private static async Task<WooOrder?> ReadAloneAsync(WooClient client, long id, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.GetOrderAsync(id, ct);
            }
            catch (WooApiException e) when (e.Kind == WooErrorKind.NotFound && attempt < 2)
            {
                // Read again: one 404 may be a store's hiccup (a cache, a plugin); two are an answer.
            }
            catch (WooApiException e) when (e.Kind == WooErrorKind.NotFound)
            {
                return null;
            }
        }
    }

    private async Task<CaptureOutcome> ApplyOneAsync(ConnectedStore store, StoreSettings settings, WooOrder order, bool live, CancellationToken ct)
    {
        await using var db = dbFactory.CreateForOrganization(store.OrganizationId);
        var entry = await db.OrderLog.SingleOrDefaultAsync(e => e.StoreId == store.Id && e.WooOrderId == order.Id, ct);
        if (entry is not null)
        {
            return live ? await UpdateLoggedAsync(db, store, entry, order, ct) : CaptureOutcome.AlreadyLogged;
        }

        if (!Takes(store, settings, order, live))
        {
            return CaptureOutcome.NotCaptured;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // A sale carrying only the order's refunds (the order predates the connection) is filled by the capture instead.
        var saleId = await db.Sales.Where(s => s.StoreAddress == store.NormalizedUrl && s.WooOrderId == order.Id && !s.RefundsOnly)
            .Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
        if (saleId is { } existingSale)
        {
            db.OrderLog.Add(OrderLogEntry.ForExistingSale(store.OrganizationId, store.Id, order.Id, OrderNumber(order), order.Status ?? "",
                CustomerName(order), order.DateCreatedGmt, order.DateModifiedGmt, existingSale, now));
            return await SaveOnceAsync(db, store.Id, order.Id, CaptureOutcome.LinkedToSale, ct);
        }

        var lines = (await LinesAsync(store, [order], ct))[0];
        var locationId = settings.LocationId ?? await DefaultLocationAsync(db, ct);
        var (pending, logEntry) = Capture(store, settings, order, lines, locationId, now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.PendingOrders.Add(pending);
        db.OrderLog.Add(logEntry);
        if (await SaveOnceAsync(db, store.Id, order.Id, CaptureOutcome.Captured, ct) == CaptureOutcome.AlreadyLogged)
        {
            return CaptureOutcome.AlreadyLogged;
        }

        logEntry.LinkPendingOrder(pending);
        await AllocateAsync(db, [pending], now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return pending.Status == PendingOrderStatus.Ready ? CaptureOutcome.Captured : CaptureOutcome.Waiting;
    }

    /// <summary>
    /// Captures the orders of <paramref name="orders"/> that are new (not in the Log, no sale to link) and taken by the
    /// setting, all in one transaction: the products of all their lines looked up at once, one insert of every pending
    /// order and Log entry, their allocations. The Log is checked again inside the write transaction, so an order
    /// captured meanwhile is left out; should the unique key still refuse the batch (another node, on a server
    /// database), nothing of it is kept and the caller captures the orders one by one. Answers the orders it handled.
    /// </summary>
    private async Task<Dictionary<WooOrder, CaptureOutcome>> CaptureNewAsync(
        ConnectedStore store, StoreSettings settings, IReadOnlyList<WooOrder> orders, bool live, CancellationToken ct)
    {
        var handled = new Dictionary<WooOrder, CaptureOutcome>();
        var ids = orders.Select(o => o.Id).ToList();
        await using var db = dbFactory.CreateForOrganization(store.OrganizationId);
        var known = (await db.OrderLog.Where(e => e.StoreId == store.Id && ids.Contains(e.WooOrderId)).Select(e => e.WooOrderId).ToListAsync(ct))
            .Concat(await db.Sales.Where(s => s.StoreAddress == store.NormalizedUrl && s.WooOrderId != null && ids.Contains(s.WooOrderId.Value) && !s.RefundsOnly)
                .Select(s => s.WooOrderId!.Value).ToListAsync(ct))
            .ToHashSet();
        // Twice the same order in one read: the first is captured here, the second finds it logged.
        var fresh = orders.Where(o => !known.Contains(o.Id) && Takes(store, settings, o, live)).DistinctBy(o => o.Id).ToList();
        if (fresh.Count < 2)
        {
            return handled;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var lines = await LinesAsync(store, fresh, ct);
        var locationId = settings.LocationId ?? await DefaultLocationAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var freshIds = fresh.Select(o => o.Id).ToList();
        var loggedMeanwhile = (await db.OrderLog.Where(e => e.StoreId == store.Id && freshIds.Contains(e.WooOrderId)).Select(e => e.WooOrderId)
            .ToListAsync(ct)).ToHashSet();
        var captured = new List<(WooOrder Order, PendingOrder Pending, OrderLogEntry Entry)>();
        for (var i = 0; i < fresh.Count; i++)
        {
            if (loggedMeanwhile.Contains(fresh[i].Id))
            {
                handled[fresh[i]] = CaptureOutcome.AlreadyLogged;
                continue;
            }

            var (pending, entry) = Capture(store, settings, fresh[i], lines[i], locationId, now);
            db.PendingOrders.Add(pending);
            db.OrderLog.Add(entry);
            captured.Add((fresh[i], pending, entry));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UnitOfWork.IsUniqueViolation(e))
        {
            return [];
        }

        foreach (var (_, pending, entry) in captured)
        {
            entry.LinkPendingOrder(pending);
        }

        await AllocateAsync(db, captured.Select(c => c.Pending).ToList(), now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        foreach (var (order, pending, _) in captured)
        {
            handled[order] = pending.Status == PendingOrderStatus.Ready ? CaptureOutcome.Captured : CaptureOutcome.Waiting;
        }

        return handled;
    }

    /// <summary>Whether the Order Capture setting takes the order. <paramref name="live"/>: only orders of the
    /// connection on; Load Orders' creation date is its own filter.</summary>
    private static bool Takes(ConnectedStore store, StoreSettings settings, WooOrder order, bool live)
    {
        var facts = new CaptureFacts(order.Status, order.DateCreatedGmt, order.DatePaidGmt, order.DateCompletedGmt);
        // The store's dates have whole seconds: an order of the second the store was connected in counts as after it.
        var since = live ? store.ConnectedAtUtc.AddTicks(-(store.ConnectedAtUtc.Ticks % TimeSpan.TicksPerSecond)) : DateTime.MinValue;
        return OrderCapturePolicy.Captures(settings.OrderCapture, facts, since);
    }

    private static Task<int?> DefaultLocationAsync(PortalDbContext db, CancellationToken ct) =>
        db.Locations.Where(l => l.IsDefault).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct);

    /// <summary>The pending order of a store order (with its payment, when paid) and its Log entry, not saved yet.</summary>
    private static (PendingOrder Pending, OrderLogEntry Entry) Capture(
        ConnectedStore store, StoreSettings settings, WooOrder order, List<PendingOrderLine> lines, int? locationId, DateTime now)
    {
        var pending = PendingOrder.Capture(store.OrganizationId, store.Id, Header(order), lines,
            (order.CouponLines ?? []).Select(c => new PendingOrderCoupon(c.Code ?? "", c.Discount ?? 0m, c.DiscountTax ?? 0m)),
            JsonSerializer.Serialize(order, WooJson.Options), locationId, Problem(order, settings, locationId), now);
        if (Payment(order) is { } payment)
        {
            pending.RecordPayment(payment);
        }

        return (pending, OrderLogEntry.ForPendingOrder(pending, order.DateModifiedGmt, now));
    }

    /// <summary>A logged order read again: a confirmed cancellation or trash drops its pending order; a payment is
    /// recorded once; anything else that changed is listed on the Log entry, not applied.</summary>
    private async Task<CaptureOutcome> UpdateLoggedAsync(PortalDbContext db, ConnectedStore store, OrderLogEntry entry, WooOrder order, CancellationToken ct)
    {
        if (entry.IsStale(order.DateModifiedGmt))
        {
            return CaptureOutcome.Stale;
        }

        if (OrderCapturePolicy.IsGone(order.Status) && entry.Status is OrderLogStatus.Pending or OrderLogStatus.Waiting or OrderLogStatus.Sale)
        {
            return await DropAsync(store, order.Id,
                order.Status == OrderCapturePolicy.Trash ? TrashedReason : CancelledReason, ct, order.Status, order.DateModifiedGmt, order);
        }

        var pending = entry.PendingOrderId is { } pendingId
            ? await db.PendingOrders.SingleOrDefaultAsync(p => p.Id == pendingId, ct)
            : null;
        if (pending is not null)
        {
            var captured = JsonSerializer.Deserialize<WooOrder>(pending.OrderJson, WooJson.Options);
            if (captured is not null)
            {
                entry.ListChanges(OrderChanges.Between(captured, order));
            }

            if (Payment(order) is { } payment)
            {
                pending.RecordPayment(payment);
            }
        }

        entry.Seen(order.Status, order.DateModifiedGmt);
        await db.SaveChangesAsync(ct);
        return CaptureOutcome.Updated;
    }

    /// <summary>Drops the pending order of an order the store confirmed gone and releases its stock; the Log entry
    /// stays (marked dropped) so the order is not captured again. A sale already made is the sale's business.</summary>
    public async Task<CaptureOutcome> DropAsync(ConnectedStore store, long wooOrderId, string why, CancellationToken ct,
        string? wooStatus = null, DateTime? modifiedAtUtc = null, WooOrder? order = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var db = dbFactory.CreateForOrganization(store.OrganizationId);
        var entry = await db.OrderLog.SingleOrDefaultAsync(e => e.StoreId == store.Id && e.WooOrderId == wooOrderId, ct);
        if (entry is { Status: OrderLogStatus.Sale, SaleId: not null })
        {
            // Already a sale: the sale is voided (or its part of the day's sale credited), in one transaction with the Log.
            await using var voiding = await db.Database.BeginTransactionAsync(ct);
            entry.SaleVoided(await StoreOrderSales.CancelAsync(db, store, entry, SaleReason(why), order, clock.GetUtcNow().UtcDateTime, ct));
            entry.Seen(wooStatus, modifiedAtUtc);
            await db.SaveChangesAsync(ct);
            await voiding.CommitAsync(ct);
            return CaptureOutcome.Dropped;
        }

        if (entry is null || entry.Status is not (OrderLogStatus.Pending or OrderLogStatus.Waiting))
        {
            return CaptureOutcome.NotCaptured;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (entry.PendingOrderId is { } pendingId && await db.PendingOrders.SingleOrDefaultAsync(p => p.Id == pendingId, ct) is { } pending)
        {
            await OrderLogCommands.ReleaseAsync(db, store.OrganizationId, [pending], clock.GetUtcNow().UtcDateTime, ct);
            db.PendingOrders.Remove(pending);
        }

        entry.Dropped(why);
        entry.Seen(wooStatus, modifiedAtUtc);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CaptureOutcome.Dropped;
    }

    /// <summary>The store's word, without what it did to a pending order.</summary>
    private static string SaleReason(string why) => why[..(why.IndexOf(':', StringComparison.Ordinal) is var i and > 0 ? i : why.Length)] + ".";

    /// <summary>Captures the store's orders that waited for a tax mapping and no longer need one.</summary>
    public async Task<int> CaptureWaitingAsync(ConnectedStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var settings = StoreSettings.FromJson(store.SettingsJson);
        await using var db = dbFactory.CreateForOrganization(store.OrganizationId);
        var waiting = await db.PendingOrders
            .Where(p => p.StoreId == store.Id && p.Status == PendingOrderStatus.NeedsTaxMapping).ToListAsync(ct);
        var captured = 0;
        foreach (var pending in waiting)
        {
            var order = JsonSerializer.Deserialize<WooOrder>(pending.OrderJson, WooJson.Options)!;
            var problem = Problem(order, settings, pending.LocationId);
            if (problem == pending.Problem)
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (pending.SetTaxProblem(problem))
            {
                await AllocateAsync(db, [pending], clock.GetUtcNow().UtcDateTime, ct);
                var entry = await db.OrderLog.SingleAsync(e => e.StoreId == store.Id && e.WooOrderId == pending.WooOrderId, ct);
                entry.Captured();
                captured++;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        return captured;
    }

    /// <summary>
    /// Saves the new Log entry (and what comes with it) unless the order was logged meanwhile (polling, Load Orders or
    /// another node got there first: an expected race, not an error). The look-up runs inside the write transaction:
    /// on SQLite, one writer at a time, nobody can log the order in between, so the unique key is never hit and EF
    /// logs no failed command; on a server database two nodes can still race, and the unique key decides.
    /// </summary>
    private static async Task<CaptureOutcome> SaveOnceAsync(PortalDbContext db, int storeId, long wooOrderId, CaptureOutcome outcome, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            if (await db.OrderLog.AnyAsync(e => e.StoreId == storeId && e.WooOrderId == wooOrderId, ct))
            {
                db.ChangeTracker.Clear();
                return CaptureOutcome.AlreadyLogged;
            }

            await db.SaveChangesAsync(ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }

            return outcome;
        }
        catch (DbUpdateException e) when (UnitOfWork.IsUniqueViolation(e))
        {
            // Another node logged the same order a moment ago: it is captured once, by them.
            db.ChangeTracker.Clear();
            return CaptureOutcome.AlreadyLogged;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>Allocates the stock of the ready orders among <paramref name="orders"/> at their locations.</summary>
    private static async Task AllocateAsync(PortalDbContext db, IReadOnlyList<PendingOrder> orders, DateTime now, CancellationToken ct)
    {
        var ready = orders.Where(o => o.Status == PendingOrderStatus.Ready && o.LocationId is not null).ToList();
        if (ready.Count == 0)
        {
            return;
        }

        // Allocating beyond what is available is allowed (a backorder), so only the orders' own allocations are needed.
        var ledger = await LedgerLoading.LoadOwnAllocationsAsync(db, ready[0].OrganizationId, now, AllocationSource.PendingOrder,
            ready.Select(o => o.Id).ToList(), ct);
        foreach (var pending in ready)
        {
            foreach (var (productId, quantity) in pending.StockNeeds)
            {
                ledger.SetAllocation(AllocationSource.PendingOrder, pending.Id, productId, pending.LocationId!.Value, quantity);
            }
        }

        LedgerLoading.Stage(db, ledger);
    }

    /// <summary>Why the order cannot be captured yet: a tax rate it uses is not mapped to a tax rule.</summary>
    private static string? Problem(WooOrder order, StoreSettings settings, int? locationId)
    {
        var unmapped = (order.TaxLines ?? [])
            .Where(t => t.RateId is { } rate && settings.TaxRates.FirstOrDefault(m => m.RateId == rate)?.TaxRuleId is null)
            .Select(t => $"'{t.Label ?? t.RateCode}' ({t.RateCode}, rate {t.RateId})")
            .Distinct()
            .ToList();
        if (unmapped.Count > 0)
        {
            return $"Needs tax mapping: the tax rate {string.Join(", ", unmapped)} is not mapped to a tax rule in the store's settings (Taxes).";
        }

        return locationId is null ? "No location: choose the store's location in its settings, or a default location." : null;
    }

    /// <summary>The lines of each order: the products of all of them looked up at once; products not in the portal are
    /// downloaded from the store (once for all the orders) and looked up again; still missing → a service line.</summary>
    private async Task<List<List<PendingOrderLine>>> LinesAsync(ConnectedStore store, IReadOnlyList<WooOrder> orders, CancellationToken ct)
    {
        var items = orders.SelectMany(o => o.LineItems ?? []).ToList();
        var found = await FindProductsAsync(store, items, ct);
        var missing = items.Where(i => found.Find(i) is null && !string.IsNullOrWhiteSpace(i.Sku) && i.ProductId is > 0)
            .Select(i => i.ProductId!.Value).Distinct().ToList();
        if (missing.Count > 0)
        {
            // Not in the portal: download those products from the store with the catalog rules, then look again.
            var catalog = new List<WooCatalogItem>();
            await foreach (var item in clients.For(store).ReadCatalogAsync(new WooProductQuery { Include = missing }, ct))
            {
                catalog.Add(item);
            }

            await downloads.DownloadItemsAsync(store, catalog, ct);
            found = await FindProductsAsync(store, items, ct);
        }

        return orders.Select(o => Lines(o, found)).ToList();
    }

    private static List<PendingOrderLine> Lines(WooOrder order, ProductLookup found)
    {
        var lines = (order.LineItems ?? []).Select(i =>
        {
            var product = found.Find(i);
            return new PendingOrderLine
            {
                Kind = product is null ? PendingOrderLineKind.Service : PendingOrderLineKind.Product,
                WooLineId = i.Id,
                ProductId = product?.Id,
                TakesStock = product?.TakesStock ?? false,
                Sku = Names(i.Sku, 100),
                Name = Names(i.Name, 400) ?? Names(i.Sku, 400) ?? $"Line {i.Id}",
                Quantity = i.Quantity ?? 0,
                Price = i.Price ?? (i.Quantity is > 0 ? (i.Total ?? 0m) / i.Quantity.Value : 0m),
                Subtotal = i.Subtotal ?? 0m,
                Total = i.Total ?? 0m,
                TotalTax = i.TotalTax ?? 0m,
                TaxClass = Names(i.TaxClass, 100),
                Taxes = Taxes(i.Taxes),
            };
        }).ToList();
        lines.AddRange((order.ShippingLines ?? []).Select(s =>
            Charge(PendingOrderLineKind.Shipping, s.Id, Names(s.MethodTitle, 400) ?? "Shipping", s.Total, s.TotalTax, null, s.Taxes)));
        lines.AddRange((order.FeeLines ?? []).Select(f =>
            Charge(PendingOrderLineKind.Fee, f.Id, Names(f.Name, 400) ?? "Fee", f.Total, f.TotalTax, Names(f.TaxClass, 100), f.Taxes)));
        return lines;
    }

    /// <summary>A shipping or fee line: one of it, at its total.</summary>
    private static PendingOrderLine Charge(PendingOrderLineKind kind, long wooLineId, string name, decimal? total, decimal? totalTax,
        string? taxClass, IReadOnlyList<WooLineTax>? taxes) => new()
    {
        Kind = kind,
        WooLineId = wooLineId,
        Name = name,
        Quantity = 1,
        Price = total ?? 0m,
        Subtotal = total ?? 0m,
        Total = total ?? 0m,
        TotalTax = totalTax ?? 0m,
        TaxClass = taxClass,
        Taxes = Taxes(taxes),
    };

    private sealed record FoundProduct(int Id, bool TakesStock);

    /// <summary>Each line's portal product by SKU (case-insensitive, as SKUs are unique), else by the catalog link.</summary>
    private sealed record ProductLookup(Dictionary<string, FoundProduct> BySku, Dictionary<(long, long), FoundProduct> ByLink)
    {
        public FoundProduct? Find(WooLineItem item) =>
            Names(item.Sku, 100) is { } sku && BySku.TryGetValue(CaseInsensitiveKey.Normalize(sku), out var product)
                ? product
                : ByLink.GetValueOrDefault((item.ProductId ?? 0, item.VariationId ?? 0));
    }

    private async Task<ProductLookup> FindProductsAsync(ConnectedStore store, IReadOnlyList<WooLineItem> items, CancellationToken ct)
    {
        await using var db = dbFactory.CreateForOrganization(store.OrganizationId);
        var keys = items.Select(i => Names(i.Sku, 100)).OfType<string>().Select(CaseInsensitiveKey.Normalize).Distinct().ToList();
        var bySku = (await db.Products.AsNoTracking()
                .Where(p => keys.Contains(EF.Property<string>(p, CaseInsensitiveKey.KeyName(nameof(Domain.Catalog.Product.Sku)))))
                .Select(p => new { p.Id, p.Sku, p.Type }).ToListAsync(ct))
            .ToDictionary(p => CaseInsensitiveKey.Normalize(p.Sku), p => new FoundProduct(p.Id, p.Type == Domain.Catalog.ProductType.Stock));
        var wooIds = items.Where(i => i.ProductId is > 0).Select(i => i.ProductId!.Value).Distinct().ToList();
        var links = await db.StoreProductLinks.AsNoTracking()
            .Where(l => l.StoreId == store.Id && wooIds.Contains(l.WooProductId) && l.ProductId != null)
            .Select(l => new { l.WooProductId, l.WooVariationId, ProductId = l.ProductId!.Value }).ToListAsync(ct);
        var linkedIds = links.Select(l => l.ProductId).Distinct().ToList();
        var linkedTypes = await db.Products.AsNoTracking().Where(p => linkedIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Type == Domain.Catalog.ProductType.Stock, ct);
        var byLink = links.DistinctBy(l => (l.WooProductId, l.WooVariationId)).ToDictionary(l => (l.WooProductId, l.WooVariationId),
            l => new FoundProduct(l.ProductId, linkedTypes.GetValueOrDefault(l.ProductId)));
        return new ProductLookup(bySku, byLink);
    }

    private static List<PendingOrderLineTax> Taxes(IReadOnlyList<WooLineTax>? taxes) =>
        (taxes ?? []).Where(t => t.Total is not null).Select(t => new PendingOrderLineTax(t.Id, t.Total!.Value)).ToList();

    /// <summary>The store's payment, when the order is paid.</summary>
    private static PendingOrderPayment? Payment(WooOrder order) =>
        order.DatePaidGmt is { } paid
            ? new PendingOrderPayment(order.Total ?? 0m, paid, Names(order.PaymentMethod, 100), Names(order.PaymentMethodTitle, 200),
                Names(order.TransactionId, 200))
            : null;

    public static string OrderNumber(WooOrder order) =>
        Names(order.Number, 100) ?? order.Id.ToString(CultureInfo.InvariantCulture);

    public static string? CustomerName(WooOrder order)
    {
        var name = Names($"{order.Billing?.FirstName} {order.Billing?.LastName}", 255)
                   ?? Names($"{order.Shipping?.FirstName} {order.Shipping?.LastName}", 255);
        return name ?? Names(order.Billing?.Company, 255);
    }

    private static PendingOrderHeader Header(WooOrder order) => new()
    {
        WooOrderId = order.Id,
        OrderNumber = OrderNumber(order),
        WooStatus = Names(order.Status, 40),
        Currency = Names(order.Currency, 3),
        OrderedAtUtc = order.DateCreatedGmt,
        WooCustomerId = order.CustomerId,
        CustomerName = CustomerName(order),
        Company = Names(order.Billing?.Company, 255) ?? Names(order.Shipping?.Company, 255),
        Email = Names(order.Billing?.Email, 256),
        Phone = Names(order.Billing?.Phone, 50) ?? Names(order.Shipping?.Phone, 50),
        CustomerNote = Names(order.CustomerNote, 4000),
        BillingAddress = Address(order.Billing),
        ShippingAddress = Address(order.Shipping),
        Total = order.Total ?? 0m,
        TotalTax = order.TotalTax ?? 0m,
        ShippingTotal = order.ShippingTotal ?? 0m,
        DiscountTotal = order.DiscountTotal ?? 0m,
        PaymentMethod = Names(order.PaymentMethodTitle, 100) ?? Names(order.PaymentMethod, 100),
    };

    private static Address Address(WooAddress? address) => address is null
        ? Domain.Customers.Address.Empty
        : new Address
        {
            Line1 = Names(address.Address1, 255),
            Line2 = Names(address.Address2, 255),
            City = Names(address.City, 100),
            State = Names(address.State, 100),
            Postcode = Names(address.Postcode, 20),
            Country = Names(address.Country, 100),
        };

    /// <summary>Trimmed, empty as null, cut to the column's length (the full text stays in the order's JSON).</summary>
    private static string? Names(string? value, int max)
    {
        var trimmed = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return trimmed is null ? null : trimmed.Length > max ? trimmed[..max] : trimmed;
    }
}
