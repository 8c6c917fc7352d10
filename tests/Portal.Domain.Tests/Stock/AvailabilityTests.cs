using Portal.Domain.Stock;

namespace Portal.Domain.Tests.Stock;

public class AvailabilityTests
{
    [Fact]
    public void PerLocation_WhenAllocationsExist_ThenAvailableIsOnHandMinusAllocated()
    {
        var rows = Availability.PerLocation(
            [new StockFigure(1, 10, 8m), new StockFigure(1, 20, 2m), new StockFigure(2, 10, 1m)],
            [new StockFigure(1, 10, 3m), new StockFigure(1, 10, 1.5m), new StockFigure(2, 10, 4m), new StockFigure(3, 20, 1m)]);

        Row(rows, 1, 10).ShouldBe(new LocationAvailability(1, 10, 8m, 4.5m));
        Row(rows, 1, 10).Available.ShouldBe(3.5m);
        Row(rows, 1, 20).Available.ShouldBe(2m);
        Row(rows, 2, 10).Available.ShouldBe(-3m);
        Row(rows, 3, 20).Available.ShouldBe(-1m);
        rows.Count.ShouldBe(4);
    }

    [Fact]
    public void Totals_WhenAProductIsAtSeveralLocations_ThenSumsThem()
    {
        var rows = Availability.PerLocation(
            [new StockFigure(1, 10, 8m), new StockFigure(1, 20, 2m)],
            [new StockFigure(1, 20, 5m)]);

        var total = Availability.Totals(rows).ShouldHaveSingleItem();

        total.ShouldBe(new ProductAvailability(1, 10m, 5m));
        total.Available.ShouldBe(5m);
    }

    [Fact]
    public void PerLocation_WhenGivenEntities_ThenAgreesWithTheLedger()
    {
        var ledger = Given.LedgerWith((1, 10, 6m));
        ledger.SetAllocation(AllocationSource.Sale, 3, 1, 10, 2m);
        var balances = Given.Balances((1, 10, 6m));

        var row = Availability.PerLocation(balances, ledger.Effects.NewAllocations).ShouldHaveSingleItem();

        row.Available.ShouldBe(ledger.Available(1, 10));
        row.Available.ShouldBe(4m);
    }

    private static LocationAvailability Row(IReadOnlyList<LocationAvailability> rows, int productId, int locationId) =>
        rows.Single(r => r.ProductId == productId && r.LocationId == locationId);
}
