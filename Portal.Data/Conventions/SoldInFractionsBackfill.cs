namespace Portal.Data.Conventions;

/// <summary>
/// When products gained "Sold in fractions" (default off), the products that already hold, moved, allocated, sold or
/// use as a component a fractional quantity were switched on, so nothing the merchant already does with them is
/// refused from then on; every other product is sold in whole numbers. Plain SQL that runs on both providers
/// (quantities are integers of ten-thousandths, see <see cref="FixedPointDecimalConverter"/>).
/// </summary>
public static class SoldInFractionsBackfill
{
    private const string Fractional = "% 10000 <> 0";

    public const string Sql =
        "UPDATE Products SET SoldInFractions = 1 WHERE " +
        "Id IN (SELECT ProductId FROM StockBalances WHERE OnHand " + Fractional + ") OR " +
        "Id IN (SELECT ProductId FROM StockMovements WHERE Quantity " + Fractional + ") OR " +
        "Id IN (SELECT ProductId FROM StockAllocations WHERE Quantity " + Fractional + ") OR " +
        "Id IN (SELECT ProductId FROM SaleLines WHERE ProductId IS NOT NULL AND Quantity " + Fractional + ") OR " +
        "Id IN (SELECT ComponentProductId FROM BomLines WHERE Quantity " + Fractional + ");";
}
