using Portal.Domain.Stock;

namespace Portal.Domain.Reference;

/// <summary>
/// The reference rows a new organization starts with, so that the store wizard and order capture never meet an
/// empty list. Every row is an ordinary one the merchant may rename or delete. <see cref="Missing"/> gives what an
/// organization lacks, matching by name (case-insensitive; accounts by code too, which is unique), so a row the
/// merchant already has is never duplicated.
/// </summary>
public static class StarterBooks
{
    public const string LocationName = "Main Warehouse";
    public const string TaxFreeName = "Tax Free";
    public const string StandardTaxName = "Standard Tax";
    public const decimal StandardTaxRate = 10m;
    public const string DueOnReceiptName = "Due on receipt";

    /// <summary>Codes as in the common small-business charts (Xero's among them), so an export lines up.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, AccountType Type, bool CanReceivePayments)> Accounts =
    [
        ("090", "Bank", AccountType.Bank, true),
        ("095", "Payment Clearing", AccountType.Asset, true),
        ("200", "Sales", AccountType.Revenue, false),
        ("610", "Accounts Receivable", AccountType.Asset, false),
    ];

    public static readonly IReadOnlyList<(string Name, decimal Rate)> TaxRules = [(TaxFreeName, 0m), (StandardTaxName, StandardTaxRate)];

    public static readonly IReadOnlyList<(string Name, int Days)> PaymentTerms = [(DueOnReceiptName, 0), ("30 days", 30)];

    public static readonly IReadOnlyList<string> PriceTierNames =
        ["Retail", "Sale", "Wholesale", "Distributor", "Trade", "VIP", "Staff", "Online", "Outlet", "Special"];

    /// <summary>The starter rows <paramref name="existing"/> lacks, and which of them become defaults.</summary>
    public static StarterRows Missing(int organizationId, ExistingBooks existing)
    {
        var rows = new StarterRows();
        if (!Has(existing.LocationNames, LocationName))
        {
            rows.Location = Location.Create(organizationId, LocationName);
        }

        rows.Accounts.AddRange(Accounts
            .Where(a => !Has(existing.AccountNames, a.Name) && !Has(existing.AccountCodes, a.Code))
            .Select(a => Account.Create(organizationId, a.Code, a.Name, a.Type, a.CanReceivePayments)));
        rows.TaxRules.AddRange(TaxRules.Where(t => !Has(existing.TaxRuleNames, t.Name))
            .Select(t => TaxRule.Create(organizationId, t.Name, t.Rate, isInclusive: false)));
        rows.PaymentTerms.AddRange(PaymentTerms.Where(t => !Has(existing.PaymentTermNames, t.Name))
            .Select(t => PaymentTerm.Create(organizationId, t.Name, t.Days)));
        if (!Has(existing.CarrierNames, Carrier.LocalPickupName))
        {
            rows.Carrier = Carrier.LocalPickup(organizationId);
        }

        rows.PriceTierNames.AddRange(Enumerable.Range(1, PriceTierNames.Count).Where(t => !existing.NamedTiers.Contains(t))
            .Select(t => PriceTierName.Create(organizationId, t, PriceTierNames[t - 1])));
        return rows;
    }

    private static bool Has(IEnumerable<string> names, string name) =>
        names.Any(n => string.Equals(n.Trim(), name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>What an organization's reference books hold already, as the starter books compare it.</summary>
public sealed record ExistingBooks(
    IReadOnlyCollection<string> LocationNames,
    IReadOnlyCollection<string> AccountNames,
    IReadOnlyCollection<string> AccountCodes,
    IReadOnlyCollection<string> TaxRuleNames,
    IReadOnlyCollection<string> PaymentTermNames,
    IReadOnlyCollection<string> CarrierNames,
    IReadOnlyCollection<int> NamedTiers);

/// <summary>The starter rows to add to one organization.</summary>
public sealed class StarterRows
{
    public Location? Location { get; set; }
    public List<Account> Accounts { get; } = [];
    public List<TaxRule> TaxRules { get; } = [];
    public List<PaymentTerm> PaymentTerms { get; } = [];
    public Carrier? Carrier { get; set; }
    public List<PriceTierName> PriceTierNames { get; } = [];
}
