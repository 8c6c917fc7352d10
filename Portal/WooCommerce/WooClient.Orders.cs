namespace Portal.WooCommerce;

public sealed partial class WooClient
{
    private const string Orders = ApiPrefix + "orders";

    public Task<WooPage<WooOrder>> ListOrdersAsync(WooOrderQuery? query = null, int page = 1, int? perPage = null,
        CancellationToken ct = default) =>
        GetPageAsync<WooOrder>(Orders, query?.ToQuery(), page, perPage, ct);

    public IAsyncEnumerable<WooOrder> IterateOrdersAsync(WooOrderQuery? query = null, CancellationToken ct = default) =>
        IterateAsync<WooOrder>(Orders, query?.ToQuery(), ct);

    public Task<WooOrder> GetOrderAsync(long id, CancellationToken ct = default) =>
        GetAsync<WooOrder>($"{Orders}/{Segment(id)}", null, ct);

    public Task<IReadOnlyList<WooOrderStatus>> ListOrderStatusesAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<WooOrderStatus>>($"{Orders}/statuses", null, ct);

    public Task<WooOrder> UpdateOrderAsync(long id, WooOrder changes, CancellationToken ct = default) =>
        SendJsonAsync<WooOrder>(HttpMethod.Put, $"{Orders}/{Segment(id)}", changes with { Id = 0 }, ct);

    public Task<WooOrder> UpdateOrderStatusAsync(long id, string status, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(status);
        return UpdateOrderAsync(id, new WooOrder { Status = status }, ct);
    }

    /// <summary>Adds or replaces the given meta keys; other meta stays as it is.</summary>
    public Task<WooOrder> UpdateOrderMetaAsync(long id, IReadOnlyList<WooMetaData> meta, CancellationToken ct = default) =>
        UpdateOrderAsync(id, new WooOrder { MetaData = meta }, ct);

    /// <summary>Without <paramref name="force"/> the order goes to the trash (and fires order.deleted).</summary>
    public Task<WooOrder> DeleteOrderAsync(long id, bool force = false, CancellationToken ct = default) =>
        SendJsonAsync<WooOrder>(HttpMethod.Delete, $"{Orders}/{Segment(id)}", null, ct, new WooQuery().With("force", force ? true : null));

    public Task<WooBatchResult<WooOrder>> BatchOrdersAsync(WooBatch<WooOrder> batch, CancellationToken ct = default) =>
        BatchAsync(Orders, batch, (order, op) =>
        {
            if (op == WooBatchOperation.Update && order.Id <= 0)
                throw WooValidation.Invalid(Connection, "orders", "an update needs the order id");
        }, ct);

    public Task<IReadOnlyList<WooRefund>> ListRefundsAsync(long orderId, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<WooRefund>>($"{Orders}/{Segment(orderId)}/refunds", new WooQuery().With("per_page", 100), ct);

    /// <summary>Creates a refund at most once per <paramref name="refundKey"/> (the portal's credit note id, say):
    /// the key goes into the refund's meta data, and after an ambiguous failure the order's refunds are
    /// searched for it before anything is sent again.</summary>
    public Task<WooRefund> CreateRefundAsync(long orderId, WooRefund refund, string refundKey, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refundKey);
        var tagged = refund with { MetaData = [.. refund.MetaData ?? [], WooMetaData.Of(RefundKeyMeta, refundKey)] };
        return CreateOnceAsync($"{Orders}/{Segment(orderId)}/refunds", tagged, async token =>
        {
            var refunds = await ListRefundsAsync(orderId, token);
            return refunds.FirstOrDefault(r => r.MetaData.GetMeta(RefundKeyMeta) == refundKey);
        }, ct);
    }

    public Task<IReadOnlyList<WooOrderNote>> ListOrderNotesAsync(long orderId, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<WooOrderNote>>($"{Orders}/{Segment(orderId)}/notes", null, ct);

    public Task<WooOrderNote> CreateOrderNoteAsync(long orderId, WooOrderNote note, CancellationToken ct = default) =>
        SendJsonAsync<WooOrderNote>(HttpMethod.Post, $"{Orders}/{Segment(orderId)}/notes", note, ct);
}
