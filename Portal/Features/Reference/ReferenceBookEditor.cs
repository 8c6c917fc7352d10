using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Conventions;
using Portal.Data.Tenancy;
using Portal.Domain;
using Portal.Domain.Catalog;
using Portal.Domain.Organizations;
using Portal.Domain.Reference;
using Portal.Domain.Sales;
using Portal.Domain.Stock;
using Portal.Features.Common;

namespace Portal.Features.Reference;

/// <summary>
/// Creates and edits the reference books (tax rules, accounts, payment terms, carriers, sales representatives, price
/// tier names, locations, categories, brands, the default sales account). Administrators only; each call is one
/// transaction, and a name or code that another row already has comes back as a field error.
/// </summary>
public sealed class ReferenceBookEditor(UnitOfWork unitOfWork)
{
    public Task<OperationResult<int>> SaveTaxRuleAsync(
        ITenantContext tenant, int? id, string? name, decimal rate, bool isInclusive, CancellationToken ct = default, SubmissionToken? submission = null,
        Guid? expectedVersion = null) =>
        Save(tenant, db => db.TaxRules, id, org => TaxRule.Create(org, name, rate, isInclusive),
            r => r.Change(name, rate, isInclusive), r => r.Id, ct, submission: submission, expectedVersion: expectedVersion);

    public Task<OperationResult<int>> SaveAccountAsync(
        ITenantContext tenant, int? id, string? code, string? name, AccountType type, bool canReceivePayments,
        CancellationToken ct = default, SubmissionToken? submission = null, Guid? expectedVersion = null) =>
        Save(tenant, db => db.Accounts, id, org => Account.Create(org, code, name, type, canReceivePayments),
            a => a.Change(code, name, type, canReceivePayments), a => a.Id, ct, submission: submission, expectedVersion: expectedVersion,
            duplicate: new ValidationError(nameof(Account.Code), $"Another account already has the code '{code?.Trim()}'."));

    public Task<OperationResult<int>> SavePaymentTermAsync(
        ITenantContext tenant, int? id, string? name, int days, bool makeDefault, CancellationToken ct = default,
        SubmissionToken? submission = null, Guid? expectedVersion = null) =>
        unitOfWork.RunOnceAsync(tenant, submission, "Reference.PaymentTerm", Permissions.Administrator, "reference books", async (db, org, token) =>
        {
            var all = await db.PaymentTerms.ToListAsync(token);
            var term = id is null ? null : all.FirstOrDefault(t => t.Id == id) ?? throw Missing("payment term", id);
            if (term is null)
            {
                term = PaymentTerm.Create(org, name, days);
                db.PaymentTerms.Add(term);
                all.Add(term);
            }
            else
            {
                RowVersions.SaveUnder(db, term, expectedVersion, "payment term");
                term.Change(name, days);
            }

            // The first term becomes the default: "one default" holds from the first row on.
            if (makeDefault || !all.Any(t => t.IsDefault))
            {
                Defaults.MakeDefault(all, term);
            }

            await db.SaveChangesAsync(token);
            return term.Id;
        }, ct);

    public Task<OperationResult<int>> SaveLocationAsync(
        ITenantContext tenant, int? id, string? name, bool makeDefault, CancellationToken ct = default,
        SubmissionToken? submission = null, Guid? expectedVersion = null) =>
        unitOfWork.RunOnceAsync(tenant, submission, "Reference.Location", Permissions.Administrator, "reference books", async (db, org, token) =>
        {
            var all = await db.Locations.ToListAsync(token);
            var location = id is null ? null : all.FirstOrDefault(l => l.Id == id) ?? throw Missing("location", id);
            if (location is null)
            {
                location = Location.Create(org, name ?? "");
                db.Locations.Add(location);
                all.Add(location);
            }
            else
            {
                RowVersions.SaveUnder(db, location, expectedVersion, "location");
                location.Rename(name ?? "");
            }

            if (makeDefault || !all.Any(l => l.IsDefault))
            {
                Defaults.MakeDefault(all, location);
            }

            await SaveUniqueAsync(db, new ValidationError(nameof(Location.Name), $"Another location is already named '{name?.Trim()}'."), token);
            return location.Id;
        }, ct);

    /// <param name="trackingUrl">The carrier's tracking page with {tracking} for the number; blank for none.</param>
    public Task<OperationResult<int>> SaveCarrierAsync(
        ITenantContext tenant, int? id, string? name, CancellationToken ct = default, SubmissionToken? submission = null, Guid? expectedVersion = null,
        string? trackingUrl = null) =>
        Save(tenant, db => db.Carriers, id, org => Carrier.Create(org, name).WithTrackingUrlTemplate(trackingUrl),
            c => c.WithTrackingUrlTemplate(trackingUrl).Rename(name), c => c.Id, ct, submission: submission, expectedVersion: expectedVersion);

