using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Features.Sales;
using Portal.Tests.Components;
using Portal.Tests.Inventory;

namespace Portal.Tests.Sales;

public sealed class NewSalePageTests : IAsyncLifetime
{
    private readonly BunitHost _bunit = new();
    private InventoryDatabase _database = null!;
    private InventorySeed _seed = null!;

    public async Task InitializeAsync()
    {
        _database = await InventoryDatabase.CreateAsync();
        _seed = await InventorySeed.CreateAsync(_database);
        var services = _bunit.Context.Services;
        services.AddSingleton<ITenantContext>(_seed.Tenant);
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(new SeedContexts(_database, _seed.Org));
        services.AddSingleton(_database.Sales);
    }

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Save_WhenNoCustomerAndAnEmptyLine_ThenTheErrorsShowNextToTheFieldsAndNothingIsSaved()
    {
        _bunit.RenderProviders();
        var page = _bunit.Context.Render<NewSalePage>();
        page.WaitForAssertion(() => page.Find("#sale-location").ShouldNotBeNull());

        page.Find("#save-and-order").Click();

        page.WaitForAssertion(() =>
        {
            page.Markup.ShouldContain("Choose the customer.");
            page.Markup.ShouldContain("Choose a product or name the line.");
        });
        _bunit.Context.Services.GetRequiredService<NavigationManager>().Uri.ShouldNotContain("/sales/");
        await using var db = _database.For(_seed.Org);
        (await db.Sales.CountAsync()).ShouldBe(0);
    }

    private sealed class SeedContexts(IPortalDbContextFactory factory, int organizationId) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => factory.CreateForOrganization(organizationId);
    }
}
