using Portal.Domain.Catalog;
using Portal.Domain.Stock;

namespace Portal.Domain.Sales;

public partial class Sale
{
    public StageStatus PickStatus { get; private set; }
    public DateTime? PickedAt { get; private set; }

    /// <summary>Why the pick (or automation after it) stopped short; shown on the Pick tab.</summary>
    public string? FulfilmentNote { get; private set; }

    public StageStatus PackStatus { get; private set; }
    public DateTime? PackedAt { get; private set; }
    public StageStatus ShipStatus { get; private set; }
    public DateTime? ShippedAt { get; private set; }
    public int? ShipCarrierId { get; private set; }
    public List<SaleTrackingNumber> TrackingNumbers { get; private set; } = [];
    public List<SaleAssembly> Assemblies { get; private set; } = [];

    /// <summary>
    /// Creates the assemblies the mode asks for (see <see cref="AutoAssemblyMode"/>) and completes each one whose
    /// components are available; the others stay Draft with the reason. Needs the authorised order (its allocation
    /// is what "not counting this sale's own allocation" leaves out).
    /// </summary>
    public void PlanAssemblies(AutoAssemblyMode mode, IReadOnlyDictionary<int, Product> products, StockLedger ledger)
    {
        if (mode == AutoAssemblyMode.None)
        {
            return;
        }

        EnsureNotVoided();
        EnsureOrderAuthorised("assembling for it");
        Use(ledger);
        if (Assemblies.Any(a => a.Status != AssemblyStatus.Cancelled))
        {
            throw new DomainException("The assemblies of this sale are already planned.");
        }

        foreach (var (productId, ordered) in StockQuantities)
        {
            if (!products.TryGetValue(productId, out var product))
            {
                throw new ArgumentException($"Product {productId} of the sale was not loaded.", nameof(products));
            }

            if (!product.IsAssembled)
            {
                continue;
            }

            var quantity = mode == AutoAssemblyMode.ForOrderedQuantity
                ? ordered
                : Math.Max(0m, ordered - ledger.AvailableTo(AllocationSource.Sale, Id, productId, LocationId));
            if (quantity > 0)
            {
                var assembly = new SaleAssembly(
                    OrganizationId, productId, product.Sku, quantity, SaleAssemblyComponent.Of(product, quantity, products));
                Assemblies.Add(assembly);
                TryComplete(assembly, ledger);
            }
        }

        Changed();
    }

    /// <summary>Completes a Draft assembly now that its components are available; refuses with what is missing.</summary>
    public void CompleteAssembly(SaleAssembly assembly, StockLedger ledger)
    {
        EnsureNotVoided();
        Use(ledger);
        if (!Assemblies.Contains(assembly))
        {
            throw new InvalidOperationException("The assembly is not part of this sale.");
        }

        if (assembly.Status != AssemblyStatus.Draft)
        {
            throw new DomainException($"The assembly of {assembly.Sku} is {assembly.Status.ToString().ToLowerInvariant()}, not Draft.");
        }

        if (TryComplete(assembly, ledger) is { } reason)
        {
            Changed();
            throw new DomainException(reason);
        }

        Changed();
    }

    /// <summary>
    /// Assembles, by hand, what the pick of a kit line lacks (ordered − available to this sale at its location), so
    /// that a kit out of stock does not stall the sale. Completes at once; when components are short it refuses,
    /// naming each, and nothing changes.
    /// </summary>
    public SaleAssembly AssembleShortfall(int productId, IReadOnlyDictionary<int, Product> products, StockLedger ledger)
    {
        EnsureNotVoided();
        EnsureOrderAuthorised("assembling for it");
        Use(ledger);
        if (PickStatus == StageStatus.Authorised)
        {
            throw new DomainException("The pick is already authorised: nothing is left to assemble for it.");
        }

        if (!StockQuantities.TryGetValue(productId, out var ordered) || !products.TryGetValue(productId, out var product))
        {
            throw new DomainException("The product is not a stock line of this sale.");
        }

        if (!product.IsAssembled)
        {
            throw new DomainException($"{product.Label} has no bill of materials: it cannot be assembled.");
        }

        var quantity = Math.Max(0m, ordered - ledger.AvailableTo(AllocationSource.Sale, Id, productId, LocationId));
        if (quantity == 0)
        {
            throw new DomainException($"{product.Label} is available for the whole pick: there is nothing to assemble.");
        }

        var components = SaleAssemblyComponent.Of(product, quantity, products);
        if (ledger.ComponentShortfalls(components, LocationId) is { Count: > 0 } missing)
        {
            throw new DomainException(StockLedger.CannotAssemble(quantity, product.Label, missing));
        }

        var assembly = new SaleAssembly(OrganizationId, productId, product.Sku, quantity, components);
        Assemblies.Add(assembly);
        TryComplete(assembly, ledger);
        Changed();
        return assembly;
    }

