using Portal.Domain.Sales;
using Portal.Features.Sales;
using Portal.Tests.Inventory;

namespace Portal.Tests.Sales;

/// <summary>The sales grid's query on a real SQLite file: filters, search, sorting by money and paging run in SQL.</summary>
public sealed class SalesQueryTests : IAsyncLifetime
{
    private InventoryDatabase _database = null!;
    private InventorySeed _seed = null!;
    private int _ordered;
    private int _draft;
    private int _voided;

    public async Task InitializeAsync()
    {
        _database = await InventoryDatabase.CreateAsync();
        _seed = await InventorySeed.CreateAsync(_database);
        _ordered = await CreateAsync("PO-A", 1m, placeOrder: true);
        _draft = await CreateAsync("PO-B", 3m, placeOrder: false);
        _voided = await CreateAsync("50%_OFF", 2m, placeOrder: true);
        (await _database.Sales.VoidAsync(_seed.Tenant, _voided, "test")).Succeeded.ShouldBeTrue();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Page_WhenSortedByTotal_ThenTheDatabaseOrdersTheFixedPointAmounts()
    {
        (await IdsAsync(new(SalesFilter.All, null, nameof(SaleRow.Total), true, 0, 10))).ShouldBe([_draft, _voided, _ordered]);
        (await IdsAsync(new(SalesFilter.All, null, nameof(SaleRow.Total), false, 0, 10))).ShouldBe([_ordered, _voided, _draft]);
    }

    [Fact]
    public async Task Page_WhenPaged_ThenOnlyThatPageIsReturnedWithTheFullCount()
    {
        await using var db = _database.For(_seed.Org);
        var page = await SalesQuery.PageAsync(db, new(SalesFilter.All, null, nameof(SaleRow.Total), false, 1, 1), default);

        page.Total.ShouldBe(3);
        var row = page.Rows.ShouldHaveSingleItem();
        (row.Id, row.Total, row.Customer, row.Reference).ShouldBe((_voided, 20m, "Jane Buyer", "50%_OFF"));
    }

    [Theory]
    [InlineData(SalesFilter.Draft, "draft")]
    [InlineData(SalesFilter.AwaitingPick, "ordered")]
    [InlineData(SalesFilter.Voided, "voided")]
    [InlineData(SalesFilter.Shipped, "")]
    public async Task Page_WhenFilteredByStatus_ThenOnlyThoseSalesAreListed(SalesFilter filter, string expected)
    {
        var ids = await IdsAsync(new(filter, null, null, false, 0, 10));

        var named = new Dictionary<string, int> { ["draft"] = _draft, ["ordered"] = _ordered, ["voided"] = _voided };
        ids.ShouldBe(expected.Length == 0 ? [] : [named[expected]]);
    }

    [Fact]
    public async Task Page_WhenSearching_ThenCustomerAndReferenceMatchInAnyCaseAndWildcardsAreLiteral()
    {
        (await IdsAsync(new(SalesFilter.All, "po-", nameof(SaleRow.Total), false, 0, 10))).ShouldBe([_ordered, _draft]);
        (await IdsAsync(new(SalesFilter.All, "jane", nameof(SaleRow.Total), false, 0, 10))).ShouldBe([_ordered, _voided, _draft]);
        (await IdsAsync(new(SalesFilter.All, "%", null, false, 0, 10))).ShouldBe([_voided]);
        (await IdsAsync(new(SalesFilter.All, "0%_", null, false, 0, 10))).ShouldBe([_voided]);
        (await IdsAsync(new(SalesFilter.All, "O_F", null, false, 0, 10))).ShouldBeEmpty();
    }

    private async Task<List<int>> IdsAsync(SalesQuery.Request request)
    {
        await using var db = _database.For(_seed.Org);
        return (await SalesQuery.PageAsync(db, request, default)).Rows.Select(r => r.Id).ToList();
    }

    private async Task<int> CreateAsync(string reference, decimal quantity, bool placeOrder)
    {
        var draft = _seed.Sale((_seed.Widget, quantity));
        var result = await _database.Sales.CreateAsync(_seed.Tenant, draft with { Header = draft.Header with { Reference = reference } },
            placeOrder, AutoAssemblyMode.None, AutoFulfilmentMode.None);
        result.Succeeded.ShouldBeTrue(result.Error);
        return result.Value!.SaleId;
    }
}
