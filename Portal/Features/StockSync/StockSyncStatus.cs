using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Integrations;

namespace Portal.Features.StockSync;

/// <summary>What the store page shows of a store's stock sync.</summary>
/// <param name="Backlog">Linked products with a stock change the store has not been told yet.</param>
/// <param name="FirstPushPending">The store has not been told its whole stock yet (never pushed, or links changed).</param>
public sealed record StockSyncState(
    bool UpdateStockLevels, string Location, int Backlog, bool FirstPushPending, DateTime? PushedAtUtc, string? Error,
    int Failures, DateTime? NextTryAtUtc);

public static class StockSyncStatus
{
    public static async Task<StockSyncState?> GetAsync(PortalDbContext db, int storeId, CancellationToken ct = default)
    {
        var store = await db.Stores.AsNoTracking().Where(s => s.Id == storeId).Select(s => new
        {
            s.SettingsJson, s.StockChangesFollowedSinceUtc, s.LastFullStockPushAtUtc, s.StockPushedAtUtc, s.StockPushError,
            s.StockPushFailures, s.StockPushNextTryAtUtc,
        }).SingleOrDefaultAsync(ct);
        if (store is null)
        {
            return null;
        }

        var settings = StoreSettings.FromJson(store.SettingsJson);
        var location = settings.LocationId is { } id
            ? await db.Locations.AsNoTracking().Where(l => l.Id == id).Select(l => l.Name).SingleOrDefaultAsync(ct) ?? "a location that no longer exists"
            : "all locations";
        var backlog = store.StockChangesFollowedSinceUtc is null
            ? 0
            : await db.StockChanges.AsNoTracking()
                .Where(c => !db.StockChangeAcknowledgements.Any(a => a.StoreId == storeId && a.StockChangeId == c.Id))
                .Where(c => db.StoreProductLinks.Any(l => l.StoreId == storeId && l.ProductId == c.ProductId))
                .Select(c => c.ProductId).Distinct().CountAsync(ct);
        return new StockSyncState(settings.UpdateStockLevels, location, backlog,
            settings.UpdateStockLevels && store.LastFullStockPushAtUtc is null, store.StockPushedAtUtc, store.StockPushError,
            store.StockPushFailures, store.StockPushNextTryAtUtc);
    }
}