    /// <summary>
    /// Authorises the pick of every stock line: takes the stock off hand (Pick movements) and releases the
    /// allocation. Refuses, naming each product and its shortfall, if on hand would go below zero.
    /// </summary>
    public void AuthorisePick(StockLedger ledger)
    {
        EnsureNotVoided();
        EnsureOrderAuthorised("picking");
        if (PickStatus == StageStatus.Authorised)
        {
            throw new DomainException("The pick is already authorised.");
        }

        Use(ledger);
        if (WaitingAssembly() is { } waiting)
        {
            throw new DomainException(waiting);
        }

        if (Shortfalls(productId => ledger.OnHand(productId, LocationId)) is { } shortfalls)
        {
            throw new DomainException($"The pick would take on hand below zero: {shortfalls}.");
        }

        foreach (var (productId, quantity) in StockQuantities)
        {
            ledger.Move(StockMovementKind.Pick, productId, LocationId, -quantity, Origin("Pick"));
            ledger.SetAllocation(AllocationSource.Sale, Id, productId, LocationId, 0m);
        }

        PickStatus = StageStatus.Authorised;
        PickedAt = ledger.Now;
        FulfilmentNote = null;
        Changed();
    }

    public void AuthorisePack(DateTime now)
    {
        EnsureNotVoided();
        if (PickStatus != StageStatus.Authorised)
        {
            throw new DomainException("Authorise the pick before packing.");
        }

        if (PackStatus == StageStatus.Authorised)
        {
            throw new DomainException("The pack is already authorised.");
        }

        PackStatus = StageStatus.Authorised;
        PackedAt = Amounts.Utc(now, nameof(now));
        Changed();
    }

    /// <summary>Ships with a carrier and any number of tracking numbers (more can be added afterwards).</summary>
    public void AuthoriseShipment(int carrierId, IEnumerable<string> trackingNumbers, DateTime now)
    {
        EnsureNotVoided();
        if (PickStatus != StageStatus.Authorised)
        {
            throw new DomainException("Authorise the pick before shipping.");
        }

        if (PackStatus != StageStatus.Authorised)
        {
            throw new DomainException("Authorise the pack before shipping.");
        }

        if (ShipStatus == StageStatus.Authorised)
        {
            throw new DomainException("The shipment is already authorised.");
        }

        if (carrierId <= 0)
        {
            throw new DomainValidationException([new ValidationError("Carrier", "Choose the carrier of the shipment.")]);
        }

        foreach (var number in trackingNumbers)
        {
            AddTrackingNumber(number);
        }

        ShipCarrierId = carrierId;
        ShipStatus = StageStatus.Authorised;
        ShippedAt = Amounts.Utc(now, nameof(now));
        Changed();
    }

