namespace Portal.Domain.Sales;

/// <summary>Which fulfilment stages are authorised automatically right after a sale is created.</summary>
public enum AutoFulfilmentMode
{
    None = 0,
    Pick = 1,
    PickPack = 2,
    PickPackShip = 3,
}

public enum AutoAssemblyMode
{
    None = 0,

    /// <summary>Assemble the whole ordered quantity, without looking at stock.</summary>
    ForOrderedQuantity = 1,

    /// <summary>
    /// Assemble only what the pick needs: max(0, ordered − available at the sale's location, this sale's own
    /// allocation not counted). On order is ignored.
    /// </summary>
    ForMinimumRequiredForPicking = 2,
}
