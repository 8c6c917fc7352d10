using WooCommerce.Emulator;

namespace Portal.E2E.Infrastructure;

public static class EmulatedStores
{
    /// <summary>A WooCommerce emulator with the fixture-shaped store, selling in EUR like the test organizations.</summary>
    public static async Task<WooEmulator> StartEuroStoreAsync()
    {
        var store = await WooEmulator.StartAsync(new EmulatorOptions { WebhookDelay = TimeSpan.FromMilliseconds(20) });
        store.SeedFixtureStore();
        lock (store.Store.Sync)
        {
            store.Store.Settings.Currency = "EUR";
        }

        return store;
    }
}
