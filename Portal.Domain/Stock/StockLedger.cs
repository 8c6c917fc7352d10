using Portal.Domain.Catalog;

namespace Portal.Domain.Stock;

/// <summary>
/// The stock of some products at some locations, loaded for one unit of work, and the only way to change it.
/// Give it every balance and every allocation of the products and locations the operation touches (a missing
/// allocation would overstate availability); missing balances are opened at zero. Each change updates the
/// balance or allocation in memory, adds the ledger row and marks the product changed in <see cref="Effects"/>.
/// </summary>
public sealed class StockLedger
{
    private readonly Dictionary<(int ProductId, int LocationId), StockBalance> _balances = [];
    private readonly List<StockAllocation> _allocations;
    // The allocations by source, product and location (unique in the database): a ledger may hold thousands of sources' rows.
    private readonly Dictionary<(AllocationSource, int, int, int), StockAllocation> _allocationIndex = [];
    private readonly Func<int, string> _productLabel;

    public StockLedger(
        int organizationId, DateTime now, IEnumerable<StockBalance> balances, IEnumerable<StockAllocation> allocations,
        Func<int, string>? productLabel = null)
    {
        OrganizationId = organizationId;
        Now = Amounts.Utc(now, nameof(now));
        foreach (var balance in balances)
        {
            CheckOrganization(balance.OrganizationId);
            _balances.Add((balance.ProductId, balance.LocationId), balance);
        }

        _allocations = allocations.ToList();
        foreach (var allocation in _allocations)
        {
            CheckOrganization(allocation.OrganizationId);
            _allocationIndex.TryAdd(Key(allocation), allocation);
        }

        _productLabel = productLabel ?? (id => $"Product {id}");
    }

    public int OrganizationId { get; }
    public DateTime Now { get; }

    // Products not sold in fractions: no movement of them may be fractional, whoever asks for it.
    private readonly HashSet<int> _wholeOnly = [];

    /// <summary>Marks products not sold in fractions: a fractional movement of one of them is then refused.</summary>
    public StockLedger WholeNumbersOnly(IEnumerable<int> productIds)
    {
        _wholeOnly.UnionWith(productIds);
        return this;
    }

    // What other sources have allocated, as totals per product and location rather than rows (never changed here).
    private readonly Dictionary<(int ProductId, int LocationId), decimal> _allocatedElsewhere = [];

    /// <summary>
    /// Counts allocations that are not loaded as rows: their total per product and location. Availability then sees
    /// them, without a unit of work tracking the rows of thousands of other sources. The totals must leave out every
    /// source this ledger changes (its rows are loaded, or it has none yet, like a sale being placed).
    /// </summary>
    public StockLedger AllocatedElsewhere(IEnumerable<StockFigure> totals)
    {
        foreach (var total in totals)
        {
            var key = (total.ProductId, total.LocationId);
            _allocatedElsewhere[key] = _allocatedElsewhere.GetValueOrDefault(key) + total.Quantity;
        }

        return this;
    }

    public StockEffects Effects { get; } = new();

    /// <summary>The balances as they stand now (loaded and opened).</summary>
    public IReadOnlyCollection<StockBalance> Balances => _balances.Values;

    /// <summary>The allocations as they stand now (loaded and made, released ones gone).</summary>
    public IReadOnlyList<StockAllocation> Allocations => _allocations;

    public decimal OnHand(int productId, int locationId) =>
        _balances.TryGetValue((productId, locationId), out var balance) ? balance.OnHand : 0m;

    public decimal Allocated(int productId, int locationId) =>
        _allocations.Where(a => a.ProductId == productId && a.LocationId == locationId).Sum(a => a.Quantity)
        + _allocatedElsewhere.GetValueOrDefault((productId, locationId));

    public decimal AllocatedTo(AllocationSource source, int sourceId, int productId, int locationId) =>
        Find(source, sourceId, productId, locationId)?.Quantity ?? 0m;

