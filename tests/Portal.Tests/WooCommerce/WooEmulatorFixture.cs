using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.WooCommerce;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Model;

namespace Portal.Tests.WooCommerce;

/// <summary>The emulator, seeded like the fixture store, on a real loopback socket over plain http, so the
/// client speaks OAuth 1.0a to it as it would to an http store. The emulator shares no code with the client.</summary>
public sealed class WooEmulatorFixture : IAsyncLifetime
{
    public WooEmulator Emulator { get; private set; } = null!;
    public ApiKey Key { get; private set; } = null!;
    public ApiKey ReadKey { get; private set; } = null!;
    public InMemoryWooCallRecorder Recorder { get; } = new();
    private readonly List<WooClientFactory> _factories = [];

    public async Task InitializeAsync()
    {
        Emulator = await WooEmulator.StartAsync(new EmulatorOptions { WebhookDelay = TimeSpan.FromMilliseconds(20), OutboundTimeout = TimeSpan.FromSeconds(2) });
        Emulator.SeedFixtureStore();
        Key = Emulator.CreateKey(KeyPermission.ReadWrite, "portal contract tests");
        ReadKey = Emulator.CreateKey(KeyPermission.Read, "portal contract tests read-only");
    }

    public WooStoreConnection Connection(ApiKey? key = null, string storeKey = "emulator") =>
        new(storeKey, new Uri(Emulator.BaseUrl), (key ?? Key).ConsumerKey, (key ?? Key).ConsumerSecret);

    public WooClient Client(WooClientOptions? options = null, ApiKey? key = null, string storeKey = "emulator", WooSignatureMethod method = WooSignatureMethod.HmacSha256)
    {
        var factory = new WooClientFactory(Options.Create(options ?? WooTestClients.Fast()), Recorder, TimeProvider.System, NullLoggerFactory.Instance);
        lock (_factories)
            _factories.Add(factory);
        return factory.GetClient(Connection(key, storeKey) with { SignatureMethod = method });
    }

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories)
            factory.Dispose();
        await Emulator.DisposeAsync();
    }
}
