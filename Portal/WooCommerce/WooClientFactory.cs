using System.Net;
using Flurl.Http;
using Flurl.Http.Configuration;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portal.WooCommerce;

public interface IWooClientFactory
{
    /// <summary>The client of a store, created on first use and kept per <see cref="WooStoreConnection.StoreKey"/>
    /// so its circuit breaker and concurrency limit span every caller. New credentials or URL give a new client.</summary>
    WooClient GetClient(WooStoreConnection connection);

    /// <summary>Forgets a store's client (store disconnected).</summary>
    void Remove(string storeKey);
}

public sealed class WooClientFactory(
    IOptions<WooClientOptions> options,
    IWooCallRecorder recorder,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IWooClientFactory, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WooClient> _clients = [];

    public WooClient GetClient(WooStoreConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // Under a lock so two callers never build two pipelines (two circuits, two limits) for one store.
        lock (_gate)
        {
            if (_clients.TryGetValue(connection.StoreKey, out var existing) && existing.Connection == connection)
                return existing;
            // A replaced client is not disposed: calls may still be running on it; its idle connections time out.
            var client = Create(connection);
            _clients[connection.StoreKey] = client;
            return client;
        }
    }

    /// <summary>Tests adjust the socket handler here (to trust a test certificate); the portal never does.</summary>
    internal Action<SocketsHttpHandler>? ConfigureHandler { get; init; }

    public void Remove(string storeKey)
    {
        lock (_gate)
            _clients.Remove(storeKey);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var client in _clients.Values)
                client.Dispose();
            _clients.Clear();
        }
    }

    private WooClient Create(WooStoreConnection connection)
    {
        var settings = options.Value;
        var logger = loggerFactory.CreateLogger<WooClient>();
        var authenticator = new WooAuthenticator(connection, time);
        var pipeline = WooResilience.Build(connection.StoreKey, settings, time, logger);

        // Built by hand rather than with Flurl's AddMiddleware, which cuts handler chains (tmenier/Flurl#821).
        var allowPrivate = settings.AllowPrivateAddresses;
        var sockets = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
            // A redirect would carry the credentials to an address nobody checked; the merchant is told where it
            // points instead (WooErrorKind.Redirected).
            AllowAutoRedirect = false,
            // Through a proxy the connect step sees the proxy, not the store: the address check would be blind.
            UseProxy = false,
            ConnectCallback = (context, ct) => StoreAddressGuard.ConnectAsync(context, allowPrivate, ct),
        };
        ConfigureHandler?.Invoke(sockets);
        var handler = new ResilienceHandler(pipeline)
        {
            InnerHandler = new WooAttemptHandler(connection, authenticator, recorder, time, logger) { InnerHandler = sockets },
        };
        var httpClient = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var flurl = new FlurlClient(httpClient);
        flurl.Settings.JsonSerializer = new DefaultJsonSerializer(WooJson.Options);
        flurl.Settings.Timeout = null; // the pipeline times out each attempt
        flurl.Settings.Redirects.Enabled = false; // Flurl follows redirects itself, above the handler
        flurl.Headers.Add("User-Agent", "WooPortal");
        return new WooClient(connection, flurl, authenticator, settings, time, logger);
    }
}
