using Portal.Domain.Reference;

namespace Portal.Domain.Tests.Reference;

public class StarterBooksTests
{
    private static readonly ExistingBooks Nothing = new([], [], [], [], [], [], []);

    [Fact]
    public void Missing_WhenTheBooksAreEmpty_ThenEveryStarterRow()
    {
        var rows = StarterBooks.Missing(Given.Org, Nothing);

        rows.Location!.Name.ShouldBe("Main Warehouse");
        rows.Accounts.Select(a => (a.Code, a.Name, a.Type, a.CanReceivePayments)).ShouldBe(StarterBooks.Accounts);
        rows.Accounts.Where(a => a.CanReceivePayments).Select(a => a.Name).ShouldBe(["Bank", "Payment Clearing"]);
        rows.TaxRules.Select(t => (t.Name, t.Rate, t.IsInclusive)).ShouldBe([("Tax Free", 0m, false), ("Standard Tax", 10m, false)]);
        rows.PaymentTerms.Select(t => (t.Name, t.Days)).ShouldBe([("Due on receipt", 0), ("30 days", 30)]);
        rows.Carrier!.IsLocalPickup.ShouldBeTrue();
        rows.PriceTierNames.Select(t => t.Tier).ShouldBe(Enumerable.Range(1, 10));
        rows.PriceTierNames.Select(t => t.Name).Distinct().Count().ShouldBe(10);
        rows.PriceTierNames.ShouldAllBe(t => t.OrganizationId == Given.Org);
    }

    [Fact]
    public void Missing_WhenTheMerchantHasRowsOfTheSameNameInAnotherCase_ThenThoseAreNotAddedAgain()
    {
        var existing = new ExistingBooks(
            LocationNames: ["main warehouse"],
            AccountNames: ["SALES "],
            AccountCodes: ["090"],
            TaxRuleNames: ["TAX FREE"],
            PaymentTermNames: ["due on receipt"],
            CarrierNames: ["local pickup"],
            NamedTiers: [1, 2]);

        var rows = StarterBooks.Missing(Given.Org, existing);

        rows.Location.ShouldBeNull();
        rows.Accounts.Select(a => a.Name).ShouldBe(["Payment Clearing", "Accounts Receivable"], "Sales by name, Bank by its code");
        rows.TaxRules.Select(t => t.Name).ShouldBe(["Standard Tax"]);
        rows.PaymentTerms.Select(t => t.Name).ShouldBe(["30 days"]);
        rows.Carrier.ShouldBeNull();
        rows.PriceTierNames.Select(t => t.Tier).ShouldBe(Enumerable.Range(3, 8));
    }
}
