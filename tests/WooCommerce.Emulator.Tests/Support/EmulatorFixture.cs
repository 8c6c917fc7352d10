using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using WooCommerce.Emulator.Model;

namespace WooCommerce.Emulator.Tests.Support;

/// <summary>One emulator per test class, listening on http and https (self-signed certificate made in the test).</summary>
public class EmulatorFixture : IAsyncLifetime
{
    public X509Certificate2 Certificate { get; } = TestCertificates.SelfSigned();
    public WooEmulator Emulator { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public ApiKey Key { get; private set; } = null!;
    public ApiKey ReadKey { get; private set; } = null!;

    public virtual EmulatorOptions Options => new() { WebhookDelay = TimeSpan.FromMilliseconds(20) };

    public async Task InitializeAsync()
    {
        Emulator = await WooEmulator.StartAsync(Options, Certificate);
        Client = TestCertificates.ClientTrusting(Certificate);
        Key = Emulator.CreateKey(KeyPermission.ReadWrite, "fixture read_write");
        ReadKey = Emulator.CreateKey(KeyPermission.Read, "fixture read");
    }

    public string Https(string path) => Emulator.HttpsBaseUrl + path;

    public static AuthenticationHeaderValue Basic(string key, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}")));

    public HttpRequestMessage Api(HttpMethod method, string pathAndQuery, string? json = null, ApiKey? key = null)
    {
        var k = key ?? Key;
        var request = new HttpRequestMessage(method, Https("/wp-json/wc/v3" + pathAndQuery)) { Headers = { Authorization = Basic(k.ConsumerKey, k.ConsumerSecret) } };
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return request;
    }

    public async Task<(HttpResponseMessage Response, System.Text.Json.Nodes.JsonNode? Body)> SendAsync(HttpMethod method, string pathAndQuery, string? json = null, ApiKey? key = null)
    {
        using var request = Api(method, pathAndQuery, json, key);
        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : System.Text.Json.Nodes.JsonNode.Parse(text));
    }

    public async Task<System.Net.HttpStatusCode> StatusAsync(HttpMethod method, string pathAndQuery, string? json = null, ApiKey? key = null)
    {
        var (response, _) = await SendAsync(method, pathAndQuery, json, key);
        using (response) return response.StatusCode;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
        Certificate.Dispose();
    }
}
