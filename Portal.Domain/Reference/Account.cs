using Portal.Domain.Organizations;

namespace Portal.Domain.Reference;

public enum AccountType
{
    Asset = 1,
    Bank = 2,
    Liability = 3,
    Equity = 4,
    Revenue = 5,
    Expense = 6,
}

/// <summary>An account of the chart of accounts. Payments can only be recorded against one that can receive them.</summary>
public class Account : IOrganizationOwned, IVersioned
{
    private Account()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid Version { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public AccountType Type { get; private set; }
    public bool CanReceivePayments { get; private set; }

    public static Account Create(int organizationId, string? code, string? name, AccountType type, bool canReceivePayments)
    {
        var account = new Account { OrganizationId = organizationId };
        account.Change(code, name, type, canReceivePayments);
        return account;
    }

    public void Change(string? code, string? name, AccountType type, bool canReceivePayments)
    {
        var errors = new[]
        {
            Names.Check(code, nameof(Code), "account", 20),
            Names.Check(name, nameof(Name), "account", 100),
        }.OfType<ValidationError>().ToList();
        if (canReceivePayments && type is not (AccountType.Bank or AccountType.Asset))
        {
            errors.Add(new ValidationError(nameof(CanReceivePayments), "Only a bank or asset account can receive payments."));
        }

        DomainValidationException.ThrowIfAny(errors);
        Code = code!.Trim();
        Name = name!.Trim();
        Type = type;
        CanReceivePayments = canReceivePayments;
    }
}
