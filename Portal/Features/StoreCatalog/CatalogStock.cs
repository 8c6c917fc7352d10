using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using Portal.Features.Stock;

namespace Portal.Features.StoreCatalog;

/// <summary>
/// What the catalog shows and sends of a product's stock: available at the store's location (all locations when it
/// has none) and the sync quantity after the buffer. A product's buffer counts whenever the store uses buffer
/// inventory, even with Update Stock Levels off, because listing and updating always send stock (the guide's note).
/// </summary>
public static class CatalogStock
{
    public static async Task<Func<int, int?, (decimal Available, int Buffer, int SyncQuantity)>> ForAsync(
        AvailabilityQuery availability, ITenantContext tenant, StoreSettings settings, IReadOnlyCollection<int> productIds,
        CancellationToken ct)
    {
        var stock = await availability.GetAsync(tenant, new AvailabilityFilter
        {
            ProductIds = productIds,
            LocationIds = settings.LocationId is { } location ? [location] : null,
        }, ct);
        var available = stock.Products.ToDictionary(p => p.ProductId, p => p.Available);
        var buffer = Sending(settings);
        return (productId, productBuffer) =>
        {
            var free = available.GetValueOrDefault(productId);
            return (free, buffer.BufferFor(productBuffer), buffer.SyncQuantity(free, productBuffer));
        };
    }

    private static BufferChoice Sending(StoreSettings settings) => settings.Buffer with { UpdateStockLevels = true };
}
