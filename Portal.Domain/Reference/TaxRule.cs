using Portal.Domain.Organizations;

namespace Portal.Domain.Reference;

/// <summary>
/// A tax rate. Inclusive: the amounts it applies to already contain the tax. Exclusive: the tax is added on top.
/// </summary>
public class TaxRule : IOrganizationOwned, IVersioned
{
    private TaxRule()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid Version { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Percent: 10 means 10 %.</summary>
    public decimal Rate { get; private set; }

    public bool IsInclusive { get; private set; }

    public static TaxRule Create(int organizationId, string? name, decimal rate, bool isInclusive)
    {
        var rule = new TaxRule { OrganizationId = organizationId };
        rule.Change(name, rate, isInclusive);
        return rule;
    }

    public void Change(string? name, decimal rate, bool isInclusive)
    {
        Name = Names.Required(name, nameof(Name), "tax rule", 100);
        if (rate < 0 || rate > 100 || !Amounts.FitsStoredScale(rate))
        {
            throw new DomainValidationException(
                [new ValidationError(nameof(Rate), "The rate is a percentage from 0 to 100 with at most 4 decimals.")]);
        }

        Rate = rate;
        IsInclusive = isInclusive;
    }

    public TaxedAmount Apply(decimal amount) => TaxedAmount.Compute(amount, Rate, IsInclusive);
}

/// <summary>An amount split into net, tax and gross, rounded to cents.</summary>
public readonly record struct TaxedAmount(decimal Net, decimal Tax, decimal Gross)
{
    public static readonly TaxedAmount Zero = new(0, 0, 0);

    /// <summary>Tax from a rate: exclusive adds it to the amount, inclusive takes it out of the amount.</summary>
    public static TaxedAmount Compute(decimal amount, decimal ratePercent, bool inclusive)
    {
        var tax = inclusive
            ? Amounts.RoundMoney(amount * ratePercent / (100m + ratePercent))
            : Amounts.RoundMoney(amount * ratePercent / 100m);
        return Given(amount, tax, inclusive);
    }

    /// <summary>A tax amount decided elsewhere (a web order's own figures): taken as is, never recalculated.</summary>
    public static TaxedAmount Given(decimal amount, decimal tax, bool inclusive)
    {
        var rounded = Amounts.RoundMoney(amount);
        return inclusive ? new TaxedAmount(rounded - tax, tax, rounded) : new TaxedAmount(rounded, tax, rounded + tax);
    }

    public static TaxedAmount operator +(TaxedAmount a, TaxedAmount b) =>
        new(a.Net + b.Net, a.Tax + b.Tax, a.Gross + b.Gross);
}
