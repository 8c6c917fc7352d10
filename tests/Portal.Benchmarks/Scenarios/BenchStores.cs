using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using Portal.WooCommerce;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Model;

namespace Portal.Benchmarks;

/// <summary>A store row for an emulator, as connecting it would save it, with a read_write key.</summary>
internal static class BenchStores
{
    /// <summary>Updates stock levels from <paramref name="locationId"/>, and already follows the changes and was told
    /// its whole stock, so that what a push sends is the changes.</summary>
    public static ConnectedStore StockSynced(int organizationId, string publicKey, WooEmulator emulator, StoreSecrets secrets, int locationId)
    {
        var key = emulator.CreateKey(KeyPermission.ReadWrite);
        return new ConnectedStore
        {
            OrganizationId = organizationId, PublicKey = publicKey, Name = "Store " + publicKey, Url = emulator.BaseUrl,
            NormalizedUrl = new Uri(emulator.BaseUrl).Authority, ConnectionMethod = StoreConnectionMethod.Classic,
            ProtectedConsumerKey = secrets.Protect(key.ConsumerKey), ProtectedConsumerSecret = secrets.Protect(key.ConsumerSecret),
            ConsumerKeyHint = ConnectedStore.Hint(key.ConsumerKey), KeyPermission = "read_write", Currency = "USD", TimeZone = "UTC",
            WordPressVersion = "7.0", WooCommerceVersion = "11.0", ProtectedWebhookSecret = secrets.Protect(publicKey),
            Status = StoreStatus.Connected, ConnectedAtUtc = DateTime.UtcNow,
            SettingsJson = new StoreSettings { LocationId = locationId, UpdateStockLevels = true }.ToJson(),
            StockChangesFollowedSinceUtc = DateTime.UtcNow, LastFullStockPushAtUtc = DateTime.UtcNow,
        };
    }
}