    /// <summary>On hand − allocated; may be negative when more is allocated than is on hand.</summary>
    public decimal Available(int productId, int locationId) =>
        Availability.Available(OnHand(productId, locationId), Allocated(productId, locationId));

    /// <summary>Available as the given source sees it: what it has allocated itself still counts as its own.</summary>
    public decimal AvailableTo(AllocationSource source, int sourceId, int productId, int locationId) =>
        Available(productId, locationId) + AllocatedTo(source, sourceId, productId, locationId);

    /// <summary>
    /// How much of the source's allocation on hand does not cover once everyone else's allocations are served:
    /// the backorder shown for it.
    /// </summary>
    public decimal Backorder(AllocationSource source, int sourceId, int productId, int locationId)
    {
        var own = AllocatedTo(source, sourceId, productId, locationId);
        return Math.Min(own, Math.Max(0m, -Available(productId, locationId)));
    }

    public string ProductLabel(int productId) => _productLabel(productId);

    /// <summary>A stocktake correction or write-off. The reason is mandatory; on hand never goes below zero.</summary>
    public StockMovement Adjust(int productId, int locationId, decimal quantity, string reason)
    {
        var why = Names.Optional(reason)
            ?? throw new DomainValidationException([new ValidationError("Reason", "A stock adjustment needs a reason.")]);
        return Move(StockMovementKind.Adjustment, productId, locationId, quantity, new MovementOrigin(why));
    }

    /// <summary>Moves stock between two locations: a TransferOut and a TransferIn row sharing one transfer id.</summary>
    public (StockMovement Out, StockMovement In) Transfer(
        int productId, int fromLocationId, int toLocationId, decimal quantity, string? reason)
    {
        Amounts.PositiveQuantity(quantity, ProductLabel(productId));
        if (fromLocationId == toLocationId)
        {
            throw new DomainException("A transfer needs two different locations.");
        }

        var origin = new MovementOrigin(Names.Optional(reason), TransferId: Guid.NewGuid());
        var outRow = Move(StockMovementKind.TransferOut, productId, fromLocationId, -quantity, origin);
        var inRow = Move(StockMovementKind.TransferIn, productId, toLocationId, quantity, origin);
        return (outRow, inRow);
    }

    /// <summary>
    /// Builds <paramref name="quantity"/> of an assembled product (a kit) at a location from its components, outside
    /// any sale: each stock component comes off (AssemblyOut), the kit goes on (AssemblyIn). Refuses, naming each
    /// component the available stock there cannot cover, and then changes nothing.
    /// </summary>
    public IReadOnlyList<StockMovement> Assemble(
        Catalog.Product kit, decimal quantity, int locationId, IReadOnlyDictionary<int, Catalog.Product> products, string? reason)
    {
        Amounts.PositiveQuantity(quantity, kit.Label);
        if (!kit.IsAssembled)
        {
            throw new DomainException($"{kit.Label} has no bill of materials: it cannot be assembled.");
        }

        var components = Sales.SaleAssemblyComponent.Of(kit, quantity, products);
        if (ComponentShortfalls(components, locationId) is { Count: > 0 } missing)
        {
            throw new DomainException(CannotAssemble(quantity, kit.Label, missing));
        }

        var before = Effects.NewMovements.Count;
        Build(kit.Id, quantity, components, locationId, new MovementOrigin(Names.Optional(reason) ?? "Assembly"));
        return Effects.NewMovements.Skip(before).ToList();
    }

    /// <summary>Each stock component that available stock at the location cannot cover, with what it lacks.</summary>
    public IReadOnlyList<(string Sku, decimal Short)> ComponentShortfalls(
        IEnumerable<Sales.SaleAssemblyComponent> components, int locationId) =>
        components
            .Where(c => c.IsStock)
            .Select(c => (c.Sku, Short: c.Quantity - Math.Max(0m, Available(c.ProductId, locationId))))
            .Where(c => c.Short > 0)
            .ToList();

