using System.Text.Json;
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

/// <summary>The settings document a page read (null Json: none saved yet): a save is made only over that one.</summary>
public readonly record struct StoredSettings(string? Json);

/// <summary>The wizard's answers so far and the step (1-based) the merchant was on.</summary>
public sealed record StoreSettingsDraft(int Step, StoreSettings Settings)
{
    /// <summary>The draft kept for a store, or null when there is none or it no longer reads (an older shape).</summary>
    public static StoreSettingsDraft? FromJson(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            var draft = JsonSerializer.Deserialize<StoreSettingsDraft>(json);
            return draft is { Settings: not null } ? draft with { Step = Math.Clamp(draft.Step, 1, StoreSettings.Steps) } : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Errors keyed by field, and the first step (1-based) that has one; saved when there are none.</summary>
public sealed record StoreSettingsSaveResult(IReadOnlyDictionary<string, string> Errors, int? Step, string? SavedJson = null)
{
    public bool Saved => Errors.Count == 0;
}

/// <summary>
/// Loads the choices, refreshes the per-store rows (gateways, tax rates) from the store itself, and saves. Saving checks
/// every chosen id again: a customer, account or tax rule may have been deleted or changed since the choices were
/// loaded, and a circuit message can carry any id, so what the page offered proves nothing.
/// </summary>
public sealed class StoreSettingsService(StoreClients clients, IPortalDbContextFactory dbFactory, Orders.OrderInboxSignal orders)
{
    public const string StoreField = "Store";

    /// <summary>The field of an edit conflict: someone else saved the settings after the page read them.</summary>
    public const string VersionField = "Version";

    /// <summary>
    /// Validates and saves the settings. With <paramref name="expected"/> (the settings document the page read; its
    /// Json is null before the first save) they are saved only if no one else saved meanwhile — otherwise nothing is
    /// saved, the answer names what differs and carries the current document. Saving what is already saved (a
    /// second click on Save) answers as the first save did.
    /// </summary>
    public async Task<StoreSettingsSaveResult> SaveAsync(
        int organizationId, int storeId, StoreSettings settings, CancellationToken ct = default, StoredSettings? expected = null)
    {
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var store = await db.Stores.SingleOrDefaultAsync(s => s.Id == storeId, ct);
        if (store is null)
        {
            return new StoreSettingsSaveResult(new Dictionary<string, string> { [StoreField] = "This store does not exist in your organization." }, null);
        }

        var errors = new Dictionary<string, string>();
        int? firstStep = null;
        var references = await ReferencesAsync(db, settings, ct);
        for (var step = 1; step <= StoreSettings.Steps; step++)
        {
            var stepErrors = settings.Validate(step);
            foreach (var (field, message) in references.Errors(step))
            {
                stepErrors.TryAdd(field, message);
            }

            if (stepErrors.Count > 0)
            {
                firstStep ??= step;
                foreach (var (field, message) in stepErrors)
                {
                    errors[field] = message;
                }
            }
        }

        if (errors.Count > 0)
        {
            return new StoreSettingsSaveResult(errors, firstStep);
        }

        var json = settings.ToJson();
        if (expected is { } shown && shown.Json != store.SettingsJson && json != store.SettingsJson)
        {
            return new StoreSettingsSaveResult(new Dictionary<string, string> { [VersionField] = Conflict(store.SettingsJson, json) }, null, store.SettingsJson);
        }

        store.SettingsJson = json;
        store.SettingsDraftJson = null;
        await db.SaveChangesAsync(ct);
        // Orders waiting for a tax mapping are captured by the order drain, woken now rather than at its next run.
        orders.Notify();
        return new StoreSettingsSaveResult(errors, null, store.SettingsJson);
    }

    private static string Conflict(string? currentJson, string mineJson)
    {
        var current = currentJson is null ? [] : System.Text.Json.JsonDocument.Parse(currentJson).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
        var differing = System.Text.Json.JsonDocument.Parse(mineJson).RootElement.EnumerateObject()
            .Where(p => current.GetValueOrDefault(p.Name) != p.Value.GetRawText())
            .Select(p => string.Concat(p.Name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString())))
            .ToList();
        return "Someone else saved this store's settings after you opened them; nothing of yours was saved. " +
               (differing.Count > 0 ? $"Saved now with other values for: {string.Join(", ", differing)}. " : "") +
               "Your choices are kept on the page — check them and save again to apply them.";
    }

    /// <summary>
    /// Keeps the wizard's answers so far and its step, so a merchant who leaves finds them again. Only a store whose
    /// settings were never saved has a draft: a draft written after the settings are saved (a late field change) is
    /// ignored by the condition, never resurrected.
    /// </summary>
    public async Task SaveDraftAsync(int organizationId, int storeId, StoreSettingsDraft draft, CancellationToken ct = default)
    {
        var json = JsonSerializer.Serialize(draft);
        await using var db = dbFactory.CreateForOrganization(organizationId);
        await db.Stores.Where(s => s.Id == storeId && s.SettingsJson == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.SettingsDraftJson, json), ct);
    }

