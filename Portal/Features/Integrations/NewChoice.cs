using Portal.Domain.Organizations;

namespace Portal.Features.Integrations;

/// <summary>A row a settings field can point at and that can be created from the field itself.</summary>
public enum NewChoice
{
    Customer,
    TaxRule,
    RevenueAccount,
    PaymentAccount,
    Location,
    SalesRepresentative,
}

public static class NewChoices
{
    /// <summary>What the button and the dialog call the row.</summary>
    public static string Describe(NewChoice kind) => kind switch
    {
        NewChoice.Customer => "customer",
        NewChoice.TaxRule => "tax rule",
        NewChoice.RevenueAccount => "revenue account",
        NewChoice.PaymentAccount => "payment account",
        NewChoice.Location => "location",
        _ => "sales representative",
    };

    /// <summary>Who may create the row: customers are Sales work, the reference books an administrator's.</summary>
    public static Permissions Needs(NewChoice kind) =>
        kind == NewChoice.Customer ? Permissions.Sales | Permissions.Administrator : Permissions.Administrator;

    /// <summary>The element id of a field's button: "new-tax-rule".</summary>
    public static string Id(NewChoice kind) => "new-" + Describe(kind).Replace(' ', '-');
}
