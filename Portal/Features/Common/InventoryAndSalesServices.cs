using Portal.Features.Catalog;
using Portal.Features.Customers;
using Portal.Features.Reference;
using Portal.Features.Sales;
using Portal.Features.Stock;

namespace Portal.Features.Common;

public static class InventoryAndSalesServices
{
    /// <summary>
    /// The inventory and sales handlers. Stateless singletons: every method takes the tenant it acts for (a page
    /// passes the scoped <c>ITenantContext</c>, a job <c>FixedTenant.For(organizationId)</c>).
    /// </summary>
    public static IServiceCollection AddInventoryAndSales(this IServiceCollection services) => services
        .AddSingleton<UnitOfWork>()
        .AddSingleton<StockOperations>()
        .AddSingleton<AvailabilityQuery>()
        .AddSingleton<MovementHistory>()
        .AddSingleton<StockChangeFeed>()
        .AddSingleton<ProductCatalog>()
        .AddSingleton<CustomerBook>()
        .AddSingleton<ReferenceBookEditor>()
        .AddSingleton<StarterReferenceBooks>()
        .AddSingleton<SaleOperations>();
}
