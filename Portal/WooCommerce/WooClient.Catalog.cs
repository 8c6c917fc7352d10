namespace Portal.WooCommerce;

public sealed partial class WooClient
{
    private const string Products = ApiPrefix + "products";

    public Task<WooPage<WooProduct>> ListProductsAsync(WooProductQuery? query = null, int page = 1, int? perPage = null,
        CancellationToken ct = default) =>
        GetPageAsync<WooProduct>(Products, query?.ToQuery(), page, perPage, ct);

    public IAsyncEnumerable<WooProduct> IterateProductsAsync(WooProductQuery? query = null, CancellationToken ct = default) =>
        IterateAsync<WooProduct>(Products, query?.ToQuery(), ct);

    public Task<WooProduct> GetProductAsync(long id, CancellationToken ct = default) =>
        GetAsync<WooProduct>($"{Products}/{Segment(id)}", null, ct);

    public async Task<WooProduct?> FindProductBySkuAsync(string sku, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        var page = await ListProductsAsync(new WooProductQuery { Sku = sku }, 1, 10, ct);
        return page.Items.FirstOrDefault(p => string.Equals(p.Sku, sku, StringComparison.Ordinal));
    }

    /// <summary>Creates a product. With a SKU it is never created twice: after a timeout or 5xx the client
    /// looks for the SKU first.</summary>
    public Task<WooProduct> CreateProductAsync(WooProduct product, CancellationToken ct = default)
    {
        WooValidation.Product(Connection, product, WooBatchOperation.Create);
        Func<CancellationToken, Task<WooProduct?>>? lookUp = string.IsNullOrEmpty(product.Sku)
            ? null
            : token => FindProductBySkuAsync(product.Sku, token);
        return CreateOnceAsync(Products, product, lookUp, ct);
    }

    public Task<WooProduct> UpdateProductAsync(long id, WooProduct changes, CancellationToken ct = default)
    {
        WooValidation.Product(Connection, changes with { Id = id }, WooBatchOperation.Update);
        return SendJsonAsync<WooProduct>(HttpMethod.Put, $"{Products}/{Segment(id)}", changes with { Id = 0 }, ct);
    }

    /// <summary>Without <paramref name="force"/> the product goes to the trash.</summary>
    public Task<WooProduct> DeleteProductAsync(long id, bool force = false, CancellationToken ct = default) =>
        SendJsonAsync<WooProduct>(HttpMethod.Delete, $"{Products}/{Segment(id)}", null, ct, new WooQuery().With("force", force ? true : null));

    public Task<WooBatchResult<WooProduct>> BatchProductsAsync(WooBatch<WooProduct> batch, CancellationToken ct = default) =>
        BatchAsync(Products, batch, (p, op) => WooValidation.Product(Connection, p, op), ct);

    private static string Variations(long parentId) => $"{Products}/{Segment(parentId)}/variations";

    public Task<WooPage<WooVariation>> ListVariationsAsync(long parentId, int page = 1, int? perPage = null,
        CancellationToken ct = default) =>
        GetPageAsync<WooVariation>(Variations(parentId), null, page, perPage, ct);

    public IAsyncEnumerable<WooVariation> IterateVariationsAsync(long parentId, CancellationToken ct = default) =>
        IterateAsync<WooVariation>(Variations(parentId), null, ct);

    public Task<WooVariation> GetVariationAsync(long parentId, long id, CancellationToken ct = default) =>
        GetAsync<WooVariation>($"{Variations(parentId)}/{Segment(id)}", null, ct);

    public Task<WooVariation> CreateVariationAsync(long parentId, WooVariation variation, CancellationToken ct = default)
    {
        WooValidation.Variation(Connection, parentId, variation, WooBatchOperation.Create);
        Func<CancellationToken, Task<WooVariation?>>? lookUp = string.IsNullOrEmpty(variation.Sku)
            ? null
            : async token =>
            {
                var page = await GetPageAsync<WooVariation>(Variations(parentId), new WooQuery().With("sku", variation.Sku), 1, 10, token);
                return page.Items.FirstOrDefault(v => v.Sku == variation.Sku);
            };
        return CreateOnceAsync(Variations(parentId), variation, lookUp, ct);
    }

    public Task<WooVariation> UpdateVariationAsync(long parentId, long id, WooVariation changes, CancellationToken ct = default)
    {
        WooValidation.Variation(Connection, parentId, changes with { Id = id }, WooBatchOperation.Update);
        return SendJsonAsync<WooVariation>(HttpMethod.Put, $"{Variations(parentId)}/{Segment(id)}", changes with { Id = 0 }, ct);
    }

