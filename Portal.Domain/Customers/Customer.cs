using Portal.Domain.Catalog;
using Portal.Domain.Organizations;

namespace Portal.Domain.Customers;

public class Customer : IOrganizationOwned, IVersioned
{
    private Customer()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid Version { get; private set; }
    public string Name { get; private set; } = "";
    public string? Contact { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; private set; }
    public string? Company { get; set; }
    public Address BillingAddress { get; set; } = Address.Empty;
    public Address ShippingAddress { get; set; } = Address.Empty;
    public Address BusinessAddress { get; set; } = Address.Empty;
    public int PriceTier { get; private set; } = 1;
    public int? PaymentTermId { get; set; }
    public int? TaxRuleId { get; set; }
    public int? SalesRepresentativeId { get; set; }

    public static Customer Create(int organizationId, string? name)
    {
        var customer = new Customer { OrganizationId = organizationId };
        customer.Rename(name);
        return customer;
    }

    public void Rename(string? name) => Name = Names.Required(name, nameof(Name), "customer", 255);

    public void ChangeEmail(string? email)
    {
        var value = Names.Optional(email);
        if (value is not null && !LooksLikeEmail(value))
        {
            throw new DomainValidationException([new ValidationError(nameof(Email), $"'{value}' is not an email address.")]);
        }

        Email = value;
    }

    public void ChangePriceTier(int tier) => PriceTier = PriceTiers.Check(tier);

    // Deliberately loose: one @ with something on both sides and a dot in the domain. Real validation is sending mail.
    private static bool LooksLikeEmail(string value)
    {
        var at = value.IndexOf('@');
        return at > 0 && at == value.LastIndexOf('@') && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.') &&
               !value.Any(char.IsWhiteSpace);
    }
}
