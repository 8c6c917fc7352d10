using Portal.Domain.Organizations;

namespace Portal.Domain.Integrations;

/// <summary>
/// Links one WooCommerce product or variation of a store to a portal product. Written by the catalog download and
/// by listing products; read by stock sync and order capture. The WooCommerce ids and SKU are what the store had
/// when the link was made, so a change of store address can check that they still exist there.
/// </summary>
public class StoreProductLink : IOrganizationOwned, IStoreOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int StoreId { get; set; }
    /// <summary>The product id in WooCommerce; for a variation, the id of its parent product.</summary>
    public long WooProductId { get; set; }
    /// <summary>The variation id, or 0 for a simple product or a parent.</summary>
    public long WooVariationId { get; set; }
    public string Sku { get; set; } = "";
    /// <summary>The portal product; null while the WooCommerce product is listed but not matched to one.</summary>
    public int? ProductId { get; set; }
    public DateTime LinkedAtUtc { get; set; }
    /// <summary>The merchant turned stock sync off for this product: its stock level is not sent to the store.</summary>
    public bool StockSyncOff { get; set; }
    /// <summary>The product-level buffer, which overrides the store's; null when the product uses the store's.</summary>
    public int? ProductBuffer { get; set; }
    /// <summary>Set when the store reports the product deleted or trashed: shown as missing in the catalog.</summary>
    public DateTime? MissingSinceUtc { get; set; }

    /// <summary>Turns the product-level buffer on with a whole number of units, 0 or more, or off (null).</summary>
    public void SetProductBuffer(int? buffer)
    {
        if (buffer < 0)
        {
            throw new DomainValidationException(
                [new ValidationError(nameof(ProductBuffer), "The product buffer is a whole number of units, 0 or more.")]);
        }

        ProductBuffer = buffer;
    }

    /// <summary>The stock quantity last sent to the store for this link; null until one was sent.</summary>
    public int? LastPushedQuantity { get; private set; }
    public DateTime? LastPushedAtUtc { get; private set; }

    /// <summary>Whether the store must be told <paramref name="syncQuantity"/>: it was never told, or told another value.</summary>
    public bool NeedsPush(int syncQuantity) => LastPushedQuantity != syncQuantity;

    /// <summary>The store accepted <paramref name="quantity"/> for this link.</summary>
    public void RecordPush(int quantity, DateTime atUtc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        LastPushedQuantity = quantity;
        LastPushedAtUtc = atUtc;
    }
}
