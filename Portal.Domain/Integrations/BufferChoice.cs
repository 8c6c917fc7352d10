namespace Portal.Domain.Integrations;

/// <summary>
/// A store's stock-level choices: whether the portal tells the store its stock levels at all, and how many units it
/// holds back (the buffer) so that the store does not sell what the portal's other channels may need.
/// </summary>
/// <param name="UpdateStockLevels">The portal tells the store its stock levels.</param>
/// <param name="UseBufferInventory">Some units are held back; only meaningful when stock levels are updated.</param>
/// <param name="StoreBuffer">Units held back for every product that has no buffer of its own.</param>
public sealed record BufferChoice(bool UpdateStockLevels, bool UseBufferInventory, int StoreBuffer)
{
    /// <summary>Whether a buffer is held back: only when stock levels are updated and the buffer is used.</summary>
    public bool BufferApplies => UpdateStockLevels && UseBufferInventory;

    public string? Problem => BufferApplies && StoreBuffer < 0 ? "The buffer is a whole number of units, 0 or more." : null;

    /// <summary>The same choice with what does not apply switched off, so a value that does not apply never takes effect.</summary>
    public BufferChoice Effective() => new(UpdateStockLevels, BufferApplies, BufferApplies ? StoreBuffer : 0);

    /// <summary>The units held back of a product: 0 unless the buffer applies; then the product's own buffer when it
    /// has one, else the store's.</summary>
    public int BufferFor(int? productBuffer)
    {
        if (productBuffer < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(productBuffer), productBuffer, "A product's buffer is 0 or more.");
        }

        return BufferApplies ? productBuffer ?? Math.Max(StoreBuffer, 0) : 0;
    }

    /// <summary>
    /// What the store is told it has: available − buffer, as a whole number of units (a part unit cannot be sold),
    /// never below 0.
    /// </summary>
    public int SyncQuantity(decimal available, int? productBuffer)
    {
        var quantity = decimal.Floor(available) - BufferFor(productBuffer);
        return quantity <= 0 ? 0 : quantity >= int.MaxValue ? int.MaxValue : (int)quantity;
    }
}