    /// <summary>The refusal of an assembly whose components are short, in the merchant's words.</summary>
    public static string CannotAssemble(decimal quantity, string kit, IEnumerable<(string Sku, decimal Short)> missing) =>
        $"Not enough components to assemble {quantity:0.####} × {kit}: " +
        string.Join("; ", missing.Select(m => $"{m.Sku} is short by {m.Short:0.####}")) +
        ". Adjust or transfer the components in first.";

    /// <summary>Takes the stock components off and puts the assembled product on, all at one location.</summary>
    internal void Build(
        int productId, decimal quantity, IEnumerable<Sales.SaleAssemblyComponent> components, int locationId, MovementOrigin origin)
    {
        foreach (var component in components.Where(c => c.IsStock))
        {
            Move(StockMovementKind.AssemblyOut, component.ProductId, locationId, -component.Quantity, origin);
        }

        Move(StockMovementKind.AssemblyIn, productId, locationId, quantity, origin);
    }

    /// <summary>
    /// Sets what a source has allocated of a product at a location to exactly <paramref name="quantity"/>
    /// (zero releases it). Allocating beyond what is available is allowed: the excess is a backorder.
    /// </summary>
    public void SetAllocation(AllocationSource source, int sourceId, int productId, int locationId, decimal quantity)
    {
        if (sourceId <= 0)
        {
            throw new InvalidOperationException("Stock can only be allocated to a saved sale or pending order (it needs an id).");
        }

        Amounts.Scaled(quantity, "an allocation");
        if (quantity < 0)
        {
            throw new DomainException("An allocation cannot be negative.");
        }

        var existing = Find(source, sourceId, productId, locationId);
        if (existing is null)
        {
            if (quantity == 0)
            {
                return;
            }

            var allocation = StockAllocation.Create(OrganizationId, source, sourceId, productId, locationId, quantity, Now);
            _allocations.Add(allocation);
            _allocationIndex.Add(Key(allocation), allocation);
            Effects.Allocated(allocation, Now);
        }
        else if (quantity == 0)
        {
            _allocations.Remove(existing);
            _allocationIndex.Remove(Key(existing));
            Effects.Released(existing, Now);
        }
        else if (existing.Quantity != quantity)
        {
            existing.ChangeQuantity(quantity, Now);
            Effects.AllocationChanged(existing, Now);
        }
    }

    /// <summary>Releases everything a source has allocated among the loaded rows.</summary>
    public void ReleaseAll(AllocationSource source, int sourceId)
    {
        foreach (var allocation in _allocations.Where(a => a.Source == source && a.SourceId == sourceId).ToList())
        {
            SetAllocation(source, sourceId, allocation.ProductId, allocation.LocationId, 0m);
        }
    }

    internal StockMovement Move(
        StockMovementKind kind, int productId, int locationId, decimal quantity, MovementOrigin origin)
    {
        WholeQuantities.Check(!_wholeOnly.Contains(productId), ProductLabel(productId), quantity);
        var movement = StockMovement.Create(OrganizationId, productId, locationId, kind, quantity, Now, origin);
        var balance = Balance(productId, locationId);
        balance.Apply(movement, ProductLabel(productId));
        Effects.Moved(movement, Now);
        return movement;
    }

    private StockBalance Balance(int productId, int locationId)
    {
        if (!_balances.TryGetValue((productId, locationId), out var balance))
        {
            balance = StockBalance.Open(OrganizationId, productId, locationId);
            _balances.Add((productId, locationId), balance);
            Effects.BalanceOpened(balance);
        }

        return balance;
    }

    private StockAllocation? Find(AllocationSource source, int sourceId, int productId, int locationId) =>
        _allocationIndex.GetValueOrDefault((source, sourceId, productId, locationId));

    private static (AllocationSource, int, int, int) Key(StockAllocation a) => (a.Source, a.SourceId, a.ProductId, a.LocationId);

    private void CheckOrganization(int organizationId)
    {
        if (organizationId != OrganizationId)
        {
            throw new InvalidOperationException("Stock rows of another organization were loaded into this ledger.");
        }
    }
}
