using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.WooCommerce;

namespace Portal.Tests.WooCommerce;

internal static class WooTestClients
{
    public const string Key = "ck_4f1e2d3c4b5a69788796a5b4c3d2e1f0aabbccdd";
    public const string Secret = "cs_9a8b7c6d5e4f30211203f4e5d6c7b8a9ffeeddcc";

    public static WooStoreConnection Https(string storeKey = "shop") => new(storeKey, new Uri("https://shop.test"), Key, Secret);

    public static WooStoreConnection Http(string storeKey = "shop") => new(storeKey, new Uri("http://shop.test"), Key, Secret);

    /// <summary>Millisecond delays so retries cost nothing in tests; a circuit that does not open by accident.</summary>
    public static WooClientOptions Fast() => new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(5),
        MaxRetryAttempts = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(20),
        CircuitMinimumThroughput = 1000,
        CircuitBreakDuration = TimeSpan.FromSeconds(1),
        MaxConcurrentRequestsPerStore = 4,
        // The emulator and scripted stores listen on loopback.
        AllowPrivateAddresses = true,
    };

    public static WooClientFactory Factory(WooClientOptions? options = null, IWooCallRecorder? recorder = null,
        TimeProvider? time = null) =>
        new(Options.Create(options ?? Fast()), recorder ?? new InMemoryWooCallRecorder(), time ?? TimeProvider.System,
            NullLoggerFactory.Instance);
}
