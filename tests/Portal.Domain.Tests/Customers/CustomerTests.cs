using Portal.Domain.Customers;

namespace Portal.Domain.Tests.Customers;

public class CustomerTests
{
    [Fact]
    public void Create_WhenNameIsBlank_ThenRefusedOnTheNameField()
    {
        var error = Should.Throw<DomainValidationException>(() => Customer.Create(Given.Org, " "));

        error.Errors.ShouldHaveSingleItem().Field.ShouldBe("Name");
    }

    [Theory]
    [InlineData("ann@example.com", true)]
    [InlineData("ann@example", false)]
    [InlineData("ann example.com", false)]
    [InlineData("a@b@example.com", false)]
    public void ChangeEmail_WhenGiven_ThenAcceptsOnlyAnAddressShape(string email, bool accepted)
    {
        var customer = Customer.Create(Given.Org, "Ann");

        var error = Record.Exception(() => customer.ChangeEmail(email));

        (error is null).ShouldBe(accepted);
    }

    [Fact]
    public void ChangePriceTier_WhenOutOfRange_ThenRefusedAndDefaultStays()
    {
        var customer = Customer.Create(Given.Org, "Ann");

        Should.Throw<DomainException>(() => customer.ChangePriceTier(11));

        customer.PriceTier.ShouldBe(1);
    }

    [Fact]
    public void Addresses_WhenNotGiven_ThenEmpty()
    {
        var customer = Customer.Create(Given.Org, "Ann");

        customer.BillingAddress.IsEmpty.ShouldBeTrue();
        (customer.ShippingAddress with { City = "Oslo" }).IsEmpty.ShouldBeFalse();
    }
}
