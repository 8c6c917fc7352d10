using Portal.Domain.Catalog;
using Portal.Domain.Stock;

namespace Portal.Domain.Tests;

internal static class Given
{
    public const int Org = 7;
    public const int Warehouse = 1;
    public const int Shop = 2;

    public static readonly DateTime Now = new(2026, 3, 14, 9, 30, 0, DateTimeKind.Utc);

    public static StockLedger Ledger(IEnumerable<StockBalance>? balances = null, IEnumerable<StockAllocation>? allocations = null) =>
        new(Org, Now, balances ?? [], allocations ?? []);

    /// <summary>A ledger where each (product, location, quantity) has been adjusted onto hand, effects cleared.</summary>
    public static StockLedger LedgerWith(params (int ProductId, int LocationId, decimal OnHand)[] stock) =>
        Ledger(Balances(stock));

    /// <summary>Balances as loaded from the database: each (product, location) adjusted to the on hand given.</summary>
    public static IReadOnlyList<StockBalance> Balances(params (int ProductId, int LocationId, decimal OnHand)[] stock)
    {
        var setup = Ledger();
        foreach (var (productId, locationId, onHand) in stock.Where(s => s.OnHand > 0))
        {
            setup.Adjust(productId, locationId, onHand, "opening stock");
        }

        return setup.Effects.NewBalances;
    }

    public static Product Product(int id, string sku, ProductType type = ProductType.Stock)
    {
        var product = Domain.Catalog.Product.Create(Org, sku, $"Name of {sku}", type);
        product.Id = id;
        return product;
    }
}
