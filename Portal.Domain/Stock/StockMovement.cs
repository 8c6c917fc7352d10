using Portal.Domain.Organizations;

namespace Portal.Domain.Stock;

public enum StockMovementKind
{
    Adjustment = 1,
    Pick = 2,
    Restock = 3,
    AssemblyIn = 4,
    AssemblyOut = 5,
    TransferIn = 6,
    TransferOut = 7,

    /// <summary>Stock a voided sale had picked (and not restocked) coming back on hand.</summary>
    VoidReversal = 8,
}

/// <summary>
/// One immutable row of the stock ledger: a signed change of on hand of one product at one location. Rows are only
/// created by <see cref="StockLedger"/>, which applies them to the balance and marks the product changed in the same
/// step; nothing changes a row afterwards (corrections are new rows).
/// </summary>
public class StockMovement : IOrganizationOwned
{
    private StockMovement()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int ProductId { get; private set; }
    public int LocationId { get; private set; }
    public StockMovementKind Kind { get; private set; }

    /// <summary>Signed: positive adds to on hand, negative takes off.</summary>
    public decimal Quantity { get; private set; }

    public string? Reason { get; private set; }
    public string? Reference { get; private set; }
    public DateTime OccurredAt { get; private set; }
    public int? SaleId { get; private set; }

    /// <summary>Filled through <see cref="Assembly"/> when the assembly is new in the same unit of work.</summary>
    public int? AssemblyId { get; private set; }

    public Sales.SaleAssembly? Assembly { get; private set; }

    /// <summary>The two rows of one transfer share this id.</summary>
    public Guid? TransferId { get; private set; }

    internal static StockMovement Create(
        int organizationId, int productId, int locationId, StockMovementKind kind, decimal quantity,
        DateTime occurredAt, MovementOrigin origin)
    {
        Amounts.Scaled(quantity, "a stock movement");
        if (quantity == 0)
        {
            throw new DomainException("A stock movement must change the quantity.");
        }

        return new StockMovement
        {
            OrganizationId = organizationId,
            ProductId = productId,
            LocationId = locationId,
            Kind = kind,
            Quantity = quantity,
            OccurredAt = Amounts.Utc(occurredAt, nameof(occurredAt)),
            Reason = origin.Reason,
            Reference = origin.Reference,
            SaleId = origin.SaleId,
            Assembly = origin.Assembly,
            AssemblyId = origin.Assembly is { Id: > 0 } assembly ? assembly.Id : null,
            TransferId = origin.TransferId,
        };
    }
}

/// <summary>Why a movement happened and what caused it.</summary>
internal sealed record MovementOrigin(
    string? Reason, string? Reference = null, int? SaleId = null, Guid? TransferId = null,
    Sales.SaleAssembly? Assembly = null);
