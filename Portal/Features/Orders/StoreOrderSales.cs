using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Conventions;
using Portal.Domain;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Integrations;
using Portal.Domain.Integrations.Orders;
using Portal.Domain.Orders;
using Portal.Domain.Reference;
using Portal.Domain.Sales;
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

    /// <summary>The sale header of <paramref name="plan"/>: the customer, carrier and sales representative found or created.</summary>
    public static async Task<SaleHeader> HeaderAsync(PortalDbContext db, int organizationId, SalePlan plan, CancellationToken ct) => new()
    {
        CustomerId = await CustomerAsync(db, organizationId, plan, ct),
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
        CarrierId = await CarrierAsync(db, organizationId, plan.CarrierName, ct),
        LocationId = plan.LocationId,
        PriceTier = plan.PriceTier,
        PaymentTermId = plan.PaymentTermId,
        PaymentTermDays = plan.PaymentTermDays,
        SalesRepresentativeId = await RepresentativeAsync(db, organizationId, plan.SalesRepresentative, ct),
        RevenueAccountId = plan.RevenueAccountId,
        SaleDate = plan.SaleDateUtc,
    };

    /// <summary>
    /// Builds and saves the sale of <paramref name="plan"/>, places it and records its payments. <paramref name="products"/>
    /// gives the portal product of each store item (<see cref="ProductsOf"/>). <paramref name="refundsOnly"/>: the sale
    /// that so far carries only this order's refunds (the order predates the store's connection), filled instead of a
    /// new one. The caller holds the transaction and commits it.
    /// </summary>
    public static async Task<Sale> CreateAsync(
        PortalDbContext db, ConnectedStore store, SalePlan plan, SaleOrigin origin, IReadOnlyDictionary<long, int?> products, DateTime now,
        CancellationToken ct, Sale? refundsOnly = null)
    {
        var organizationId = store.OrganizationId;
        var header = await HeaderAsync(db, organizationId, plan, ct);
        await SaleOperations.CheckReferencesAsync(db, header, ct);
        var lines = new List<SaleLineInput>();
        foreach (var line in plan.Lines)
        {
            var productId = line.CouponCode is { } code
                ? await CouponProductAsync(db, organizationId, code, ct)
                : products.GetValueOrDefault(line.StoreItemId);
            lines.Add(new SaleLineInput(productId, Cut(line.Name, ProductRules.MaxNameLength), line.Quantity, line.Price, 0m,
                line.TaxRuleId, line.Tax));
        }

        var charges = plan.Charges.Where(c => c.Amount != 0)
            .Select(c => new SaleChargeInput(Cut(c.Description, 255)!, c.Amount, c.TaxRuleId, c.Tax)).ToList();
        var sale = refundsOnly ?? Sale.Create(organizationId, header, origin, now);
        refundsOnly?.FillFromEarlierOrder(header);
        sale.SetInvoiceDate(plan.InvoiceDate.ToDateTime(TimeOnly.MinValue));
        await SaleOperations.AddEntriesAsync(db, sale, new SaleDraft(header, lines, charges), ct);
        sale.NoteStoreTotals(plan.Totals.Warning);
        if (refundsOnly is null)
        {
            db.Sales.Add(sale);
        }

        await db.SaveChangesAsync(ct);

        await SaleOperations.PlaceOrderAsync(db, sale, plan.AutoAssembly, plan.Fulfilment, now, ct);
        if (plan.InvoiceStatus == Domain.Integrations.InvoiceStatus.Authorised)
        {
            await InvoiceNumbers.EnsureSequenceAsync(db, organizationId, ct);
            sale.AssignInvoiceNumber(await InvoiceNumbers.NextAsync(db, ct));
            sale.AuthoriseInvoice(now);
        }

        foreach (var payment in plan.Payments)
        {
            var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == payment.AccountId, ct)
                ?? throw new DomainException($"The account mapped to the order's payment gateway no longer exists: map it again in the settings of {store.Name}.");
            if (sale.ReceiveStorePayment(account, payment.Amount, payment.PaidAtUtc, payment.Reference, now) is { } credit)
            {
                db.CustomerCredits.Add(credit);
            }
        }

        await db.SaveChangesAsync(ct);
        return sale;
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

    private static async Task<int> CustomerAsync(PortalDbContext db, int organizationId, SalePlan plan, CancellationToken ct)
    {
        var wanted = plan.Customer;
        if (wanted.DefaultCustomerId is { } id)
        {
            return id;
        }

        var email = Cut(wanted.Email, 256);
        var company = Cut(wanted.Company, 255);
        var emailKey = email?.ToUpperInvariant();
        var companyKey = company?.ToUpperInvariant();
        var candidates = await db.Customers
            .Where(c => (emailKey != null && c.Email != null && c.Email.ToUpper() == emailKey)
                        || (companyKey != null && ((c.Company != null && c.Company.ToUpper() == companyKey) || c.Name.ToUpper() == companyKey)))
            .ToListAsync(ct);
        if (StoreCustomerMatching.Find(candidates, email, company) is { } found)
        {
            return found.Id;
        }

        var customer = Customer.Create(organizationId, Cut(wanted.Name ?? wanted.Contact ?? email, 255) ?? "WooCommerce customer");
        try
        {
            customer.ChangeEmail(Cut(email, 256));
        }
        catch (DomainValidationException)
        {
            // A store accepts addresses the portal calls malformed: the customer is made without it (the sale keeps it).
        }

        customer.Company = Cut(company, 255);
        customer.Contact = Cut(wanted.Contact, 255);
        customer.Phone = Cut(wanted.Phone, 50);
        customer.BillingAddress = wanted.BillingAddress;
        customer.ShippingAddress = wanted.ShippingAddress;
        customer.ChangePriceTier(plan.PriceTier);
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        return customer.Id;
    }

    /// <summary>The settings' representative, else the one named after the store (created the first time).</summary>
    private static async Task<int?> RepresentativeAsync(PortalDbContext db, int organizationId, SalesRepresentativePlan plan, CancellationToken ct)
    {
        if (plan.Id is { } id)
        {
            return id;
        }

        if (Cut(plan.Name, 100) is not { } name)
        {
            return null;
        }

        var key = name.ToUpperInvariant();
        var existing = await db.SalesRepresentatives.Where(r => r.Name.ToUpper() == key).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return existing;
        }

        var representative = SalesRepresentative.Create(organizationId, name);
        db.SalesRepresentatives.Add(representative);
        await db.SaveChangesAsync(ct);
        return representative.Id;
    }

    private static async Task<int> CarrierAsync(PortalDbContext db, int organizationId, string name, CancellationToken ct)
    {
        var wanted = Cut(name, 100) ?? Carrier.LocalPickupName;
        var key = wanted.ToUpperInvariant();
        var existing = await db.Carriers.Where(c => c.Name.ToUpper() == key).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            return id;
        }

        var carrier = Carrier.Create(organizationId, wanted);
        db.Carriers.Add(carrier);
        await db.SaveChangesAsync(ct);
        return carrier.Id;
    }

    /// <summary>The service product of a coupon code (SKU <c>COUPON-CODE</c>, named by the code), created the first time.</summary>
    private static async Task<int> CouponProductAsync(PortalDbContext db, int organizationId, string code, CancellationToken ct)
    {
        var sku = Cut(CouponSkuPrefix + code.Trim().ToUpperInvariant(), ProductRules.MaxSkuLength)!;
        var key = CaseInsensitiveKey.Normalize(sku);
        var existing = await db.Products
            .Where(p => EF.Property<string>(p, CaseInsensitiveKey.KeyName(nameof(Product.Sku))) == key)
            .Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            return id;
        }

        var product = Product.Create(organizationId, sku, Cut(code.Trim(), ProductRules.MaxNameLength), ProductType.Service);
        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        return product.Id;
    }

    private static string? Cut(string? value, int max)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return text is { } t && t.Length > max ? t[..max] : text;
    }
}
