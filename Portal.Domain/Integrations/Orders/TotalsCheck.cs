using System.Globalization;

namespace Portal.Domain.Integrations.Orders;

/// <summary>
/// The store's total and tax against the planned sale's. WooCommerce rounds per line and per rate, the portal per line
/// and per charge, so up to a cent per amount may differ; beyond that the sale carries a visible warning with both
/// figures, and is never corrected by an invented line.
/// </summary>
public sealed record TotalsCheck(decimal StoreTotal, decimal StoreTax, decimal SaleTotal, decimal SaleTax, int AmountCount)
{
    public decimal Tolerance => 0.01m * Math.Max(1, AmountCount);

    public bool Differs =>
        Math.Abs(StoreTotal - SaleTotal) > Tolerance || Math.Abs(StoreTax - SaleTax) > Tolerance;

    public string? Warning => Differs
        ? string.Create(CultureInfo.InvariantCulture,
            $"WooCommerce total {StoreTotal:0.00} (tax {StoreTax:0.00}) differs from the sale's total {SaleTotal:0.00} (tax {SaleTax:0.00}).")
        : null;

    public static TotalsCheck Of(decimal storeTotal, decimal storeTax, IReadOnlyList<SalePlanLine> lines, IReadOnlyList<SalePlanCharge> charges)
    {
        var net = lines.Sum(l => l.Amount) + charges.Sum(c => c.Amount);
        var tax = lines.Sum(l => l.Tax) + charges.Sum(c => c.Tax);
        return new TotalsCheck(storeTotal, storeTax, net + tax, tax, lines.Count + charges.Count);
    }
}
