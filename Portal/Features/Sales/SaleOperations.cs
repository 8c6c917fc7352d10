using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain;
using Portal.Domain.Catalog;
using Portal.Domain.Organizations;
using Portal.Domain.Reference;
using Portal.Domain.Sales;
using Portal.Domain.Stock;
using Portal.Features.Common;
using Portal.Features.Stock;

namespace Portal.Features.Sales;

/// <summary>An order line as entered or mapped: a product, or a service line with only a name.</summary>
public sealed record SaleLineInput(
    int? ProductId, string? Name, decimal Quantity, decimal Price, decimal DiscountPercent = 0m, int? TaxRuleId = null,
    decimal? GivenTax = null);

public sealed record SaleChargeInput(string Description, decimal Amount, int? TaxRuleId = null, decimal? GivenTax = null);

public sealed record SaleDraft(SaleHeader Header, IReadOnlyList<SaleLineInput> Lines, IReadOnlyList<SaleChargeInput> Charges)
{
    public SaleOrigin Origin { get; init; } = SaleOrigin.Manual;
}

public sealed record CreditLineInput(string Description, decimal Amount, int? TaxRuleId = null, decimal? GivenTax = null);

/// <summary>Money paid back with a credit note, from an account that takes payments.</summary>
public sealed record CreditRefundInput(int AccountId, decimal Amount, DateTime RefundedAt, string? Reference);

/// <summary>What a step did: the sale's id and, when automation stopped short, why (shown on the Pick tab).</summary>
public sealed record SaleStepResult(int SaleId, string? Note);

