using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Sales;

namespace Portal.Features.Sales;

public sealed record CustomerOption(int Id, string Name)
{
    public override string ToString() => Name;
}

public sealed record ProductOption(
    int Id, string Sku, string Name, ProductType Type, int? SaleTaxRuleId, IReadOnlyList<ProductPrice> Prices, bool SoldInFractions = false)
{
    public decimal? PriceFor(int tier) => Prices.FirstOrDefault(p => p.Tier == tier)?.Price;

    public override string ToString() => $"{Sku} – {Name}";
}

/// <summary>What a new sale starts from when its customer is chosen (the customer's own settings).</summary>
public sealed record CustomerDefaults(
    string? Contact, string? Phone, string? Email, string? Company, Address BillingAddress, Address ShippingAddress, int PriceTier,
    int? PaymentTermId, int? TaxRuleId, int? SalesRepresentativeId);

public sealed class SaleLineModel
{
    public ProductOption? Product { get; set; }
    public string? Name { get; set; }
    public decimal Quantity { get; set; } = 1m;
    public decimal Price { get; set; }
    public decimal DiscountPercent { get; set; }
    public int? TaxRuleId { get; set; }

    public decimal Total => Math.Round(Quantity * Price * (100m - DiscountPercent) / 100m, 2, MidpointRounding.AwayFromZero);
}

public sealed class SaleChargeModel
{
    public string? Description { get; set; }
    public decimal Amount { get; set; }
    public int? TaxRuleId { get; set; }
}

/// <summary>The look-ups the manual sale form needs: customers and products by part of their name, and defaults.</summary>
public static class SaleEntry
{
    public const int SearchResults = 20;

    public static async Task<IReadOnlyList<CustomerOption>> CustomersAsync(PortalDbContext db, string? search, CancellationToken ct)
    {
        var customers = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = SalesQuery.ContainsPattern(search);
            customers = customers.Where(c => EF.Functions.Like(c.Name, pattern, "\\") || EF.Functions.Like(c.Email!, pattern, "\\"));
        }

        return await customers.OrderBy(c => c.Name).Take(SearchResults).Select(c => new CustomerOption(c.Id, c.Name)).ToListAsync(ct);
    }

    public static async Task<IReadOnlyList<ProductOption>> ProductsAsync(PortalDbContext db, string? search, CancellationToken ct)
    {
        var products = db.Products.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = SalesQuery.ContainsPattern(search);
            products = products.Where(p => EF.Functions.Like(p.Sku, pattern, "\\") || EF.Functions.Like(p.Name, pattern, "\\"));
        }

        var found = await products.OrderBy(p => p.Sku).Take(SearchResults).ToListAsync(ct);
        return found.Select(Option).ToList();
    }

    public static ProductOption Option(Product product) =>
        new(product.Id, product.Sku, product.Name, product.Type, product.SaleTaxRuleId, product.Prices.ToList(), product.SoldInFractions);

    public static async Task<CustomerDefaults?> DefaultsAsync(PortalDbContext db, int customerId, CancellationToken ct)
    {
        var c = await db.Customers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == customerId, ct);
        return c is null
            ? null
            : new CustomerDefaults(c.Contact, c.Phone, c.Email, c.Company, c.BillingAddress,
                c.ShippingAddress.IsEmpty ? c.BillingAddress : c.ShippingAddress, c.PriceTier, c.PaymentTermId, c.TaxRuleId,
                c.SalesRepresentativeId);
    }

    public static SaleLineInput ToInput(SaleLineModel line) =>
        new(line.Product?.Id, line.Product is null ? line.Name : null, line.Quantity, line.Price, line.DiscountPercent, line.TaxRuleId);

    public static SaleChargeInput ToInput(SaleChargeModel charge) => new(charge.Description ?? "", charge.Amount, charge.TaxRuleId);
}