    /// <summary>Forgets the wizard's draft (Start over).</summary>
    public async Task DiscardDraftAsync(int organizationId, int storeId, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateForOrganization(organizationId);
        await db.Stores.Where(s => s.Id == storeId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.SettingsDraftJson, (string?)null), ct);
    }

    /// <summary>
    /// The choices again from the books, without asking the store (after a row was created from a field); the
    /// store's own rows and read error stay as they were.
    /// </summary>
    public static async Task<StoreSettingsOptions> ReloadChoicesAsync(PortalDbContext db, StoreSettingsOptions options, CancellationToken ct = default)
    {
        var books = await BooksAsync(db, ct);
        return options with
        {
            Customers = books.Customers,
            Locations = books.Locations,
            RevenueAccounts = books.RevenueAccounts,
            PaymentAccounts = books.PaymentAccounts,
            SalesRepresentatives = books.SalesRepresentatives,
            TaxRules = books.TaxRules,
        };
    }

    private sealed record Books(
        IReadOnlyList<Choice> Customers,
        IReadOnlyList<Choice> Locations,
        IReadOnlyList<Choice> RevenueAccounts,
        IReadOnlyList<Choice> PaymentAccounts,
        IReadOnlyList<Choice> SalesRepresentatives,
        IReadOnlyList<Choice> TaxRules);

    private static async Task<Books> BooksAsync(PortalDbContext db, CancellationToken ct)
    {
        var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Code).ToListAsync(ct);
        return new Books(
            await db.Customers.AsNoTracking().OrderBy(c => c.Name).Select(c => new Choice(c.Id, c.Name)).ToListAsync(ct),
            await db.Locations.AsNoTracking().OrderBy(l => l.Name).Select(l => new Choice(l.Id, l.Name)).ToListAsync(ct),
            accounts.Where(a => a.Type == Portal.Domain.Reference.AccountType.Revenue).Select(a => new Choice(a.Id, $"{a.Code} {a.Name}")).ToList(),
            accounts.Where(a => a.CanReceivePayments).Select(a => new Choice(a.Id, $"{a.Code} {a.Name}")).ToList(),
            await db.SalesRepresentatives.AsNoTracking().OrderBy(r => r.Name).Select(r => new Choice(r.Id, r.Name)).ToListAsync(ct),
            await db.TaxRules.AsNoTracking().OrderBy(t => t.Name).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct));
    }

    /// <summary>Reads, in the organization's books only, the rows behind every id the settings name.</summary>
    private static async Task<References> ReferencesAsync(PortalDbContext db, StoreSettings settings, CancellationToken ct)
    {
        int?[] accountIds = [settings.RevenueAccountId, .. settings.PaymentMappings.Select(p => p.AccountId)];
        int?[] taxRuleIds = [settings.TaxFreeRuleId, settings.ShippingTaxRuleId, settings.FeesTaxRuleId, .. settings.TaxRates.Select(r => r.TaxRuleId)];
        var accountSet = accountIds.OfType<int>().Distinct().ToList();
        var taxRuleSet = taxRuleIds.OfType<int>().Distinct().ToList();
        return new References(
            settings,
            settings.CustomerId is { } customer && await db.Customers.AnyAsync(c => c.Id == customer, ct),
            settings.LocationId is { } location && await db.Locations.AnyAsync(l => l.Id == location, ct),
            settings.SalesRepresentativeId is { } rep && await db.SalesRepresentatives.AnyAsync(r => r.Id == rep, ct),
            await db.Accounts.AsNoTracking().Where(a => accountSet.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct),
            (await db.TaxRules.Where(t => taxRuleSet.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct)).ToHashSet());
    }

    private sealed record References(
        StoreSettings Settings,
        bool CustomerExists,
        bool LocationExists,
        bool SalesRepresentativeExists,
        Dictionary<int, Portal.Domain.Reference.Account> Accounts,
        HashSet<int> TaxRules)
    {
        public IEnumerable<(string Field, string Message)> Errors(int step)
        {
            var s = Settings;
            switch (step)
            {
                case 1 when s.CustomerId is not null && !CustomerExists:
                    yield return (nameof(s.CustomerId), "The customer chosen no longer exists: choose another.");
                    break;
                case 3 when s.LocationId is not null && !LocationExists:
                    yield return (nameof(s.LocationId), "The location chosen no longer exists: choose another, or All Locations.");
                    break;
                case 4:
                    if (s.RevenueAccountId is { } revenue && Accounts.GetValueOrDefault(revenue)?.Type != Portal.Domain.Reference.AccountType.Revenue)
                    {
                        yield return (nameof(s.RevenueAccountId), "The revenue account chosen no longer exists or is no longer a revenue account: choose another, or none.");
                    }

                    if (s.SalesRepresentativeId is not null && !SalesRepresentativeExists)
                    {
                        yield return (nameof(s.SalesRepresentativeId), "The sales representative chosen no longer exists: choose another, or none.");
                    }

                    foreach (var row in s.PaymentMappings.Where(p => p.AccountId is not null))
                    {
                        var account = Accounts.GetValueOrDefault(row.AccountId!.Value);
                        if (account is null)
                        {
                            yield return (PaymentField(row.GatewayId), $"The account chosen for {row.GatewayTitle} no longer exists: choose another, or leave it unmapped.");
                        }
                        else if (!account.CanReceivePayments)
                        {
                            yield return (PaymentField(row.GatewayId), $"{account.Code} {account.Name}, chosen for {row.GatewayTitle}, cannot receive payments: choose another, or leave it unmapped.");
                        }
                    }

                    break;
                case 6:
                    if (s.TaxFreeRuleId is { } taxFree && !TaxRules.Contains(taxFree))
                    {
                        yield return (nameof(s.TaxFreeRuleId), "The Tax Free rule chosen no longer exists: choose another.");
                    }

                    if (s.ShippingTaxRuleId is { } shipping && !TaxRules.Contains(shipping))
                    {
                        yield return (nameof(s.ShippingTaxRuleId), "The shipping tax rule chosen no longer exists: choose another.");
                    }

                    if (s.FeesTaxRuleId is { } fees && !TaxRules.Contains(fees))
                    {
                        yield return (nameof(s.FeesTaxRuleId), "The fees tax rule chosen no longer exists: choose another, or use the shipping rule.");
                    }

                    foreach (var row in s.TaxRates.Where(r => r.TaxRuleId is not null && !TaxRules.Contains(r.TaxRuleId.Value)))
                    {
                        yield return (TaxRateField(row.RateId), $"The tax rule chosen for {row.TaxClass} {row.Description} no longer exists: choose another, or leave it unmapped.");
                    }

                    break;
            }
        }
    }

    public static string PaymentField(string gatewayId) => $"{nameof(StoreSettings.PaymentMappings)}[{gatewayId}]";

    public static string TaxRateField(long rateId) => $"{nameof(StoreSettings.TaxRates)}[{rateId}]";

    public async Task<StoreSettingsOptions> LoadAsync(PortalDbContext db, ConnectedStore store, StoreSettings settings, CancellationToken ct = default)
    {
        var tierNames = await db.PriceTierNames.AsNoTracking().ToDictionaryAsync(t => t.Tier, t => t.Name, ct);
        var tiers = Enumerable.Range(1, 10).Select(t => new Choice(t, tierNames.GetValueOrDefault(t) ?? $"Tier {t}")).ToList();
        string? readError = null;
        try
        {
            await RefreshFromStoreAsync(store, settings, ct);
        }
        catch (WooApiException e)
        {
            readError = $"The store's payment gateways and tax rates could not be read ({e.Message}); the rows below are the last ones read.";
        }

        var books = await BooksAsync(db, ct);
        return new StoreSettingsOptions(
            books.Customers,
            tiers,
            books.Locations,
            books.RevenueAccounts,
            books.PaymentAccounts,
            books.SalesRepresentatives,
            books.TaxRules,
            store.TimeZone,
            readError);
    }

    /// <summary>
    /// A store's tax rate as the merchant maps it: every postcode and city it covers (the single <c>postcode</c> and
    /// <c>city</c> fields hold only the last one), and how it combines with the others (a higher priority is added
    /// on top; a compound rate is charged on the price plus the taxes before it).
    /// </summary>
    public static string DescribeRate(WooTax rate)
    {
        var postcodes = rate.Postcodes is { Count: > 0 } ? rate.Postcodes : [rate.Postcode ?? ""];
        var cities = rate.Cities is { Count: > 0 } ? rate.Cities : [rate.City ?? ""];
        var where = string.Join(' ', new[] { rate.Country, rate.State, string.Join(", ", postcodes.Where(p => !string.IsNullOrEmpty(p))),
            string.Join(", ", cities.Where(c => !string.IsNullOrEmpty(c))) }.Where(p => !string.IsNullOrEmpty(p)));
        var parts = new List<string> { $"{rate.Name} {rate.Rate:0.####}%".Trim() };
        if (where.Length > 0)
        {
            parts.Add(where);
        }

        if (rate.Priority is > 1)
        {
            parts.Add($"priority {rate.Priority}, added to lower priorities");
        }

        if (rate.Compound == true)
        {
            parts.Add("compound: charged on the price plus the taxes before it");
        }

        return string.Join(" · ", parts);
    }

    /// <summary>One row per gateway and per tax rate the store has now; existing mappings are kept by id.</summary>
    private async Task RefreshFromStoreAsync(ConnectedStore store, StoreSettings settings, CancellationToken ct)
    {
        var client = clients.For(store);
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
            Description = DescribeRate(r),
            TaxRuleId = oldRates.GetValueOrDefault(r.Id)?.TaxRuleId,
        }).ToList();
    }
}
