namespace Portal.Domain.Integrations;

/// <summary>One quantity to tell a store: a simple product (<see cref="WooVariationId"/> 0) or a variation of
/// <see cref="WooProductId"/>.</summary>
public sealed record StockPushItem(long LinkId, int ProductId, string Sku, long WooProductId, long WooVariationId, int Quantity)
{
    public bool IsVariation => WooVariationId != 0;
}

/// <summary>One request: <c>products/batch</c> when <see cref="ParentId"/> is null, else
/// <c>products/{ParentId}/variations/batch</c>.</summary>
public sealed record StockPushRequest(long? ParentId, IReadOnlyList<StockPushItem> Items);

/// <summary>An item not sent, and why.</summary>
public sealed record StockPushRefusal(StockPushItem Item, string Reason);

/// <summary>
/// The fewest requests that tell a store a set of quantities: WooCommerce takes at most 100 items a batch and batches
/// variations only per parent, so simple products go 100 at a time and each parent's variations 100 at a time.
/// Every item is checked first: a real store silently stores a quantity it cannot read as 0, so nothing doubtful is
/// sent at all.
/// </summary>
public static class StockPushPlan
{
    public const int BatchLimit = 100;

    public static (IReadOnlyList<StockPushRequest> Requests, IReadOnlyList<StockPushRefusal> Refused) Build(IEnumerable<StockPushItem> items)
    {
        var valid = new List<StockPushItem>();
        var refused = new List<StockPushRefusal>();
        var seen = new HashSet<(long, long)>();
        foreach (var item in items)
        {
            if (Problem(item) is { } reason)
            {
                refused.Add(new StockPushRefusal(item, reason));
            }
            else if (!seen.Add((item.WooProductId, item.WooVariationId)))
            {
                refused.Add(new StockPushRefusal(item, "another portal product is linked to the same store product"));
            }
            else
            {
                valid.Add(item);
            }
        }

        var requests = new List<StockPushRequest>();
        requests.AddRange(valid.Where(i => !i.IsVariation).OrderBy(i => i.WooProductId).Chunk(BatchLimit)
            .Select(chunk => new StockPushRequest(null, chunk)));
        foreach (var parent in valid.Where(i => i.IsVariation).GroupBy(i => i.WooProductId).OrderBy(g => g.Key))
        {
            requests.AddRange(parent.OrderBy(i => i.WooVariationId).Chunk(BatchLimit)
                .Select(chunk => new StockPushRequest(parent.Key, chunk)));
        }

        return (requests, refused);
    }

    /// <summary>The fewest requests for so many simple products and these variation counts per parent.</summary>
    public static int MinimumRequests(int simpleProducts, IEnumerable<int> variationsPerParent) =>
        Pages(simpleProducts) + variationsPerParent.Sum(Pages);

    private static int Pages(int items) => (items + BatchLimit - 1) / BatchLimit;

    private static string? Problem(StockPushItem item)
    {
        if (item.Quantity < 0)
        {
            return $"the quantity {item.Quantity} is below 0";
        }

        if (item.WooProductId <= 0)
        {
            return "the link has no store product id";
        }

        return item.WooVariationId < 0 ? "the link has an invalid variation id" : null;
    }
}
