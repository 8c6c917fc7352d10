using Portal.Domain.Integrations;

namespace Portal.Domain.Tests.Integrations;

public sealed class StockPushPlanTests
{
    private static StockPushItem Simple(int n, int quantity = 1) => new(n, n, $"S{n}", 1000 + n, 0, quantity);

    private static StockPushItem Variation(int parent, int n, int quantity = 1) => new(n, n, $"V{n}", parent, 5000 + n, quantity);

    [Fact]
    public void Build_WhenSimpleProductsAndVariationsOfTwoParents_ThenHundredsOfSimpleAndEachParentApart()
    {
        var items = Enumerable.Range(1, 250).Select(n => Simple(n))
            .Concat(Enumerable.Range(300, 4).Select(n => Variation(7, n)))
            .Concat(Enumerable.Range(400, 101).Select(n => Variation(9, n)));

        var (requests, refused) = StockPushPlan.Build(items);

        refused.ShouldBeEmpty();
        requests.Select(r => (r.ParentId, r.Items.Count)).ShouldBe(new (long?, int)[] { (null, 100), (null, 100), (null, 50), (7, 4), (9, 100), (9, 1) });
        requests.Count.ShouldBe(StockPushPlan.MinimumRequests(250, [4, 101]));
        requests.Where(r => r.ParentId is { } parent).ShouldAllBe(r => r.Items.All(i => i.WooProductId == r.ParentId));
    }

    [Fact]
    public void Build_WhenAnItemIsDoubtful_ThenItIsRefusedWithTheReasonAndNotSent()
    {
        var (requests, refused) = StockPushPlan.Build([
            Simple(1), Simple(2, quantity: -1), new StockPushItem(3, 3, "NOID", 0, 0, 4), Simple(1) with { LinkId = 9, ProductId = 9 },
        ]);

        requests.Single().Items.Select(i => i.LinkId).ShouldBe([1L]);
        refused.Select(r => (r.Item.LinkId, r.Reason)).ShouldBe([
            (2L, "the quantity -1 is below 0"), (3L, "the link has no store product id"),
            (9L, "another portal product is linked to the same store product"),
        ]);
    }

    [Fact]
    public void MinimumRequests_WhenTheBenchmarkCatalog_ThenEightyPlusOnePerParent() =>
        StockPushPlan.MinimumRequests(8_000, Enumerable.Repeat(4, 500)).ShouldBe(580);
}

public sealed class StockPushStateTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void StockPushFailed_WhenFailingInARow_ThenTheWaitDoublesUpToTheMaximumAndHonoursRetryAfter()
    {
        var store = new ConnectedStore();
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            store.StockPushFailed(Now, "down", null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
            waits.Add(store.StockPushNextTryAtUtc!.Value - Now);
        }

        waits.Select(w => w.TotalSeconds).ShouldBe([5, 10, 20, 30, 30]);
        store.StockPushFailed(Now, "slow down", TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
        (store.StockPushNextTryAtUtc, store.StockPushFailures, store.StockPushError).ShouldBe((Now.AddSeconds(90), 6, "slow down"));

        store.StockPushSucceeded(Now, null);
        (store.StockPushNextTryAtUtc, store.StockPushFailures, store.StockPushError, store.StockPushedAtUtc).ShouldBe((null, 0, null, Now));
    }
}
