namespace Portal.Domain.Customers;

/// <summary>
/// Which portal customer a store customer is: the one with the same e-mail (case-insensitive), else the one whose
/// company (or name) is the store customer's company. Null: a new customer.
/// </summary>
public static class StoreCustomerMatching
{
    public static Customer? Find(IEnumerable<Customer> customers, string? email, string? company)
    {
        var list = customers as IReadOnlyCollection<Customer> ?? customers.ToList();
        var wantedEmail = Names.Optional(email);
        if (wantedEmail is not null &&
            list.FirstOrDefault(c => string.Equals(c.Email, wantedEmail, StringComparison.OrdinalIgnoreCase)) is { } byEmail)
        {
            return byEmail;
        }

        var wantedCompany = Names.Optional(company);
        return wantedCompany is null
            ? null
            : list.FirstOrDefault(c => string.Equals(c.Company?.Trim(), wantedCompany, StringComparison.OrdinalIgnoreCase))
              ?? list.FirstOrDefault(c => c.Email is null && string.Equals(c.Name, wantedCompany, StringComparison.OrdinalIgnoreCase));
    }
}
