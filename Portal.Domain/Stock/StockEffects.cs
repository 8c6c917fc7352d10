namespace Portal.Domain.Stock;

/// <summary>
/// What one unit of work did to stock, for the data layer to persist in one transaction: add the new rows, remove
/// the released allocations; balances and allocations that were loaded and changed are already tracked as modified.
/// Every change of availability has put a <see cref="StockChange"/> here for its product.
/// </summary>
public sealed class StockEffects
{
    private readonly List<StockBalance> _newBalances = [];
    private readonly List<StockMovement> _newMovements = [];
    private readonly List<StockAllocation> _newAllocations = [];
    private readonly List<StockAllocation> _releasedAllocations = [];
    private readonly Dictionary<int, StockChange> _changes = [];

    public IReadOnlyList<StockBalance> NewBalances => _newBalances;
    public IReadOnlyList<StockMovement> NewMovements => _newMovements;
    public IReadOnlyList<StockAllocation> NewAllocations => _newAllocations;

    /// <summary>Allocations to delete (loaded rows that dropped to zero).</summary>
    public IReadOnlyList<StockAllocation> ReleasedAllocations => _releasedAllocations;

    public IReadOnlyCollection<StockChange> StockChanges => _changes.Values;
    public IReadOnlyCollection<int> TouchedProductIds => _changes.Keys;
    public bool IsEmpty => _changes.Count == 0 && _newBalances.Count == 0;

    internal void BalanceOpened(StockBalance balance) => _newBalances.Add(balance);

    internal void Moved(StockMovement movement, DateTime now)
    {
        _newMovements.Add(movement);
        Touch(movement.OrganizationId, movement.ProductId, now);
    }

    internal void Allocated(StockAllocation allocation, DateTime now)
    {
        _newAllocations.Add(allocation);
        Touch(allocation.OrganizationId, allocation.ProductId, now);
    }

    internal void AllocationChanged(StockAllocation allocation, DateTime now) =>
        Touch(allocation.OrganizationId, allocation.ProductId, now);

    internal void Released(StockAllocation allocation, DateTime now)
    {
        // A row made in this same unit of work was never stored: forget it instead of deleting it.
        if (!_newAllocations.Remove(allocation))
        {
            _releasedAllocations.Add(allocation);
        }

        Touch(allocation.OrganizationId, allocation.ProductId, now);
    }

    private void Touch(int organizationId, int productId, DateTime now)
    {
        if (!_changes.ContainsKey(productId))
        {
            _changes.Add(productId, StockChange.Create(organizationId, productId, now));
        }
    }
}
