using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using Portal.Tests.Infrastructure;
using Portal.WooCommerce;

namespace Portal.Tests.Integrations;

/// <summary>A portal with small limits, so that the limits themselves can be reached.</summary>
public sealed class SmallLimitsPortalFixture : IAsyncLifetime
{
    public const int WebhookLimit = 3;
    public const int CallbackLimit = 2;

    public PortalFactory Portal { get; } = new PortalFactory()
        .With("RateLimits:WebhookPermitLimit", WebhookLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("RateLimits:WebhookWindow", "01:00:00")
        .With("RateLimits:CallbackPermitLimit", CallbackLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("RateLimits:CallbackWindow", "01:00:00");

    public async Task InitializeAsync() => await Portal.StartAsync();

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}

/// <summary>The webhook receiver and the app-authorization callback face the internet: the store is looked up before
/// the body is read, bodies are limited however they are sent, and both endpoints are rate limited.</summary>
public sealed class WebhookEdgeTests(SmallLimitsPortalFixture fx) : IClassFixture<SmallLimitsPortalFixture>
{
    private const string Secret = "edge-webhook-secret";

    private async Task<(int Org, ConnectedStore Store)> SeedStoreAsync(bool notReaching = false)
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        var secrets = fx.Portal.Services.GetRequiredService<StoreSecrets>();
        var store = new ConnectedStore
        {
            PublicKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Name = "Edge", Url = "https://edge.example",
            NormalizedUrl = "edge-" + Guid.NewGuid().ToString("N") + ".example", ConnectionMethod = StoreConnectionMethod.Classic,
            ProtectedConsumerKey = secrets.Protect("ck_edge"), ProtectedConsumerSecret = secrets.Protect("cs_edge"), ConsumerKeyHint = "ck_…edge",
            KeyPermission = "read_write", Currency = "USD", TimeZone = "UTC", ProtectedWebhookSecret = secrets.Protect(Secret),
            Status = StoreStatus.Connected, WebhooksNotReaching = notReaching,
        };
        await using var db = fx.Portal.OpenDatabase(FixedTenant.For(org));
        db.Stores.Add(store);
        await db.SaveChangesAsync();
        return (org, store);
    }

    private HttpClient Http() => new() { BaseAddress = new Uri(fx.Portal.BaseUrl) };

    private static HttpRequestMessage Delivery(string storeKey, string deliveryId, HttpContent? content = null)
    {
        const string body = "{\"id\":7,\"status\":\"processing\"}";
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/woocommerce/" + storeKey)
        {
            Content = content ?? new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-WC-Webhook-Topic", "order.updated");
        request.Headers.Add("X-WC-Webhook-Signature", WooWebhookSignature.Compute(Encoding.UTF8.GetBytes(body), Secret));
        request.Headers.Add("X-WC-Webhook-Delivery-ID", deliveryId);
        return request;
    }

    [Fact]
    public async Task Receiver_WhenStoreIsUnknown_Then404BeforeTheBodyIsRead()
    {
        // An endless body: reading it first would never end, or end at the server's own limit with a 413.
        var status = await RawPostAsync("/webhooks/woocommerce/" + new string('a', 32), contentLength: null);

        status.ShouldBe(404);
    }

    [Fact]
    public async Task Receiver_WhenChunkedBodyExceedsTheLimit_Then413AndNothingStored()
    {
        var (org, store) = await SeedStoreAsync();

        var status = await RawPostAsync("/webhooks/woocommerce/" + store.PublicKey, contentLength: null);

        status.ShouldBe(413);
        await using var db = fx.Portal.OpenDatabase(FixedTenant.For(org));
        (await db.WebhookInbox.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Receiver_WhenContentLengthExceedsTheLimit_Then413()
    {
        var (_, store) = await SeedStoreAsync();

        var status = await RawPostAsync("/webhooks/woocommerce/" + store.PublicKey, contentLength: WooEndpoints.MaxWebhookBody + 1L);

        status.ShouldBe(413);
    }

    /// <summary>
    /// Posts a signed-looking delivery whose body never ends (chunked) or is announced with a length, on a raw socket:
    /// HttpClient gives up on the answer when the server stops reading its upload, which is exactly what is tested.
    /// </summary>
    private async Task<int> RawPostAsync(string path, long? contentLength)
    {
        var address = new Uri(fx.Portal.BaseUrl);
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        var framing = contentLength is { } length ? $"Content-Length: {length}" : "Transfer-Encoding: chunked";
        var head = $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\n"
            + $"X-WC-Webhook-Topic: order.updated\r\nX-WC-Webhook-Delivery-ID: big\r\nX-WC-Webhook-Signature: x\r\n{framing}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var stop = new CancellationTokenSource();
        var upload = Task.Run(async () =>
        {
            var data = new byte[64 * 1024];
            Array.Fill(data, (byte)'x');
            var chunk = Encoding.ASCII.GetBytes($"{data.Length:x}\r\n").Concat(data).Concat("\r\n"u8.ToArray()).ToArray();
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await stream.WriteAsync(contentLength is null ? chunk : data, stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The server answered and closed, or the test is done.
            }
        });

        var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        client.Close();
        await upload;
        return int.Parse(statusLine!.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Receiver_WhenAStoreSendsMoreThanItsLimit_ThenTheRestAre429AndOtherStoresAreUnaffected()
    {
        var (org, store) = await SeedStoreAsync();
        var (_, other) = await SeedStoreAsync();
        using var http = Http();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= SmallLimitsPortalFixture.WebhookLimit; i++)
        {
            using var response = await http.SendAsync(Delivery(store.PublicKey, "d" + i));
            answers.Add(response.StatusCode);
        }

        using var otherStore = await http.SendAsync(Delivery(other.PublicKey, "d0"));

        answers.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        otherStore.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var db = fx.Portal.OpenDatabase(FixedTenant.For(org));
        (await db.WebhookInbox.CountAsync()).ShouldBe(SmallLimitsPortalFixture.WebhookLimit);
    }

    [Fact]
    public async Task Receiver_WhenAnUnsignedPingArrives_ThenOnlyThePingIsRecorded()
    {
        var (org, store) = await SeedStoreAsync(notReaching: true);
        using var http = Http();

        using var ping = await http.PostAsync("/webhooks/woocommerce/" + store.PublicKey,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["webhook_id"] = "7" }));

        ping.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var db = fx.Portal.OpenDatabase(FixedTenant.For(org));
        var saved = await db.Stores.AsNoTracking().SingleAsync();
        saved.LastPingAtUtc.ShouldNotBeNull();
        saved.WebhooksNotReaching.ShouldBeTrue("an unsigned request proves nothing about the store's webhooks");
        saved.LastWebhookAtUtc.ShouldBeNull();
        (await db.WebhookInbox.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Callback_WhenOneClientPostsMoreThanTheLimit_ThenTheRestAre429()
    {
        using var http = Http();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= SmallLimitsPortalFixture.CallbackLimit; i++)
        {
            using var response = await http.PostAsJsonAsync(StorePaths.CallbackPath, new
            {
                key_id = 1, user_id = "made-up-state-" + i, consumer_key = "ck_x", consumer_secret = "cs_x", key_permissions = "read_write",
            });
            answers.Add(response.StatusCode);
        }

        answers.ShouldBe([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests]);
    }
}
