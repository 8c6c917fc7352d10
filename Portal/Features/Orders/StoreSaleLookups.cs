using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Conventions;
using Portal.Domain;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Integrations.Orders;
using Portal.Domain.Reference;
using Portal.Domain.Sales;
using Portal.Features.Sales;

namespace Portal.Features.Orders;

/// <summary>One sale to make from a store: its plan, its origin and the portal product of each store item
/// (<see cref="StoreOrderSales.ProductsOf"/>); <paramref name="RefundsOnly"/>: the sale that so far carries only this
/// order's refunds (the order predates the store's connection), filled instead of a new one.</summary>
public sealed record StoreSaleInput(SalePlan Plan, SaleOrigin Origin, IReadOnlyDictionary<long, int?> Products, Sale? RefundsOnly = null);

/// <summary>A sale's customer: the plan's default, or one matched or made here (then known to be the organization's).
/// A customer made here has its id once saved.</summary>
internal sealed class StoreSaleCustomer(int? id, Customer? made, bool matched)
{
    public int Id => id ?? made!.Id;

    /// <summary>Found through the organization's own customers, or made for it: no need to check it is visible.</summary>
    public bool Matched => matched;
}

/// <summary>
/// What a batch of a store's sales looks up, read once for the batch instead of once per order: the customers the
/// orders may match (by e-mail, then company, as <see cref="StoreCustomerMatching"/> says) and those made for earlier
/// orders of the batch, the products and tax rules of the lines, the payment accounts, the carriers, representatives and
/// coupon products (found or created once), and the header references already checked.
/// </summary>
internal sealed class StoreSaleLookups
{
    private readonly PortalDbContext _db;
    private readonly int _organizationId;
    private readonly List<Customer> _customers;
    private readonly Dictionary<int, Product> _products;
    private readonly Dictionary<string, int> _carriers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _representatives = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _coupons = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Account?> _accounts = [];
    private readonly HashSet<ReferenceKey> _checked = [];

    private StoreSaleLookups(
        PortalDbContext db, int organizationId, List<Customer> customers, Dictionary<int, Product> products, Dictionary<int, TaxRule> taxRules)
    {
        _db = db;
        _organizationId = organizationId;
        _customers = customers;
        _products = products;
        TaxRules = taxRules;
    }

    public IReadOnlyDictionary<int, TaxRule> TaxRules { get; }

    public IReadOnlyDictionary<int, Product> Products => _products;

    public static async Task<StoreSaleLookups> LoadAsync(
        PortalDbContext db, int organizationId, IReadOnlyList<StoreSaleInput> inputs, CancellationToken ct)
    {
        var plans = inputs.Select(i => i.Plan).ToList();
        var taxRules = await SaleOperations.TaxRulesAsync(db, plans.SelectMany(p => p.Lines.Select(l => (int?)l.TaxRuleId)
            .Concat(p.Charges.Where(c => c.Amount != 0).Select(c => (int?)c.TaxRuleId))), ct);
        var productIds = inputs.SelectMany(i => i.Products.Values).OfType<int>().Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);