/// <summary>
/// The sale lifecycle, each step one unit of work: load the sale (and, for stock steps, a ledger with every balance
/// and allocation of its products and their components at its location), call the domain, save in one
/// transaction. <paramref name="expectedVersion"/> (optional on every step) is the Version the page showed: if the
/// sale has changed since, the step is refused instead of acting on what the user did not see.
/// </summary>
public sealed class SaleOperations(UnitOfWork unitOfWork, TimeProvider clock)
{
    /// <summary>
    /// Creates a sale with its lines and charges; with <paramref name="placeOrder"/>, authorises the order in the
    /// same transaction and applies the automation (the organization's settings unless modes are given).
    /// </summary>
    public Task<OperationResult<SaleStepResult>> CreateAsync(
        ITenantContext tenant, SaleDraft draft, bool placeOrder, AutoAssemblyMode? assembly = null,
        AutoFulfilmentMode? fulfilment = null, CancellationToken ct = default, SubmissionToken? submission = null) =>
        Write(tenant, async (db, organizationId, token) =>
        {
            await CheckReferencesAsync(db, draft.Header, token);
            // A store's order is identified by its WooCommerce id and the store's address, not by its number
            // (plugins rewrite numbers; two orders may share one).
            if (draft.Origin is { WooOrderId: { } wooOrderId, StoreAddress: { } storeAddress } &&
                await db.Sales.AnyAsync(s => s.StoreAddress == storeAddress && s.WooOrderId == wooOrderId, token))
            {
                throw new DomainException(AlreadyImported(draft.Origin.StoreOrderNumber ?? wooOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            await using var transaction = await CommandTransaction.BeginAsync(db, token);
            var sale = Sale.Create(organizationId, draft.Header, draft.Origin, Now);
            await AddEntriesAsync(db, sale, draft, token);
            db.Sales.Add(sale);
            await db.SaveChangesAsync(token);

            string? note = null;
            if (placeOrder)
            {
                note = await PlaceOrderAsync(db, sale, assembly, fulfilment, token);
                await db.SaveChangesAsync(token);
            }

            await transaction.CommitAsync(token);
            return new SaleStepResult(sale.Id, note);
        }, ct, submission);

    /// <summary>
    /// Replaces the header, lines and charges of a draft sale with those of the form, all or nothing; with
    /// <paramref name="placeOrder"/>, then authorises the order in the same transaction. A sale whose order is
    /// authorised keeps its lines (stock is allocated to them).
    /// </summary>
    public Task<OperationResult<SaleStepResult>> UpdateDraftAsync(
        ITenantContext tenant, int saleId, SaleDraft draft, bool placeOrder, Guid? expectedVersion, CancellationToken ct = default) =>
        Write(tenant, async (db, _, token) =>
        {
            await CheckReferencesAsync(db, draft.Header, token);
            await using var transaction = await CommandTransaction.BeginAsync(db, token);
            var sale = await LoadSaleAsync(db, saleId, expectedVersion, token);
            if (sale.OrderStatus == StageStatus.Authorised)
            {
                throw new DomainException("The order is authorised: only a draft sale can be edited this way.");
            }

            if (sale.Source != SaleSource.Manual)
            {
                // The form does not carry the taxes a store gave its lines; such a sale follows its order instead.
                throw new DomainException("This sale comes from a store's order: change the order in WooCommerce.");
            }

            sale.UpdateHeader(draft.Header);
            foreach (var line in sale.Lines.ToList())
            {
                sale.RemoveLine(line);
                db.SaleLines.Remove(line);
            }

            foreach (var charge in sale.Charges.ToList())
            {
                sale.RemoveCharge(charge);
                db.Remove(charge);
            }

            await AddEntriesAsync(db, sale, draft, token);
            await db.SaveChangesAsync(token);
            string? note = null;
            if (placeOrder)
            {
                note = await PlaceOrderAsync(db, sale, null, null, token);
                await db.SaveChangesAsync(token);
            }

            await transaction.CommitAsync(token);
            return new SaleStepResult(sale.Id, note);
        }, ct);

    internal static async Task AddEntriesAsync(PortalDbContext db, Sale sale, SaleDraft draft, CancellationToken ct)
    {
        var taxRules = await TaxRulesAsync(db, draft.Lines.Select(l => l.TaxRuleId).Concat(draft.Charges.Select(c => c.TaxRuleId)), ct);
        var lineProductIds = draft.Lines.Select(l => l.ProductId).OfType<int>().Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => lineProductIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        AddEntries(sale, draft, taxRules, products);
    }

    /// <summary>The draft's lines and charges onto the sale, with their products and tax rules already loaded (a batch
    /// of sales loads them once).</summary>
    internal static void AddEntries(
        Sale sale, SaleDraft draft, IReadOnlyDictionary<int, TaxRule> taxRules, IReadOnlyDictionary<int, Product> products)
    {
        foreach (var line in draft.Lines)
        {
            var product = line.ProductId is { } id
                ? products.GetValueOrDefault(id) ?? throw new DomainException($"Product {id} does not exist.")
                : null;
            sale.AddLine(product, line.Name, line.Quantity, line.Price, line.DiscountPercent, Rule(taxRules, line.TaxRuleId), line.GivenTax);
        }

        foreach (var charge in draft.Charges)
        {
            sale.AddCharge(charge.Description, charge.Amount, Rule(taxRules, charge.TaxRuleId), charge.GivenTax);
        }
    }

    /// <summary>Authorises the order (allocating, backorders allowed) and applies assembly and pick/pack/ship automation.</summary>
    public Task<OperationResult<SaleStepResult>> PlaceOrderAsync(
        ITenantContext tenant, int saleId, AutoAssemblyMode? assembly = null, AutoFulfilmentMode? fulfilment = null,
        Guid? expectedVersion = null, CancellationToken ct = default) =>
        Step(tenant, saleId, expectedVersion, (db, sale, token) => PlaceOrderAsync(db, sale, assembly, fulfilment, token), ct);

    public Task<OperationResult<SaleStepResult>> UpdateHeaderAsync(
        ITenantContext tenant, int saleId, SaleHeader header, Guid? expectedVersion = null, CancellationToken ct = default) =>
        Step(tenant, saleId, expectedVersion, async (db, sale, token) =>
        {
            await CheckReferencesAsync(db, header, token);
            sale.UpdateHeader(header);
            return null;
        }, ct);

    public Task<OperationResult<SaleStepResult>> AddLineAsync(
        ITenantContext tenant, int saleId, SaleLineInput line, Guid? expectedVersion = null, CancellationToken ct = default) =>
        Step(tenant, saleId, expectedVersion, async (db, sale, token) =>
        {
            var product = line.ProductId is { } id
                ? await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, token)
                  ?? throw new DomainException($"Product {id} does not exist.")
                : null;
            var rules = await TaxRulesAsync(db, [line.TaxRuleId], token);
            sale.AddLine(product, line.Name, line.Quantity, line.Price, line.DiscountPercent, Rule(rules, line.TaxRuleId), line.GivenTax);
            return null;
        }, ct);

    public Task<OperationResult<SaleStepResult>> RemoveLineAsync(
        ITenantContext tenant, int saleId, int lineId, Guid? expectedVersion = null, CancellationToken ct = default) =>
        Step(tenant, saleId, expectedVersion, (db, sale, _) =>
        {
            var line = sale.Lines.FirstOrDefault(l => l.Id == lineId) ?? throw new DomainException("The line is no longer on this sale.");
            sale.RemoveLine(line);
            db.SaleLines.Remove(line);
            return Task.FromResult<string?>(null);
        }, ct);

    public Task<OperationResult<SaleStepResult>> AddChargeAsync(
        ITenantContext tenant, int saleId, SaleChargeInput charge, Guid? expectedVersion = null, CancellationToken ct = default) =>
        Step(tenant, saleId, expectedVersion, async (db, sale, token) =>
        {
            var rules = await TaxRulesAsync(db, [charge.TaxRuleId], token);
            sale.AddCharge(charge.Description, charge.Amount, Rule(rules, charge.TaxRuleId), charge.GivenTax);
            return null;
        }, ct);

    public Task<OperationResult<SaleStepResult>> CompleteAssemblyAsync(
        ITenantContext tenant, int saleId, int assemblyId, Guid? expectedVersion = null, CancellationToken ct = default) =>
        Step(tenant, saleId, expectedVersion, async (db, sale, token) =>
        {
            var assembly = sale.Assemblies.FirstOrDefault(a => a.Id == assemblyId)
                ?? throw new DomainException("The assembly is not part of this sale.");
            var (ledger, _) = await LedgerForAsync(db, sale, token);
            sale.CompleteAssembly(assembly, ledger);
            LedgerLoading.Stage(db, ledger);
            return null;
        }, ct);

    /// <summary>
    /// Assembles by hand what the pick of a kit line lacks, from its components at the sale's location; refuses,
    /// naming each short component, and then saves nothing. A resent click assembles once.
    /// </summary>
    public Task<OperationResult<SaleStepResult>> AssembleShortfallAsync(
        ITenantContext tenant, int saleId, int productId, Guid? expectedVersion = null, CancellationToken ct = default,
        SubmissionToken? submission = null) =>
        Step(tenant, saleId, expectedVersion, async (db, sale, token) =>
        {
            var (ledger, products) = await LedgerForAsync(db, sale, token);
            sale.AssembleShortfall(productId, products, ledger);
            LedgerLoading.Stage(db, ledger);
            return null;
        }, ct, submission);

    /// <summary>Takes the stock off hand; refuses, naming each shortfall, when on hand would go below zero.</summary>
    public Task<OperationResult<SaleStepResult>> AuthorisePickAsync(
        ITenantContext tenant, int saleId, Guid? expectedVersion = null, CancellationToken ct = default) =>
        Step(tenant, saleId, expectedVersion, async (db, sale, token) =>
        {
            var (ledger, _) = await LedgerForAsync(db, sale, token);
            sale.AuthorisePick(ledger);
            LedgerLoading.Stage(db, ledger);
            return null;
        }, ct);

    public Task<OperationResult<SaleStepResult>> AuthorisePackAsync(
        ITenantContext tenant, int saleId, Guid? expectedVersion = null, CancellationToken ct = default) =>
        Step(tenant, saleId, expectedVersion, (_, sale, _) => Done(() => sale.AuthorisePack(Now)), ct);

    public Task<OperationResult<SaleStepResult>> AuthoriseShipmentAsync(
        ITenantContext tenant, int saleId, int carrierId, IReadOnlyList<string> trackingNumbers, Guid? expectedVersion = null,
        CancellationToken ct = default) =>
        Step(tenant, saleId, expectedVersion, async (db, sale, token) =>
        {
            if (!await db.Carriers.AnyAsync(c => c.Id == carrierId, token))
            {
                throw new DomainValidationException([new ValidationError("Carrier", "Choose the carrier of the shipment.")]);
            }

            sale.AuthoriseShipment(carrierId, trackingNumbers, Now);
            await TrackingExport.QueueTrackingExport.QueueAsync(db, sale, Now, token);
            return null;
        }, ct);

    public Task<OperationResult<SaleStepResult>> AddTrackingNumberAsync(
        ITenantContext tenant, int saleId, string? number, Guid? expectedVersion = null, CancellationToken ct = default) =>
        Step(tenant, saleId, expectedVersion, async (db, sale, token) =>
        {
            sale.AddTrackingNumber(number);
            await TrackingExport.QueueTrackingExport.QueueAsync(db, sale, Now, token, repeatOnly: true);
            return null;
        }, ct);

    /// <summary>
    /// Gives the invoice the organization's next number (once: a sale that has one keeps it) and authorises it.
    /// The number is taken in the transaction that saves the sale, so a refused or conflicting save gives it back.
    /// </summary>
    public Task<OperationResult<SaleStepResult>> AuthoriseInvoiceAsync(
        ITenantContext tenant, int saleId, DateTime? invoiceDate = null, Guid? expectedVersion = null,
        CancellationToken ct = default) =>
        Write(tenant, async (db, organizationId, token) =>
        {
            await InvoiceNumbers.EnsureSequenceAsync(db, organizationId, token);
            var sale = await LoadSaleAsync(db, saleId, expectedVersion, token);
            if (invoiceDate is { } date)
            {
                sale.SetInvoiceDate(date);
            }

            await using var transaction = await CommandTransaction.BeginAsync(db, token);
            if (sale.InvoiceNumber is null)
            {
                sale.AssignInvoiceNumber(await InvoiceNumbers.NextAsync(db, token));
            }

            sale.AuthoriseInvoice(Now);
            // A store's payment held while the invoice was Draft is recorded now (its excess as the customer's credit).
            db.CustomerCredits.AddRange(sale.ApplyHeldPayments(Now));
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return new SaleStepResult(sale.Id, null);
        }, ct);

    /// <summary>
    /// Records a payment. One above the balance due is refused unless <paramref name="keepAsCredit"/> is the excess the
    /// user confirmed keeping as the customer's credit: the payment then pays the balance and the credit entry is
    /// stored in the same transaction (and, with the form's token, once).
    /// </summary>
    public Task<OperationResult<SaleStepResult>> RecordPaymentAsync(
        ITenantContext tenant, int saleId, int accountId, decimal amount, DateTime paidAt, string? reference,
        Guid? expectedVersion = null, CancellationToken ct = default, SubmissionToken? submission = null, decimal? keepAsCredit = null) =>
        Step(tenant, saleId, expectedVersion, async (db, sale, token) =>
        {
            var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, token)
                ?? throw new DomainValidationException([new ValidationError("Account", "Choose the account that received the payment.")]);
            if (keepAsCredit is not { } confirmed)
            {
                sale.RecordPayment(account, amount, paidAt, reference);
                return null;
            }

            if (sale.RecordPaymentKeepingExcess(account, amount, paidAt, reference, confirmed).Credit is { } credit)
            {
                db.CustomerCredits.Add(credit);
            }

            return null;
        }, ct, submission);

    /// <summary>Reverses a recorded payment with the user's reason: it stays listed as reversed and the balance grows back.</summary>
    public Task<OperationResult<SaleStepResult>> ReversePaymentAsync(
        ITenantContext tenant, int saleId, int paymentId, string? reason, Guid? expectedVersion = null, CancellationToken ct = default) =>
        Step(tenant, saleId, expectedVersion, (_, sale, _) => Done(() => sale.ReversePayment(paymentId, reason, Now)), ct);

    /// <summary>Credits part of the invoice and restocks what came back, in one transaction.</summary>
    public Task<OperationResult<SaleStepResult>> CreateCreditNoteAsync(
        ITenantContext tenant, int saleId, DateTime creditDate, IReadOnlyList<CreditLineInput> lines,
        IReadOnlyList<RestockInput> restock, Guid? expectedVersion = null, CancellationToken ct = default,
        SubmissionToken? submission = null, CreditRefundInput? refund = null) =>
        Step(tenant, saleId, expectedVersion, async (db, sale, token) =>
        {
            var rules = await TaxRulesAsync(db, lines.Select(l => l.TaxRuleId), token);
            var (ledger, _) = await LedgerForAsync(db, sale, token);
            var account = refund is null ? null
                : await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == refund.AccountId, token)
                  ?? throw new DomainValidationException([new ValidationError("Account", "Choose the account the refund was paid from.")]);
            sale.CreateCreditNote(
                creditDate,
                lines.Select(l => new CreditNoteLineInput(l.Description, l.Amount, Rule(rules, l.TaxRuleId), l.GivenTax)),
                restock,
                ledger,
                refund is null ? null : new CreditNoteRefund(account!, refund.Amount, refund.RefundedAt, refund.Reference));
            LedgerLoading.Stage(db, ledger);
            return null;
        }, ct, submission);

