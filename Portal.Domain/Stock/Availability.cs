namespace Portal.Domain.Stock;

/// <summary>A quantity of a product at a location: an on-hand figure or an allocated figure.</summary>
public readonly record struct StockFigure(int ProductId, int LocationId, decimal Quantity);

public sealed record LocationAvailability(int ProductId, int LocationId, decimal OnHand, decimal Allocated)
{
    public decimal Available => Availability.Available(OnHand, Allocated);
}

public sealed record ProductAvailability(int ProductId, decimal OnHand, decimal Allocated)
{
    public decimal Available => Availability.Available(OnHand, Allocated);
}

/// <summary>
/// available = on hand − allocated, per product and location and in total. On order (stock not yet received) is
/// deliberately not part of it. The same code serves the Stock page and stock sync, so both always agree.
/// </summary>
public static class Availability
{
    public static decimal Available(decimal onHand, decimal allocated) => onHand - allocated;

    /// <summary>
    /// One row per product and location that has a balance or an allocation. Figures may repeat a key (for example
    /// one allocated figure per allocation row); they are summed.
    /// </summary>
    public static IReadOnlyList<LocationAvailability> PerLocation(
        IEnumerable<StockFigure> onHand, IEnumerable<StockFigure> allocated)
    {
        var sums = new Dictionary<(int, int), (decimal OnHand, decimal Allocated)>();
        foreach (var figure in onHand)
        {
            var key = (figure.ProductId, figure.LocationId);
            sums.TryGetValue(key, out var sum);
            sums[key] = (sum.OnHand + figure.Quantity, sum.Allocated);
        }

        foreach (var figure in allocated)
        {
            var key = (figure.ProductId, figure.LocationId);
            sums.TryGetValue(key, out var sum);
            sums[key] = (sum.OnHand, sum.Allocated + figure.Quantity);
        }

        var rows = new List<LocationAvailability>(sums.Count);
        foreach (var ((productId, locationId), sum) in sums)
        {
            rows.Add(new LocationAvailability(productId, locationId, sum.OnHand, sum.Allocated));
        }

        return rows;
    }

    public static IReadOnlyList<LocationAvailability> PerLocation(
        IEnumerable<StockBalance> balances, IEnumerable<StockAllocation> allocations) =>
        PerLocation(
            balances.Select(b => new StockFigure(b.ProductId, b.LocationId, b.OnHand)),
            allocations.Select(a => new StockFigure(a.ProductId, a.LocationId, a.Quantity)));

    /// <summary>Sums the locations of each product.</summary>
    public static IReadOnlyList<ProductAvailability> Totals(IEnumerable<LocationAvailability> perLocation)
    {
        var sums = new Dictionary<int, (decimal OnHand, decimal Allocated)>();
        foreach (var row in perLocation)
        {
            sums.TryGetValue(row.ProductId, out var sum);
            sums[row.ProductId] = (sum.OnHand + row.OnHand, sum.Allocated + row.Allocated);
        }

        return sums.Select(s => new ProductAvailability(s.Key, s.Value.OnHand, s.Value.Allocated)).ToList();
    }
}
