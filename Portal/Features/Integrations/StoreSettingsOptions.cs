using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Integrations;
using Portal.WooCommerce;

namespace Portal.Features.Integrations;

public sealed record Choice(int Id, string Name);

/// <summary>What the settings can point at: the organization's reference books and what the store reports.</summary>
public sealed record StoreSettingsOptions(
    IReadOnlyList<Choice> Customers,
    IReadOnlyList<Choice> PriceTiers,
    IReadOnlyList<Choice> Locations,
    IReadOnlyList<Choice> RevenueAccounts,
    IReadOnlyList<Choice> PaymentAccounts,
    IReadOnlyList<Choice> SalesRepresentatives,
    IReadOnlyList<Choice> TaxRules,
    string StoreTimeZone,
    string? StoreReadError)
{
    public static readonly IReadOnlyList<TimeOnly> ConsolidationTimes =
        Enumerable.Range(0, 48).Select(i => new TimeOnly(i / 2, i % 2 * 30)).ToList();
}

/// <summary>Loads the choices and refreshes the per-store rows (gateways, tax rates) from the store itself.</summary>
public sealed class StoreSettingsService(IWooClientFactory clients, StoreSecrets secrets)
{
    public async Task<StoreSettingsOptions> LoadAsync(PortalDbContext db, ConnectedStore store, StoreSettings settings, CancellationToken ct = default)
    {
        var tierNames = await db.PriceTierNames.AsNoTracking().ToDictionaryAsync(t => t.Tier, t => t.Name, ct);
        var tiers = Enumerable.Range(1, 10).Select(t => new Choice(t, tierNames.GetValueOrDefault(t) ?? $"Tier {t}")).ToList();
        var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Code).ToListAsync(ct);
        string? readError = null;
        try
        {
            await RefreshFromStoreAsync(store, settings, ct);
        }
        catch (WooApiException e)
        {
            readError = $"The store's payment gateways and tax rates could not be read ({e.Message}); the rows below are the last ones read.";
        }

        return new StoreSettingsOptions(
            await db.Customers.AsNoTracking().OrderBy(c => c.Name).Select(c => new Choice(c.Id, c.Name)).ToListAsync(ct),
            tiers,
            await db.Locations.AsNoTracking().OrderBy(l => l.Name).Select(l => new Choice(l.Id, l.Name)).ToListAsync(ct),
            accounts.Where(a => a.Type == Portal.Domain.Reference.AccountType.Revenue).Select(a => new Choice(a.Id, $"{a.Code} {a.Name}")).ToList(),
            accounts.Where(a => a.CanReceivePayments).Select(a => new Choice(a.Id, $"{a.Code} {a.Name}")).ToList(),
            await db.SalesRepresentatives.AsNoTracking().OrderBy(r => r.Name).Select(r => new Choice(r.Id, r.Name)).ToListAsync(ct),
            await db.TaxRules.AsNoTracking().OrderBy(t => t.Name).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct),
            store.TimeZone,
            readError);
    }

    /// <summary>One row per gateway and per tax rate the store has now; existing mappings are kept by id.</summary>
    private async Task RefreshFromStoreAsync(ConnectedStore store, StoreSettings settings, CancellationToken ct)
    {
        var client = clients.GetClient(new WooStoreConnection(store.PublicKey, new Uri(store.Url),
            secrets.Unprotect(store.ProtectedConsumerKey), secrets.Unprotect(store.ProtectedConsumerSecret)));
        var gateways = await client.ListPaymentGatewaysAsync(ct);
        var rates = new List<WooTax>();
        await foreach (var rate in client.IterateTaxesAsync(ct))
        {
            rates.Add(rate);
        }

        var oldPayments = settings.PaymentMappings.ToDictionary(p => p.GatewayId);
        settings.PaymentMappings = gateways.Where(g => !string.IsNullOrEmpty(g.Id)).Select(g => new PaymentMapping
        {
            GatewayId = g.Id!,
            GatewayTitle = string.IsNullOrWhiteSpace(g.Title) ? g.Id! : g.Title!,
            AccountId = oldPayments.GetValueOrDefault(g.Id!)?.AccountId,
        }).ToList();

        var oldRates = settings.TaxRates.ToDictionary(r => r.RateId);
        settings.TaxRates = rates.OrderBy(r => r.Class).ThenBy(r => r.Order).Select(r => new TaxRateMapping
        {
            RateId = r.Id,
            TaxClass = string.IsNullOrEmpty(r.Class) || r.Class == "standard" ? "Standard" : r.Class,
            Description = $"{r.Name} {r.Rate:0.####}% {string.Join(' ', new[] { r.Country, r.State, r.Postcode, r.City }.Where(p => !string.IsNullOrEmpty(p)))}".Trim(),
            TaxRuleId = oldRates.GetValueOrDefault(r.Id)?.TaxRuleId,
        }).ToList();
    }
}
