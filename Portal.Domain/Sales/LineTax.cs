using Portal.Domain.Reference;

namespace Portal.Domain.Sales;

/// <summary>
/// The tax of one amount (an order line, an additional charge, a credit note line), stored with the amount. The
/// rule's rate and inclusive flag are copied so that editing the rule later does not change a sale. A given tax
/// amount (a web order's own figure) is kept as is and never recalculated.
/// </summary>
public sealed record LineTax(int? TaxRuleId, decimal Rate, bool IsInclusive, bool IsGiven, decimal Amount)
{
    public static LineTax For(decimal amount, TaxRule? rule, decimal? givenTax)
    {
        var rate = rule?.Rate ?? 0m;
        var inclusive = rule?.IsInclusive ?? false;
        if (givenTax is { } given)
        {
            if (Amounts.RoundMoney(given) != given)
            {
                throw new DomainException($"The tax amount {given} has more than 2 decimals.");
            }

            return new LineTax(rule?.Id, rate, inclusive, true, given);
        }

        return new LineTax(rule?.Id, rate, inclusive, false, TaxedAmount.Compute(amount, rate, inclusive).Tax);
    }

    public TaxedAmount Split(decimal amount) => TaxedAmount.Given(amount, Amount, IsInclusive);
}