    public void AddTrackingNumber(string? number)
    {
        EnsureNotVoided();
        var value = Names.Required(number, "TrackingNumber", "shipment", 100);
        if (TrackingNumbers.Any(t => string.Equals(t.Number, value, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException($"The tracking number {value} is already on this sale.");
        }

        TrackingNumbers.Add(new SaleTrackingNumber(OrganizationId, value));
        Changed();
    }

    /// <summary>
    /// Authorises as many stages as the mode asks, right after the order. When assemblies are still Draft or
    /// available stock (this sale's own allocation counted as its own) cannot cover the whole pick, the pick stays
    /// Draft, pack and ship are not done, and the reason is returned and kept in <see cref="FulfilmentNote"/>.
    /// </summary>
    public string? ApplyAutoFulfilment(AutoFulfilmentMode mode, StockLedger ledger)
    {
        if (mode == AutoFulfilmentMode.None)
        {
            return null;
        }

        EnsureNotVoided();
        EnsureOrderAuthorised("picking");
        Use(ledger);
        var reason = WaitingAssembly() ?? PickShortage(ledger);
        if (reason is not null)
        {
            PickStatus = StageStatus.Draft;
            FulfilmentNote = reason;
            Changed();
            return reason;
        }

        AuthorisePick(ledger);
        if (mode >= AutoFulfilmentMode.PickPack)
        {
            AuthorisePack(ledger.Now);
        }

        if (mode == AutoFulfilmentMode.PickPackShip)
        {
            if (CarrierId is not { } carrierId)
            {
                FulfilmentNote = "Not shipped automatically: the sale has no carrier.";
                Changed();
                return FulfilmentNote;
            }

            AuthoriseShipment(carrierId, [], ledger.Now);
        }

        return null;
    }

    /// <summary>
    /// Voids the sale: releases its allocations, brings back on hand what was picked and not restocked, and cancels
    /// assemblies still Draft (completed assemblies stay: their product is in stock).
    /// </summary>
    public void Void(StockLedger ledger, string? reason)
    {
        EnsureNotVoided();
        Use(ledger);
        foreach (var productId in StockQuantities.Keys)
        {
            ledger.SetAllocation(AllocationSource.Sale, Id, productId, LocationId, 0m);
            var outstanding = PickedQuantity(productId) - RestockedQuantity(productId);
            if (outstanding > 0)
            {
                ledger.Move(StockMovementKind.VoidReversal, productId, LocationId, outstanding, Origin("Void"));
            }
        }

        ledger.ReleaseAll(AllocationSource.Sale, Id);
        Assemblies.Where(a => a.Status == AssemblyStatus.Draft).ToList().ForEach(a => a.Cancel());
        IsVoided = true;
        VoidedAt = ledger.Now;
        VoidReason = Names.Optional(reason);
        Changed();
    }

    public decimal PickedQuantity(int productId) =>
        PickStatus == StageStatus.Authorised ? StockQuantities.GetValueOrDefault(productId) : 0m;

    private string? TryComplete(SaleAssembly assembly, StockLedger ledger)
    {
        if (ledger.ComponentShortfalls(assembly.Components, LocationId) is { Count: > 0 } missing)
        {
            var reason = $"The assembly of {assembly.Quantity} × {assembly.Sku} waits for components: " +
                string.Join("; ", missing.Select(m => $"{m.Sku} is short by {m.Short}")) + ".";
            assembly.StayDraft(reason);
            return reason;
        }

        ledger.Build(assembly.ProductId, assembly.Quantity, assembly.Components, LocationId,
            Origin("Assembly") with { Assembly = assembly });
        assembly.Complete(ledger.Now);
        return null;
    }

    private string? WaitingAssembly() =>
        Assemblies.FirstOrDefault(a => a.Status == AssemblyStatus.Draft) is { } draft
            ? $"The pick waits for the assembly of {draft.Sku}: {draft.DraftReason}"
            : null;

    private string? PickShortage(StockLedger ledger) =>
        Shortfalls(productId => ledger.AvailableTo(AllocationSource.Sale, Id, productId, LocationId)) is { } shortfalls
            ? $"Not enough stock available to pick: {shortfalls}."
            : null;

    /// <summary>"SKU – Name is short by N" for each stock product the quantity given cannot cover, or null.</summary>
    private string? Shortfalls(Func<int, decimal> quantityThere)
    {
        var shortfalls = StockQuantities
            .Select(q => (Product: SkuOf(q.Key), Short: q.Value - quantityThere(q.Key)))
            .Where(s => s.Short > 0)
            .Select(s => $"{s.Product} is short by {s.Short}")
            .ToList();
        return shortfalls.Count == 0 ? null : string.Join("; ", shortfalls);
    }

    private MovementOrigin Origin(string reason) =>
        new(reason, Reference ?? StoreOrderNumber ?? InvoiceNumber, Id);
}
