using Bunit;
using MudBlazor;
using Portal.Domain.Catalog;
using Portal.Domain.Organizations;
using Portal.Features.Catalog;
using Portal.Tests.Components;
using Portal.Tests.Inventory;

namespace Portal.Tests.Catalog;

/// <summary>The products grid pages, sorts and filters in SQL on SQLite, where prices are fixed-point integers.</summary>
public sealed class ProductsPageTests : IAsyncLifetime
{
    private InventoryPageHost _host = null!;

    private BunitHost Bunit => _host.Bunit;
    private InventoryDatabase Database => _host.Database;

    public async Task InitializeAsync()
    {
        _host = await InventoryPageHost.CreateAsync(Permissions.ReadOnly);
        var seed = _host.Seed;
        foreach (var (id, price) in new[] { (seed.Widget, 12.5m), (seed.Gadget, 3m), (seed.Part, 120m) })
        {
            var product = (await Database.Catalog.UpdateAsync(seed.Tenant, id, await InputOfAsync(seed.Org, id) with
            {
                Prices = new Dictionary<int, decimal> { [1] = price },
            }));
            product.Error.ShouldBeNull();
        }

        await Database.Catalog.CreateAsync(seed.Tenant, new ProductInput { Sku = "FEE", Name = "Handling fee", Type = ProductType.Service });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Grid_WhenSortedByTierOnePriceDescending_ThenTheDatabaseOrdersByTheStoredAmount()
    {
        var page = Bunit.Context.Render<ProductsPage>();
        var grid = page.FindComponent<MudDataGrid<ProductsPage.ProductRow>>();
        page.WaitForAssertion(() => Skus(page).ShouldBe(["FEE", "GADGET", "KIT", "PART", "WIDGET"]), TimeSpan.FromSeconds(10));

        await page.InvokeAsync(() => grid.Instance.SetSortAsync(nameof(ProductsPage.ProductRow.Price), MudBlazor.SortDirection.Descending, r => r.Price!));

        // 120 > 12.5 > 3 compares as numbers, not as text; products without a price come last.
        page.WaitForAssertion(() => Skus(page).Take(3).ShouldBe(["PART", "WIDGET", "GADGET"]), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Grid_WhenFilteredByType_ThenOnlyThatTypeIsListedAndAReadOnlyUserGetsNoNewButton()
    {
        var page = Bunit.Context.Render<ProductsPage>();
        page.WaitForAssertion(() => Skus(page).Count.ShouldBe(5), TimeSpan.FromSeconds(10));
        var type = page.FindComponent<MudSelect<ProductType?>>();

        page.InvokeAsync(() => type.Instance.ValueChanged.InvokeAsync(ProductType.Service));

        page.WaitForAssertion(() => Skus(page).ShouldBe(["FEE"]), TimeSpan.FromSeconds(10));
        page.FindAll("#new-product").ShouldBeEmpty();
    }

    [Fact]
    public async Task Grid_WhenStockIsHeldAndAllocated_ThenEachStockProductShowsItsAvailabilityAndSortsByIt()
    {
        var seed = _host.Seed;
        await seed.SellInFractionsAsync(Database, seed.Widget); // 3.5 of them at the shop
        foreach (var (product, location, quantity) in new[] { (seed.Widget, seed.Warehouse, 7m), (seed.Widget, seed.Shop, 3.5m), (seed.Gadget, seed.Warehouse, 2m) })
        {
            (await Database.Stock.AdjustAsync(seed.Tenant, product, location, quantity, "count")).Succeeded.ShouldBeTrue();
        }

        // 4 widgets allocated to a sale at the warehouse: 10.5 on hand − 4 allocated.
        (await Database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 4m)), placeOrder: true,
            Domain.Sales.AutoAssemblyMode.None, Domain.Sales.AutoFulfilmentMode.None)).Succeeded.ShouldBeTrue();
        var page = Bunit.Context.Render<ProductsPage>();
        var grid = page.FindComponent<MudDataGrid<ProductsPage.ProductRow>>();
        page.WaitForAssertion(() => Skus(page).Count.ShouldBe(5), TimeSpan.FromSeconds(10));

        Available(page).ShouldBe(new Dictionary<string, string>
        {
            ["FEE"] = "", ["GADGET"] = "2", ["KIT"] = "0", ["PART"] = "0", ["WIDGET"] = "6.5",
        });

        await page.InvokeAsync(() => grid.Instance.SetSortAsync(nameof(ProductsPage.ProductRow.Available), MudBlazor.SortDirection.Descending, r => r.Available!));
        page.WaitForAssertion(() => Skus(page).Take(2).ShouldBe(["WIDGET", "GADGET"]), TimeSpan.FromSeconds(10));
    }

    private static Dictionary<string, string> Available(IRenderedComponent<ProductsPage> page) =>
        page.FindAll(".mud-table-body tr").ToDictionary(
            r => r.QuerySelector("td:first-child")!.TextContent.Trim(),
            r => r.QuerySelector("td.product-available")!.TextContent.Trim());

    private static List<string> Skus(IRenderedComponent<ProductsPage> page) =>
        page.FindAll(".mud-table-body tr td:first-child").Select(c => c.TextContent.Trim()).ToList();

    private async Task<ProductInput> InputOfAsync(int org, int id)
    {
        await using var db = Database.For(org);
        var product = Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.Products).Single(p => p.Id == id);
        return new ProductInput
        {
            Sku = product.Sku, Name = product.Name,
            BillOfMaterials = product.BillOfMaterials.Select(b => (b.ComponentProductId, b.Quantity)).ToList(),
        };
    }
}