        var wanted = plans.Select(p => p.Customer).Where(c => !c.IsDefault).ToList();
        var emailKeys = wanted.Select(c => StoreOrderSales.Cut(c.Email, 256)?.ToUpperInvariant()).OfType<string>().Distinct().ToList();
        var companyKeys = wanted.Select(c => StoreOrderSales.Cut(c.Company, 255)?.ToUpperInvariant()).OfType<string>().Distinct().ToList();
        var customers = emailKeys.Count + companyKeys.Count == 0 ? [] : await db.Customers.AsNoTracking()
            .Where(c => (c.Email != null && emailKeys.Contains(c.Email.ToUpper()))
                        || (c.Company != null && companyKeys.Contains(c.Company.ToUpper())) || companyKeys.Contains(c.Name.ToUpper()))
            .OrderBy(c => c.Id).ToListAsync(ct);
        return new StoreSaleLookups(db, organizationId, customers, products, taxRules);
    }

    /// <summary>The plan's customer: the default, else a match by e-mail then company, else a new customer (added, saved
    /// with the batch's others) that later orders of the batch match.</summary>
    public StoreSaleCustomer Customer(SalePlan plan)
    {
        var wanted = plan.Customer;
        if (wanted.DefaultCustomerId is { } id)
        {
            return new StoreSaleCustomer(id, null, matched: false);
        }

        var email = StoreOrderSales.Cut(wanted.Email, 256);
        var company = StoreOrderSales.Cut(wanted.Company, 255);
        if (StoreCustomerMatching.Find(_customers, email, company) is { } found)
        {
            return found.Id > 0 ? new StoreSaleCustomer(found.Id, null, matched: true) : new StoreSaleCustomer(null, found, matched: true);
        }

        var customer = Domain.Customers.Customer.Create(_organizationId,
            StoreOrderSales.Cut(wanted.Name ?? wanted.Contact ?? email, 255) ?? "WooCommerce customer");
        try
        {
            customer.ChangeEmail(email);
        }
        catch (DomainValidationException)
        {
            // A store accepts addresses the portal calls malformed: the customer is made without it (the sale keeps it).
        }

        customer.Company = company;
        customer.Contact = StoreOrderSales.Cut(wanted.Contact, 255);
        customer.Phone = StoreOrderSales.Cut(wanted.Phone, 50);
        customer.BillingAddress = wanted.BillingAddress;
        customer.ShippingAddress = wanted.ShippingAddress;
        customer.ChangePriceTier(plan.PriceTier);
        _db.Customers.Add(customer);
        _customers.Add(customer);
        return new StoreSaleCustomer(null, customer, matched: true);
    }

    /// <summary>Checks the header's references are the organization's once per distinct set (a matched customer is).</summary>
    public async Task CheckReferencesAsync(SaleHeader header, bool customerMatched, CancellationToken ct)
    {
        var key = new ReferenceKey(customerMatched ? null : header.CustomerId, header.LocationId, header.CarrierId, header.PaymentTermId,
            header.SalesRepresentativeId, header.RevenueAccountId, header.TaxRuleId);
        if (!_checked.Contains(key))
        {
            await SaleOperations.CheckReferencesAsync(_db, header, ct);
            _checked.Add(key);
        }
    }

    public async Task<Account?> AccountAsync(int id, CancellationToken ct)
    {
        if (!_accounts.TryGetValue(id, out var account))
        {
            account = await _db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
            _accounts[id] = account;
        }

        return account;
    }

    /// <summary>The settings' representative, else the one named after the store (created the first time).</summary>
    public async Task<int?> RepresentativeAsync(SalesRepresentativePlan plan, CancellationToken ct)
    {
        if (plan.Id is { } id)
        {
            return id;
        }

        if (StoreOrderSales.Cut(plan.Name, 100) is not { } name)
        {
            return null;
        }

        var key = name.ToUpperInvariant();
        return await FoundOrMadeAsync(_representatives, key,
            _db.SalesRepresentatives.Where(r => r.Name.ToUpper() == key).Select(r => (int?)r.Id),
            () => SalesRepresentative.Create(_organizationId, name), r => r.Id, ct);
    }

    public Task<int> CarrierAsync(string name, CancellationToken ct)
    {
        var wanted = StoreOrderSales.Cut(name, 100) ?? Carrier.LocalPickupName;
        var key = wanted.ToUpperInvariant();
        return FoundOrMadeAsync(_carriers, key, _db.Carriers.Where(c => c.Name.ToUpper() == key).Select(c => (int?)c.Id),
            () => Carrier.Create(_organizationId, wanted), c => c.Id, ct);
    }

    /// <summary>The id of a row named <paramref name="key"/>: remembered, else found, else made (and saved) once.</summary>
    private async Task<int> FoundOrMadeAsync<T>(
        Dictionary<string, int> known, string key, IQueryable<int?> existing, Func<T> make, Func<T, int> idOf, CancellationToken ct)
        where T : class
    {
        if (known.TryGetValue(key, out var id))
        {
            return id;
        }

        var found = await existing.FirstOrDefaultAsync(ct);
        if (found is null)
        {
            var made = make();
            _db.Add(made);
            await _db.SaveChangesAsync(ct);
            found = idOf(made);
        }

        return known[key] = found.Value;
    }

    /// <summary>The service product of a coupon code (SKU <c>COUPON-CODE</c>, named by the code), created the first time.</summary>
    public async Task<int> CouponProductAsync(string code, CancellationToken ct)
    {
        var sku = StoreOrderSales.Cut(StoreOrderSales.CouponSkuPrefix + code.Trim().ToUpperInvariant(), ProductRules.MaxSkuLength)!;
        var key = CaseInsensitiveKey.Normalize(sku);
        if (_coupons.TryGetValue(key, out var known))
        {
            return known;
        }

        var product = await _db.Products.AsNoTracking()
            .FirstOrDefaultAsync(p => EF.Property<string>(p, CaseInsensitiveKey.KeyName(nameof(Product.Sku))) == key, ct);
        if (product is null)
        {
            product = Product.Create(_organizationId, sku, StoreOrderSales.Cut(code.Trim(), ProductRules.MaxNameLength), ProductType.Service);
            _db.Products.Add(product);
            await _db.SaveChangesAsync(ct);
        }

        _products[product.Id] = product;
        return _coupons[key] = product.Id;
    }

    private readonly record struct ReferenceKey(
        int? CustomerId, int LocationId, int? CarrierId, int? PaymentTermId, int? SalesRepresentativeId, int? RevenueAccountId, int? TaxRuleId);
}