    /// <summary>Voids the sale: releases its allocations and brings back on hand what was picked and not restocked.</summary>
    public Task<OperationResult<SaleStepResult>> VoidAsync(
        ITenantContext tenant, int saleId, string? reason, Guid? expectedVersion = null, CancellationToken ct = default) =>
        Step(tenant, saleId, expectedVersion, async (db, sale, token) =>
        {
            var (ledger, _) = await LedgerForAsync(db, sale, token);
            sale.Void(ledger, reason);
            LedgerLoading.Stage(db, ledger);
            return null;
        }, ct);

    /// <summary>Per stock product, how much of what the sale has allocated on hand does not cover.</summary>
    public async Task<IReadOnlyList<SaleBackorder>> BackordersAsync(ITenantContext tenant, int saleId, CancellationToken ct = default)
    {
        var result = await unitOfWork.RunAsync(tenant, async (db, _, token) =>
        {
            var sale = await LoadSaleAsync(db, saleId, null, token);
            var (ledger, _) = await LedgerForAsync(db, sale, token);
            return sale.Backorders(ledger);
        }, ct);
        return result.Value ?? [];
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string AlreadyImported(string orderNumber) =>
        $"The store's order {orderNumber} is already a sale; it was not imported again.";

    private Task<OperationResult<SaleStepResult>> Step(
        ITenantContext tenant, int saleId, Guid? expectedVersion, Func<PortalDbContext, Sale, CancellationToken, Task<string?>> step,
        CancellationToken ct, SubmissionToken? submission = null, [CallerMemberName] string kind = "") =>
        Write(tenant, async (db, _, token) =>
        {
            var sale = await LoadSaleAsync(db, saleId, expectedVersion, token);
            var note = await step(db, sale, token);
            await db.SaveChangesAsync(token);
            return new SaleStepResult(sale.Id, note);
        }, ct, submission, kind);

    /// <summary>
    /// Every change goes through here: a signed-in user needs the Sales (or Administrator) permission. With the
    /// form's <paramref name="submission"/> token the change is made at most once (named by the calling method).
    /// </summary>
    private Task<OperationResult<SaleStepResult>> Write(
        ITenantContext tenant, Func<PortalDbContext, int, CancellationToken, Task<SaleStepResult>> work, CancellationToken ct,
        SubmissionToken? submission = null, [CallerMemberName] string kind = "") =>
        ActingUserChecks.Refusal(tenant, Permissions.Administrator | Permissions.Sales, "sales") is { } refusal
            ? Task.FromResult(OperationResult<SaleStepResult>.From(refusal))
            : unitOfWork.RunOnceAsync(tenant, submission, "Sales." + kind, Permissions.None, "", work, ct);

    private static Task<string?> Done(Action action)
    {
        action();
        return Task.FromResult<string?>(null);
    }

    private Task<string?> PlaceOrderAsync(
        PortalDbContext db, Sale sale, AutoAssemblyMode? assembly, AutoFulfilmentMode? fulfilment, CancellationToken ct) =>
        PlaceOrderAsync(db, sale, assembly, fulfilment, Now, ct);

    /// <summary>For callers with their own transaction (a store's order becoming a sale): authorise and automate.</summary>
    internal static async Task<string?> PlaceOrderAsync(
        PortalDbContext db, Sale sale, AutoAssemblyMode? assembly, AutoFulfilmentMode? fulfilment, DateTime now, CancellationToken ct)
    {
        if (assembly is null || fulfilment is null)
        {
            var settings = await db.SalesSettings.AsNoTracking().FirstOrDefaultAsync(ct);
            assembly ??= settings?.AutoAssembly ?? AutoAssemblyMode.None;
            fulfilment ??= settings?.AutoFulfilment ?? AutoFulfilmentMode.None;
        }

        var (ledger, products) = await LedgerForAsync(db, sale, now, ct);
        var note = sale.PlaceOrder(ledger, products, assembly.Value, fulfilment.Value);
        LedgerLoading.Stage(db, ledger);
        return note;
    }

    internal static async Task<Sale> LoadSaleAsync(PortalDbContext db, int saleId, Guid? expectedVersion, CancellationToken ct)
    {
        var sale = await db.Sales.AsSplitQuery()
            .Include(s => s.Lines).Include(s => s.Charges).Include(s => s.Payments).Include(s => s.TrackingNumbers)
            .Include(s => s.Assemblies).Include(s => s.CreditNotes).Include(s => s.HeldPayments)
            .FirstOrDefaultAsync(s => s.Id == saleId, ct)
            ?? throw new DomainException($"Sale #{saleId} does not exist.");
        if (expectedVersion is { } expected && expected != sale.Version)
        {
            // Reported against the Version field, so a page can tell it apart, show the sale as it is now and offer the
            // user's entries again.
            throw new DomainValidationException([new ValidationError(EditConflictException.Field,
                "The sale was changed by someone else since you opened it; nothing was saved — reload it and try again.")]);
        }

        return sale;
    }

    /// <summary>
    /// The ledger a sale step needs: every balance and allocation of the sale's stock products and of their bill-of-
    /// materials components at the sale's location, and those products (with their BOMs) by id.
    /// </summary>
    private Task<(StockLedger Ledger, IReadOnlyDictionary<int, Product> Products)> LedgerForAsync(
        PortalDbContext db, Sale sale, CancellationToken ct) => LedgerForAsync(db, sale, Now, ct);

    internal static async Task<(StockLedger Ledger, IReadOnlyDictionary<int, Product> Products)> LedgerForAsync(
        PortalDbContext db, Sale sale, DateTime now, CancellationToken ct)
    {
        var lineProducts = sale.Lines.Where(l => l.ProductId is not null).Select(l => l.ProductId!.Value).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => lineProducts.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var componentIds = products.Values.SelectMany(p => p.BillOfMaterials).Select(b => b.ComponentProductId)
            .Concat(sale.Assemblies.SelectMany(a => a.Components).Select(c => c.ProductId))
            .Where(id => !products.ContainsKey(id)).Distinct().ToList();
        foreach (var component in await db.Products.AsNoTracking().Where(p => componentIds.Contains(p.Id)).ToListAsync(ct))
        {
            products[component.Id] = component;
        }

        var ledger = await LedgerLoading.LoadAsync(
            db, sale.OrganizationId, now, products.Keys.ToList(), [sale.LocationId],
            id => products.TryGetValue(id, out var p) ? p.Label : $"Product {id}", ct);
        return (ledger, products);
    }

    /// <summary>
    /// Foreign keys prove a referenced row exists, not that it is this organization's: each id of the header must
    /// be visible through the tenant filter, or a forged id would tie the sale to another organization's customer.
    /// </summary>
    internal static async Task CheckReferencesAsync(PortalDbContext db, SaleHeader header, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        async Task Check<T>(IQueryable<T> rows, int? id, string field, string message) where T : class
        {
            if (id is { } value && !await rows.AnyAsync(r => EF.Property<int>(r, "Id") == value, ct))
            {
                errors.Add(new ValidationError(field, message));
            }
        }

        await Check(db.Customers, header.CustomerId, "Customer", "The customer does not exist.");
        await Check(db.Locations, header.LocationId, "Location", "The location does not exist.");
        await Check(db.Carriers, header.CarrierId, "Carrier", "The carrier does not exist.");
        await Check(db.PaymentTerms, header.PaymentTermId, "Terms", "The payment term does not exist.");
        await Check(db.SalesRepresentatives, header.SalesRepresentativeId, "SalesRepresentative", "The sales representative does not exist.");
        await Check(db.Accounts, header.RevenueAccountId, "RevenueAccount", "The revenue account does not exist.");
        await Check(db.TaxRules, header.TaxRuleId, "TaxRule", "The tax rule does not exist.");
        DomainValidationException.ThrowIfAny(errors);
    }

    internal static async Task<Dictionary<int, TaxRule>> TaxRulesAsync(PortalDbContext db, IEnumerable<int?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<int>().Distinct().ToList();
        var rules = await db.TaxRules.AsNoTracking().Where(t => wanted.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var missing = wanted.FirstOrDefault(id => !rules.ContainsKey(id));
        return missing == 0 ? rules : throw new DomainException($"Tax rule {missing} does not exist.");
    }

    private static TaxRule? Rule(IReadOnlyDictionary<int, TaxRule> rules, int? id) => id is { } value ? rules[value] : null;
}