    public Task<WooVariation> DeleteVariationAsync(long parentId, long id, bool force = true, CancellationToken ct = default) =>
        SendJsonAsync<WooVariation>(HttpMethod.Delete, $"{Variations(parentId)}/{Segment(id)}", null, ct, new WooQuery().With("force", force ? true : null));

    public Task<WooBatchResult<WooVariation>> BatchVariationsAsync(long parentId, WooBatch<WooVariation> batch,
        CancellationToken ct = default) =>
        BatchAsync(Variations(parentId), batch, (v, op) => WooValidation.Variation(Connection, parentId, v, op), ct);

    /// <summary>Updates variations of many products: WooCommerce only batches variations per parent
    /// (<c>products/{parent}/variations/batch</c>), so they are grouped by <see cref="WooVariation.ParentId"/>.</summary>
    public async Task<WooBatchResult<WooVariation>> UpdateVariationsAsync(IEnumerable<WooVariation> variations,
        CancellationToken ct = default)
    {
        var updated = new List<WooVariation>();
        var errors = new List<WooBatchItemError>();
        foreach (var group in variations.GroupBy(v => v.ParentId ?? 0))
        {
            if (group.Key <= 0)
                throw WooValidation.Invalid(Connection, "products/variations", "each variation needs its parent_id");
            var result = await BatchVariationsAsync(group.Key, new WooBatch<WooVariation> { Update = [.. group] }, ct);
            updated.AddRange(result.Updated);
            errors.AddRange(result.Errors);
        }
        return new WooBatchResult<WooVariation> { Updated = updated, Errors = errors };
    }

    private const string Categories = Products + "/categories";

    public IAsyncEnumerable<WooCategory> IterateCategoriesAsync(CancellationToken ct = default) =>
        IterateAsync<WooCategory>(Categories, null, ct);

    public Task<WooCategory> GetCategoryAsync(long id, CancellationToken ct = default) =>
        GetAsync<WooCategory>($"{Categories}/{Segment(id)}", null, ct);

    public Task<WooCategory> CreateCategoryAsync(WooCategory category, CancellationToken ct = default) =>
        SendJsonAsync<WooCategory>(HttpMethod.Post, Categories, category, ct);

    public Task<WooCategory> UpdateCategoryAsync(long id, WooCategory changes, CancellationToken ct = default) =>
        SendJsonAsync<WooCategory>(HttpMethod.Put, $"{Categories}/{Segment(id)}", changes with { Id = 0 }, ct);

    public Task<WooCategory> DeleteCategoryAsync(long id, CancellationToken ct = default) =>
        SendJsonAsync<WooCategory>(HttpMethod.Delete, $"{Categories}/{Segment(id)}", null, ct, new WooQuery().With("force", true));

    private const string Tags = Products + "/tags";

    public IAsyncEnumerable<WooTerm> IterateTagsAsync(CancellationToken ct = default) => IterateAsync<WooTerm>(Tags, null, ct);

    public Task<WooTerm> CreateTagAsync(WooTerm tag, CancellationToken ct = default) =>
        SendJsonAsync<WooTerm>(HttpMethod.Post, Tags, tag, ct);

    private const string Attributes = Products + "/attributes";

    /// <summary>Global attributes are not paged by WooCommerce.</summary>
    public Task<IReadOnlyList<WooAttribute>> ListAttributesAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<WooAttribute>>(Attributes, null, ct);

    public Task<WooAttribute> GetAttributeAsync(long id, CancellationToken ct = default) =>
        GetAsync<WooAttribute>($"{Attributes}/{Segment(id)}", null, ct);

    public Task<WooAttribute> CreateAttributeAsync(WooAttribute attribute, CancellationToken ct = default) =>
        SendJsonAsync<WooAttribute>(HttpMethod.Post, Attributes, attribute, ct);

    public IAsyncEnumerable<WooTerm> IterateAttributeTermsAsync(long attributeId, CancellationToken ct = default) =>
        IterateAsync<WooTerm>($"{Attributes}/{Segment(attributeId)}/terms", null, ct);

    public Task<WooTerm> CreateAttributeTermAsync(long attributeId, WooTerm term, CancellationToken ct = default) =>
        SendJsonAsync<WooTerm>(HttpMethod.Post, $"{Attributes}/{Segment(attributeId)}/terms", term, ct);
}
