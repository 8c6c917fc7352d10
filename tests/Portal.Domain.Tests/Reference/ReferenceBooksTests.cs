using Portal.Domain.Reference;
using Portal.Domain.Stock;

namespace Portal.Domain.Tests.Reference;

public class ReferenceBooksTests
{
    [Fact]
    public void DueDate_WhenTermHasDays_ThenInvoiceDatePlusDays()
    {
        PaymentTerm.DueDate(new DateTime(2026, 1, 25, 15, 0, 0, DateTimeKind.Utc), 30)
            .ShouldBe(new DateTime(2026, 2, 24, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void MakeDefault_WhenAnotherTermWasDefault_ThenOnlyTheChosenOneIs()
    {
        var terms = new[] { PaymentTerm.Create(Given.Org, "Now", 0), PaymentTerm.Create(Given.Org, "30 days", 30) };
        Defaults.MakeDefault(terms, terms[0]);

        Defaults.MakeDefault(terms, terms[1]);

        terms.Select(t => t.IsDefault).ShouldBe([false, true]);
    }

    [Fact]
    public void MakeDefault_WhenLocationIsChosen_ThenIsTheOnlyDefaultLocation()
    {
        var locations = new[] { Location.Create(Given.Org, "Warehouse"), Location.Create(Given.Org, "Shop") };

        Defaults.MakeDefault(locations, locations[1]);

        locations.Single(l => l.IsDefault).Name.ShouldBe("Shop");
        Should.Throw<ArgumentException>(() => Defaults.MakeDefault(locations, Location.Create(Given.Org, "Elsewhere")));
    }

    [Fact]
    public void PaymentTerm_WhenDaysNegative_ThenRefused()
    {
        Should.Throw<DomainValidationException>(() => PaymentTerm.Create(Given.Org, "Odd", -1));
    }

    [Fact]
    public void Account_WhenRevenueAccountShouldReceivePayments_ThenRefused()
    {
        Should.Throw<DomainValidationException>(() =>
            Account.Create(Given.Org, "4000", "Sales", AccountType.Revenue, canReceivePayments: true));
        Account.Create(Given.Org, "1000", "Bank", AccountType.Bank, canReceivePayments: true).CanReceivePayments.ShouldBeTrue();
    }

    [Fact]
    public void LocalPickup_ThenIsRecognisedAsLocalPickup()
    {
        Carrier.LocalPickup(Given.Org).IsLocalPickup.ShouldBeTrue();
        Carrier.Create(Given.Org, "Courier").IsLocalPickup.ShouldBeFalse();
    }

    [Fact]
    public void Resolve_WhenSomeTiersAreNamed_ThenOthersKeepTheirDefaultNames()
    {
        var names = PriceTierName.Resolve([PriceTierName.Create(Given.Org, 2, "Wholesale")]);

        names.Count.ShouldBe(10);
        names[0].ShouldBe("Tier 1");
        names[1].ShouldBe("Wholesale");
        names[9].ShouldBe("Tier 10");
    }
}
