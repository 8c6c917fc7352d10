using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Catalog;
using Portal.Domain.Integrations;
using Portal.Domain.Integrations.Orders;
using Portal.Domain.Orders;
using Portal.Domain.Sales;
using Portal.Domain.Stock;
using Portal.Features.Integrations;
using Portal.Features.Sales;
using Portal.Features.Stock;
using Portal.WooCommerce;

namespace Portal.Features.Orders;

/// <summary>
/// Turns a <see cref="SalePlan"/> (one order's, or a day's) into a real <see cref="Sale"/> through the sales domain, inside
/// the caller's transaction: the customer found or created, the sales representative, carrier and coupon products found
/// or created once, lines and charges with the store's taxes, the order placed with the store's automation, the invoice
/// authorised when the settings say so, and the store's payments recorded (held on a Draft invoice).
/// </summary>
public static class StoreOrderSales
{
    public const string CouponSkuPrefix = "COUPON-";

    /// <summary>A store's saved settings with the organization's defaults, as the mapping reads them.</summary>
    public static async Task<OrderMappingSettings> MappingSettingsAsync(
        PortalDbContext db, ConnectedStore store, StoreSettings settings, int? locationId, CancellationToken ct)
    {
        var customerId = settings.CustomerId
            ?? throw new DomainException($"Choose the default customer in the settings of {store.Name} before its orders become sales.");
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, ct)
            ?? throw new DomainException($"The default customer of {store.Name} no longer exists: choose another in its settings.");
        var term = await db.PaymentTerms.AsNoTracking().FirstOrDefaultAsync(t => t.IsDefault, ct);
        var sales = await db.SalesSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var location = locationId ?? settings.LocationId
            ?? await db.Locations.Where(l => l.IsDefault).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("No location: choose the store's location in its settings, or a default location.");
        return OrderMappingSettingsFactory.Create(store, settings, customer, term, sales, location);
    }

    public static WooOrder ReadOrder(PendingOrder pending) =>
        JsonSerializer.Deserialize<WooOrder>(pending.OrderJson, WooJson.Options)
        ?? throw new DomainException($"The captured order {pending.OrderNumber} cannot be read; delete its Log entry and load it again.");

    /// <summary>The portal product the capture found for each store item (variation, else product) of the orders;
    /// null: a service line named by the store's line.</summary>
    public static Dictionary<long, int?> ProductsOf(IEnumerable<(WooOrder Order, PendingOrder Pending)> orders)
    {
        var products = new Dictionary<long, int?>();
        foreach (var (order, pending) in orders)
        {
            foreach (var item in order.LineItems ?? [])
            {
                var storeItem = item.VariationId is > 0 ? item.VariationId.Value : item.ProductId ?? 0;
                var line = pending.Lines.FirstOrDefault(l => l.WooLineId == item.Id && l.Kind == PendingOrderLineKind.Product);
                if (line?.ProductId is not null || !products.ContainsKey(storeItem))
                {
                    products[storeItem] = line?.ProductId;
                }
            }
        }

        return products;
    }

    /// <summary>The sale header of <paramref name="plan"/> on its own: the customer, carrier and sales representative
    /// found or created (a customer created is saved).</summary>
    public static async Task<SaleHeader> HeaderAsync(PortalDbContext db, int organizationId, SalePlan plan, SaleOrigin origin, CancellationToken ct)
    {
        var lookups = await StoreSaleLookups.LoadAsync(db, organizationId, [new StoreSaleInput(plan, origin, new Dictionary<long, int?>())], ct);
        var customer = lookups.Customer(plan);
        await db.SaveChangesAsync(ct);
        return await HeaderAsync(lookups, plan, customer, ct);
    }

    private static async Task<SaleHeader> HeaderAsync(StoreSaleLookups lookups, SalePlan plan, StoreSaleCustomer customer, CancellationToken ct) => new()
    {
        CustomerId = customer.Id,
        Contact = Cut(plan.Contact, 255),
        Phone = Cut(plan.Phone, 50),
        Email = Cut(plan.Email, 256),
        Reference = Cut(plan.Reference, 100),
        BillingAddress = plan.BillingAddress,
        ShippingAddress = plan.ShippingAddress,
        ShipToCompany = Cut(plan.ShipToCompany, 255),
        ShipToContact = Cut(plan.ShipToContact, 255),
        ShippingNotes = Cut(plan.ShippingNotes, 2000),
        Comments = Cut(plan.Comments, 4000),
        RequiredBy = plan.RequiredBy.ToDateTime(TimeOnly.MinValue),
        CarrierId = await lookups.CarrierAsync(plan.CarrierName, ct),
        LocationId = plan.LocationId,
        PriceTier = plan.PriceTier,
        PaymentTermId = plan.PaymentTermId,
        PaymentTermDays = plan.PaymentTermDays,
        SalesRepresentativeId = await lookups.RepresentativeAsync(plan.SalesRepresentative, ct),
        RevenueAccountId = plan.RevenueAccountId,
        SaleDate = plan.SaleDateUtc,
    };

    /// <summary>
    /// Builds and saves the sale of <paramref name="plan"/>, places it and records its payments. <paramref name="products"/>
    /// gives the portal product of each store item (<see cref="ProductsOf"/>). The caller holds the transaction and commits it.
    /// </summary>
    public static async Task<Sale> CreateAsync(
        PortalDbContext db, ConnectedStore store, SalePlan plan, SaleOrigin origin, IReadOnlyDictionary<long, int?> products, DateTime now,
        CancellationToken ct) =>
        (await CreateManyAsync(db, store, [new StoreSaleInput(plan, origin, products)], now, ct))[0];

    /// <summary>
    /// The sales of several plans of one store, in the caller's transaction, with a fixed number of queries whatever their
    /// count: customers, products, tax rules and accounts are read once for all of them (<see cref="StoreSaleLookups"/>),
    /// the new customers and the sales are each saved in one go, and the orders are placed on one stock ledger that
    /// counts other sources' allocations as totals instead of loading their rows.
    /// </summary>
    public static async Task<IReadOnlyList<Sale>> CreateManyAsync(
        PortalDbContext db, ConnectedStore store, IReadOnlyList<StoreSaleInput> inputs, DateTime now, CancellationToken ct)
    {
        var organizationId = store.OrganizationId;
        var lookups = await StoreSaleLookups.LoadAsync(db, organizationId, inputs, ct);
        var customers = inputs.Select(i => lookups.Customer(i.Plan)).ToList();
        await db.SaveChangesAsync(ct);

        var sales = new List<Sale>(inputs.Count);
        foreach (var (input, customer) in inputs.Zip(customers))
        {
            var plan = input.Plan;
            var header = await HeaderAsync(lookups, plan, customer, ct);
            await lookups.CheckReferencesAsync(header, customer.Matched, ct);
            var lines = new List<SaleLineInput>();
            foreach (var line in plan.Lines)
            {
                var productId = line.CouponCode is { } code
                    ? await lookups.CouponProductAsync(code, ct)
                    : input.Products.GetValueOrDefault(line.StoreItemId);
                lines.Add(new SaleLineInput(productId, Cut(line.Name, ProductRules.MaxNameLength), line.Quantity, line.Price, 0m,
                    line.TaxRuleId, line.Tax));
            }

            var charges = plan.Charges.Where(c => c.Amount != 0)
                .Select(c => new SaleChargeInput(Cut(c.Description, 255)!, c.Amount, c.TaxRuleId, c.Tax)).ToList();
            var sale = input.RefundsOnly ?? Sale.Create(organizationId, header, input.Origin, now);
            input.RefundsOnly?.FillFromEarlierOrder(header);
            sale.SetInvoiceDate(plan.InvoiceDate.ToDateTime(TimeOnly.MinValue));
            SaleOperations.AddEntries(sale, new SaleDraft(header, lines, charges), lookups.TaxRules, lookups.Products);
            sale.NoteStoreTotals(plan.Totals.Warning);
            if (input.RefundsOnly is null)
            {
                db.Sales.Add(sale);
            }

            sales.Add(sale);
        }

        // Saved before they are placed: allocations and movements refer to the sales' ids.
        await db.SaveChangesAsync(ct);

        var (ledger, products) = await LedgerForAsync(db, organizationId, sales, now, ct);
        if (inputs.Any(i => i.Plan.InvoiceStatus == Domain.Integrations.InvoiceStatus.Authorised))
        {
            await InvoiceNumbers.EnsureSequenceAsync(db, organizationId, ct);
        }

        foreach (var (input, sale) in inputs.Zip(sales))
        {
            var plan = input.Plan;
            sale.PlaceOrder(ledger, products, plan.AutoAssembly, plan.Fulfilment);
            if (plan.InvoiceStatus == Domain.Integrations.InvoiceStatus.Authorised)
            {
                sale.AssignInvoiceNumber(await InvoiceNumbers.NextAsync(db, ct));
                sale.AuthoriseInvoice(now);
            }

            foreach (var payment in plan.Payments)
            {
                var account = await lookups.AccountAsync(payment.AccountId, ct)
                    ?? throw new DomainException($"The account mapped to the order's payment gateway no longer exists: map it again in the settings of {store.Name}.");
                if (sale.ReceiveStorePayment(account, payment.Amount, payment.PaidAtUtc, payment.Reference, now) is { } credit)
                {
                    db.CustomerCredits.Add(credit);
                }
            }
        }

        LedgerLoading.Stage(db, ledger);
        await db.SaveChangesAsync(ct);
        return sales;
    }

    /// <summary>
    /// One ledger to place the sales on: the balances of their stock products (and of those products' components) at
    /// their locations, tracked, and every other allocation there as a total per product and location — the sales are
    /// new and have none, and thousands of pending orders and sales may hold the same products.
    /// </summary>
    private static async Task<(StockLedger Ledger, IReadOnlyDictionary<int, Product> Products)> LedgerForAsync(
        PortalDbContext db, int organizationId, IReadOnlyList<Sale> sales, DateTime now, CancellationToken ct)
    {
        var lineProducts = sales.SelectMany(s => s.Lines).Where(l => l.ProductId is not null).Select(l => l.ProductId!.Value).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => lineProducts.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var componentIds = products.Values.SelectMany(p => p.BillOfMaterials).Select(b => b.ComponentProductId)
            .Where(id => !products.ContainsKey(id)).Distinct().ToList();
        foreach (var component in await db.Products.AsNoTracking().Where(p => componentIds.Contains(p.Id)).ToListAsync(ct))
        {
            products[component.Id] = component;
        }

        var productIds = products.Keys.ToList();
        var locationIds = sales.Select(s => s.LocationId).Distinct().ToList();
        var balances = await db.StockBalances.Where(b => productIds.Contains(b.ProductId) && locationIds.Contains(b.LocationId)).ToListAsync(ct);
        var allocated = await AvailabilityQuery.AllocatedFigures(db, productIds, locationIds).ToListAsync(ct);
        var ledger = new StockLedger(organizationId, now, balances, [], id => products.TryGetValue(id, out var p) ? p.Label : $"Product {id}")
            .AllocatedElsewhere(allocated)
            .WholeNumbersOnly(products.Values.Where(p => !p.SoldInFractions).Select(p => p.Id));
        return (ledger, products);
    }

    /// <summary>
    /// An order the store confirmed cancelled, trashed or deleted after it became a sale: its own sale is voided
    /// (allocations released, picked stock back on hand); its part of a consolidated sale is credited instead.
    /// Nothing is written to the store. Returns what the Log says.
    /// </summary>
    public static async Task<string> CancelAsync(
        PortalDbContext db, ConnectedStore store, OrderLogEntry entry, string why, WooOrder? order, DateTime now, CancellationToken ct)
    {
        var sale = await SaleOperations.LoadSaleAsync(db, entry.SaleId!.Value, null, ct);
        if (sale.IsVoided)
        {
            return $"{why} The sale was already voided.";
        }

        if (sale.WooOrderId == entry.WooOrderId)
        {
            var (ledger, _) = await SaleOperations.LedgerForAsync(db, sale, now, ct);
            sale.Void(ledger, Cut($"Order {entry.OrderNumber}: {why}", 500));
            LedgerLoading.Stage(db, ledger);
            return $"{why} Its sale was voided.";
        }

        return await ConsolidateOrders.CreditCancelledAsync(db, store, sale, entry, why, order, now, ct);
    }

    internal static string? Cut(string? value, int max)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return text is { } t && t.Length > max ? t[..max] : text;
    }
}