    public Task<OperationResult<int>> SaveSalesRepresentativeAsync(
        ITenantContext tenant, int? id, string? name, string? email, CancellationToken ct = default, SubmissionToken? submission = null,
        Guid? expectedVersion = null) =>
        Save(tenant, db => db.SalesRepresentatives, id, org => WithEmail(SalesRepresentative.Create(org, name), email),
            r => WithEmail(r, email).Rename(name), r => r.Id, ct, submission: submission, expectedVersion: expectedVersion);

    public Task<OperationResult<int>> SaveCategoryAsync(
        ITenantContext tenant, int? id, string? name, CancellationToken ct = default, SubmissionToken? submission = null, Guid? expectedVersion = null) =>
        Save(tenant, db => db.Categories, id, org => Category.Create(org, name), c => c.Rename(name), c => c.Id, ct, submission: submission,
            expectedVersion: expectedVersion,
            duplicate: new ValidationError(nameof(Category.Name), $"Another category is already named '{name?.Trim()}'."));

    public Task<OperationResult<int>> SaveBrandAsync(
        ITenantContext tenant, int? id, string? name, CancellationToken ct = default, SubmissionToken? submission = null, Guid? expectedVersion = null) =>
        Save(tenant, db => db.Brands, id, org => Brand.Create(org, name), b => b.Rename(name), b => b.Id, ct, submission: submission,
            expectedVersion: expectedVersion,
            duplicate: new ValidationError(nameof(Brand.Name), $"Another brand is already named '{name?.Trim()}'."));

    /// <summary>
    /// Sets the ten tier names at once; a blank name means the default "Tier N". With <paramref name="expectedVersions"/>
    /// (the version of each named tier the page showed; a tier it showed unnamed is absent) only if no one else named,
    /// renamed or cleared a tier since — otherwise refused with <see cref="EditConflictException"/>, nothing changed.
    /// </summary>
    public Task<OperationResult<int>> SavePriceTierNamesAsync(
        ITenantContext tenant, IReadOnlyList<string?> names, CancellationToken ct = default,
        IReadOnlyDictionary<int, Guid>? expectedVersions = null) =>
        unitOfWork.RunAsync(tenant, Permissions.Administrator, "reference books", async (db, org, token) =>
        {
            if (names.Count != PriceTiers.Count)
            {
                throw new DomainException($"Give the names of all {PriceTiers.Count} tiers.");
            }

            var stored = await db.PriceTierNames.ToDictionaryAsync(n => n.Tier, token);
            if (expectedVersions is not null && (stored.Count != expectedVersions.Count
                || stored.Any(n => !expectedVersions.TryGetValue(n.Key, out var shown) || shown != n.Value.Version)))
            {
                throw new EditConflictException("list of price tier names");
            }

            var errors = new List<ValidationError>();
            for (var tier = 1; tier <= PriceTiers.Count; tier++)
            {
                var name = names[tier - 1]?.Trim();
                stored.TryGetValue(tier, out var row);
                if (string.IsNullOrEmpty(name) || name == PriceTiers.DefaultName(tier))
                {
                    if (row is not null)
                    {
                        db.PriceTierNames.Remove(row);
                    }
                }
                else if (name.Length > 50)
                {
                    errors.Add(new ValidationError($"Tier{tier}", "A tier name has at most 50 characters."));
                }
                else if (row is null)
                {
                    db.PriceTierNames.Add(PriceTierName.Create(org, tier, name));
                }
                else
                {
                    row.Rename(name);
                }
            }

            DomainValidationException.ThrowIfAny(errors);
            return await db.SaveChangesAsync(token);
        }, ct);

