using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Reference;
using Portal.Domain.Sales;
using Portal.Domain.Stock;

namespace Portal.Features.Sales;

public sealed record NamedItem(int Id, string Name);

/// <summary>Per stock product of a sale: ordered, what is allocated to it, on hand at its location, picked and restocked.</summary>
public sealed record SaleProductStock(
    int ProductId, string Product, decimal Ordered, decimal Allocated, decimal OnHand, decimal Backorder, decimal Picked,
    decimal Restocked)
{
    public decimal Returnable => Picked - Restocked;

    /// <summary>Built from components: what it lacks for the pick can be assembled from the sale.</summary>
    public bool IsKit { get; init; }
}

/// <summary>Everything the sale page shows, read untracked in one short-lived context.</summary>
public sealed record SaleDetails(
    Sale Sale, string Customer, string Location, IReadOnlyDictionary<int, string> Carriers, IReadOnlyList<NamedItem> ReceivingAccounts,
    IReadOnlyDictionary<int, string> AccountNames, IReadOnlyList<NamedItem> TaxRules, IReadOnlyList<SaleProductStock> Stock)
{
    public decimal BalanceDue => Sale.Total - Sale.AmountCredited - Sale.AmountPaid;

    /// <summary>The same from draft to invoice (the invoice number is shown beside it once there is one), so that a
    /// merchant recognises the sale throughout.</summary>
    public string Title => $"#{Sale.Id}";

    /// <summary>The price tier by the organization's name for it.</summary>
    public string TierName => TierNames.Count >= Sale.PriceTier && Sale.PriceTier > 0 ? TierNames[Sale.PriceTier - 1] : $"Tier {Sale.PriceTier}";

    public IReadOnlyList<string> TierNames { get; init; } = [];

    /// <param name="backorders">From <see cref="SaleOperations.BackordersAsync"/>: the ledger's own arithmetic.</param>
    public static async Task<SaleDetails?> LoadAsync(
        PortalDbContext db, int saleId, IReadOnlyList<SaleBackorder> backorders, CancellationToken ct)
    {
        var sale = await db.Sales.AsNoTracking().AsSplitQuery()
            .Include(s => s.Lines).Include(s => s.Charges).Include(s => s.Payments).Include(s => s.TrackingNumbers)
            .Include(s => s.Assemblies).Include(s => s.CreditNotes).Include(s => s.HeldPayments)
            .FirstOrDefaultAsync(s => s.Id == saleId, ct);
        if (sale is null)
        {
            return null;
        }

        var customer = await db.Customers.Where(c => c.Id == sale.CustomerId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
        var location = await db.Locations.Where(l => l.Id == sale.LocationId).Select(l => l.Name).FirstOrDefaultAsync(ct) ?? "";
        var carriers = await db.Carriers.AsNoTracking().OrderBy(c => c.Name).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Code).ToListAsync(ct);
        var taxRules = await db.TaxRules.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new NamedItem(t.Id, t.Name)).ToListAsync(ct);

        var products = sale.StockQuantities.Keys.ToList();
        var allocated = await db.StockAllocations
            .Where(a => a.Source == AllocationSource.Sale && a.SourceId == sale.Id && a.LocationId == sale.LocationId)
            .GroupBy(a => a.ProductId).Select(g => new { ProductId = g.Key, Quantity = g.Sum(a => a.Quantity) })
            .ToDictionaryAsync(a => a.ProductId, a => a.Quantity, ct);
        var onHand = await db.StockBalances.Where(b => products.Contains(b.ProductId) && b.LocationId == sale.LocationId)
            .ToDictionaryAsync(b => b.ProductId, b => b.OnHand, ct);
        var kits = await db.Products.Where(p => products.Contains(p.Id) && p.BillOfMaterials.Any()).Select(p => p.Id).ToListAsync(ct);
        var stock = sale.StockQuantities.Select(q =>
        {
            var label = sale.Lines.First(l => l.ProductId == q.Key).Label;
            var backorder = backorders.Where(b => b.ProductId == q.Key).Sum(b => b.Quantity);
            return new SaleProductStock(
                q.Key, label, q.Value, allocated.GetValueOrDefault(q.Key), onHand.GetValueOrDefault(q.Key), backorder,
                sale.PickedQuantity(q.Key), sale.RestockedQuantity(q.Key))
            {
                IsKit = kits.Contains(q.Key),
            };
        }).ToList();

        return new SaleDetails(
            sale, customer, location, carriers,
            accounts.Where(a => a.CanReceivePayments).Select(a => new NamedItem(a.Id, $"{a.Code} {a.Name}")).ToList(),
            accounts.ToDictionary(a => a.Id, a => $"{a.Code} {a.Name}"), taxRules, stock)
        {
            TierNames = PriceTierName.Resolve(await db.PriceTierNames.AsNoTracking().ToListAsync(ct)),
        };
    }
}
