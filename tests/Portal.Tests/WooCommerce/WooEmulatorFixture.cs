using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.WooCommerce;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Model;

namespace Portal.Tests.WooCommerce;

/// <summary>The emulator, seeded like the fixture store, on real loopback sockets: plain http (the client speaks
/// OAuth 1.0a) and https with a certificate made here (Basic and query-string keys). The emulator shares no code
/// with the client.</summary>
public sealed class WooEmulatorFixture : IAsyncLifetime
{
    public WooEmulator Emulator { get; private set; } = null!;
    public ApiKey Key { get; private set; } = null!;
    public ApiKey ReadKey { get; private set; } = null!;
    public InMemoryWooCallRecorder Recorder { get; } = new();
    public X509Certificate2 Certificate { get; } = SelfSignedLoopbackCertificate();
    private readonly List<WooClientFactory> _factories = [];

    public async Task InitializeAsync()
    {
        Emulator = await WooEmulator.StartAsync(
            new EmulatorOptions { WebhookDelay = TimeSpan.FromMilliseconds(20), OutboundTimeout = TimeSpan.FromSeconds(2) }, Certificate);
        Emulator.SeedFixtureStore();
        Key = Emulator.CreateKey(KeyPermission.ReadWrite, "portal contract tests");
        ReadKey = Emulator.CreateKey(KeyPermission.Read, "portal contract tests read-only");
    }

    public WooStoreConnection Connection(ApiKey? key = null, string storeKey = "emulator", bool https = false) =>
        new(storeKey, new Uri(https ? Emulator.HttpsBaseUrl! : Emulator.BaseUrl), (key ?? Key).ConsumerKey, (key ?? Key).ConsumerSecret);

    public WooClient Client(WooClientOptions? options = null, ApiKey? key = null, string storeKey = "emulator",
        WooSignatureMethod method = WooSignatureMethod.HmacSha256) =>
        Client(Connection(key, storeKey) with { SignatureMethod = method }, options);

    public WooClient Client(WooStoreConnection connection, WooClientOptions? options = null)
    {
        var thumbprint = Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var factory = new WooClientFactory(Options.Create(options ?? WooTestClients.Fast()), Recorder, TimeProvider.System, NullLoggerFactory.Instance)
        {
            ConfigureHandler = handler => handler.SslOptions.RemoteCertificateValidationCallback =
                (_, certificate, _, _) => certificate?.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint,
        };
        lock (_factories)
            _factories.Add(factory);
        return factory.GetClient(connection);
    }

    internal static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories)
            factory.Dispose();
        await Emulator.DisposeAsync();
        Certificate.Dispose();
    }
}