    /// <summary>
    /// Deletes a reference row nothing uses any more. A row still used (by products, customers, sales, stock or the
    /// sales defaults: the database refuses) or the organization's default is kept, with the reason.
    /// </summary>
    public Task<OperationResult<int>> DeleteAsync<T>(ITenantContext tenant, int id, string what, CancellationToken ct = default)
        where T : class =>
        unitOfWork.RunAsync(tenant, Permissions.Administrator, "reference books", async (db, _, token) =>
        {
            var row = await db.Set<T>().FindAsync([id], token) ?? throw Missing(what, id);
            if (row is IDefaultable { IsDefault: true })
            {
                throw new DomainException($"This is the default {what}: make another {what} the default first.");
            }

            // Store settings keep their choices in a document, out of the database's reach.
            var settings = await db.Stores.AsNoTracking().Where(s => s.SettingsJson != null)
                .Select(s => new { s.Name, s.SettingsJson }).ToListAsync(token);
            if (settings.FirstOrDefault(s => Integrations.StoreSettings.FromJson(s.SettingsJson).Uses(typeof(T), id)) is { } store)
            {
                throw new DomainException($"This {what} is chosen in the integration settings of the store '{store.Name}': choose another there first.");
            }

            db.Remove(row);
            try
            {
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
            {
                throw new DomainException(
                    $"This {what} is still used (by products, customers, sales, stock movements or the sales defaults) and cannot be deleted. Rename it instead.");
            }

            return id;
        }, ct);

    /// <summary>
    /// The defaults every new sale starts from: the revenue account it posts to, the tax rule its lines start with,
    /// and which fulfilment stages and which assembly run automatically when it is placed.
    /// </summary>
    public Task<OperationResult<int>> SetSalesDefaultsAsync(ITenantContext tenant, SalesDefaults defaults, CancellationToken ct = default) =>
        unitOfWork.RunAsync(tenant, Permissions.Administrator, "reference books", async (db, org, token) =>
        {
            var errors = new List<ValidationError>();
            if (defaults.DefaultSalesAccountId is { } id && !await db.Accounts.AnyAsync(a => a.Id == id && a.Type == AccountType.Revenue, token))
            {
                errors.Add(new ValidationError(nameof(OrganizationSalesSettings.DefaultSalesAccountId), "Choose a revenue account."));
            }

            if (defaults.DefaultSaleTaxRuleId is { } rule && !await db.TaxRules.AnyAsync(t => t.Id == rule, token))
            {
                errors.Add(new ValidationError(nameof(OrganizationSalesSettings.DefaultSaleTaxRuleId), "The tax rule chosen no longer exists: choose another."));
            }

            if (!Enum.IsDefined(defaults.AutoFulfilment))
            {
                errors.Add(new ValidationError(nameof(OrganizationSalesSettings.AutoFulfilment), "Choose none, pick, pick + pack or pick + pack + ship."));
            }

            if (!Enum.IsDefined(defaults.AutoAssembly))
            {
                errors.Add(new ValidationError(nameof(OrganizationSalesSettings.AutoAssembly), "Choose none, the ordered quantity or the minimum required for picking."));
            }

            DomainValidationException.ThrowIfAny(errors);
            var settings = await db.SalesSettings.FirstOrDefaultAsync(token);
            if (settings is null)
            {
                settings = new OrganizationSalesSettings { OrganizationId = org };
                db.SalesSettings.Add(settings);
            }

            settings.DefaultSalesAccountId = defaults.DefaultSalesAccountId;
            settings.DefaultSaleTaxRuleId = defaults.DefaultSaleTaxRuleId;
            settings.AutoFulfilment = defaults.AutoFulfilment;
            settings.AutoAssembly = defaults.AutoAssembly;
            await db.SaveChangesAsync(token);
            return settings.Id;
        }, ct);

    /// <summary>
    /// Gives an organization without carriers the "Local Pickup" carrier that web orders without carrier information
    /// fall back to. Run by the portal itself, not on behalf of the user, so a read-only user's first visit seeds it
    /// too; support's read-only view never writes.
    /// </summary>
    public async Task EnsureLocalPickupAsync(ITenantContext tenant, CancellationToken ct = default)
    {
        if (tenant.Access != TenantAccess.Organization || tenant.OrganizationId is not { } org)
        {
            return;
        }

        await unitOfWork.RunAsync(FixedTenant.For(org), async (db, _, token) =>
        {
            if (!await db.Carriers.AnyAsync(token))
            {
                db.Carriers.Add(Carrier.LocalPickup(org));
                await db.SaveChangesAsync(token);
            }

            return 0;
        }, ct);
    }

    private static SalesRepresentative WithEmail(SalesRepresentative representative, string? email)
    {
        representative.Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        return representative;
    }

    private static string What(Type row) =>
        string.Concat(row.Name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static DomainException Missing(string what, int? id) => new($"The {what} {id} does not exist.");

    private Task<OperationResult<int>> Save<T>(
        ITenantContext tenant, Func<PortalDbContext, DbSet<T>> set, int? id, Func<int, T> create, Action<T> change,
        Func<T, int> key, CancellationToken ct, ValidationError? duplicate = null, SubmissionToken? submission = null,
        Guid? expectedVersion = null)
        where T : class, IVersioned =>
        unitOfWork.RunOnceAsync(tenant, submission, "Reference." + typeof(T).Name, Permissions.Administrator, "reference books", async (db, org, token) =>
        {
            T row;
            if (id is { } existing)
            {
                row = await set(db).FirstOrDefaultAsync(r => EF.Property<int>(r, "Id") == existing, token)
                    ?? throw Missing(typeof(T).Name.ToLowerInvariant(), id);
                RowVersions.SaveUnder(db, row, expectedVersion, What(typeof(T)));
                change(row);
            }
            else
            {
                row = create(org);
                set(db).Add(row);
            }

            await SaveUniqueAsync(db, duplicate, token);
            return key(row);
        }, ct);

    private static async Task SaveUniqueAsync(PortalDbContext db, ValidationError? duplicate, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (duplicate is not null && UnitOfWork.IsUniqueViolation(ex))
        {
            throw new DomainValidationException([duplicate]);
        }
    }
}

public sealed record SalesDefaults(
    int? DefaultSalesAccountId, AutoFulfilmentMode AutoFulfilment, AutoAssemblyMode AutoAssembly, int? DefaultSaleTaxRuleId = null);
