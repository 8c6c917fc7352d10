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
