using Portal.Domain.Sales;

namespace Portal.Domain.Tests.Sales;

public class AuthorisationWarningsTests
{
    [Fact]
    public void For_WhenALineIsAtPriceZeroAndAnotherHasNoTaxRule_ThenEachIsNamed()
    {
        var warnings = AuthorisationWarnings.For([("WIDGET – Widget", 0m, true), ("Fitting", 25m, false), ("GADGET – Gadget", 4m, true)]);

        warnings.ShouldBe(["WIDGET – Widget: the price is 0.", "Fitting: no tax rule, so no tax is charged on it."]);
    }

    [Fact]
    public void For_WhenEveryLineHasAPriceAndATaxRule_ThenNothingToWarnAbout()
    {
        AuthorisationWarnings.For([("WIDGET – Widget", 12.5m, true)]).ShouldBeEmpty();
    }
}
