using Portal.Domain.Reference;

namespace Portal.Domain.Tests.Reference;

public class TaxRuleTests
{
    [Fact]
    public void Apply_WhenExclusive_ThenTaxIsAddedOnTop()
    {
        var rule = TaxRule.Create(Given.Org, "GST", 15m, isInclusive: false);

        rule.Apply(100m).ShouldBe(new TaxedAmount(100m, 15m, 115m));
    }

    [Fact]
    public void Apply_WhenInclusive_ThenTaxIsTakenOutOfTheAmount()
    {
        var rule = TaxRule.Create(Given.Org, "GST incl", 15m, isInclusive: true);

        rule.Apply(115m).ShouldBe(new TaxedAmount(100m, 15m, 115m));
    }

    [Fact]
    public void Apply_WhenTaxHasAHalfCent_ThenRoundsAwayFromZero()
    {
        var rule = TaxRule.Create(Given.Org, "Ten", 10m, isInclusive: false);

        rule.Apply(0.25m).Tax.ShouldBe(0.03m);
        rule.Apply(-0.25m).Tax.ShouldBe(-0.03m);
    }

    [Fact]
    public void Given_WhenTaxIsGiven_ThenUsedAsIs()
    {
        TaxedAmount.Given(10m, 1.11m, inclusive: false).ShouldBe(new TaxedAmount(10m, 1.11m, 11.11m));
        TaxedAmount.Given(10m, 1.11m, inclusive: true).ShouldBe(new TaxedAmount(8.89m, 1.11m, 10m));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Create_WhenRateIsOutOfRange_ThenRefusedOnTheRateField(decimal rate)
    {
        var error = Should.Throw<DomainValidationException>(() => TaxRule.Create(Given.Org, "Bad", rate, false));

        error.Errors.ShouldHaveSingleItem().Field.ShouldBe("Rate");
    }
}
