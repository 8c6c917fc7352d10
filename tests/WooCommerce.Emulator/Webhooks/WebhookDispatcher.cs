using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Rest;

namespace WooCommerce.Emulator.Webhooks;

public sealed record WebhookDelivery(
    int WebhookId, string Topic, string DeliveryId, string Url, bool IsPing, string Body,
    IReadOnlyDictionary<string, string> Headers, int? ResponseStatus, string? Error, DateTimeOffset At)
{
    public bool Succeeded => ResponseStatus is >= 200 and < 300;
}

/// <summary>
/// Delivers webhooks the way WooCommerce 11 does: asynchronously after a delay (Action Scheduler), with the body
/// built when the delivery runs, one pending delivery per webhook and resource, no retry, and the webhook disabled
/// after more than five consecutive failures.
/// </summary>
public sealed class WebhookDispatcher(Store store, EmulatorOptions options, TimeProvider clock, ILogger<WebhookDispatcher> log) : IDisposable
{
    private readonly ConcurrentQueue<WebhookDelivery> _deliveries = new();
    private readonly ConcurrentDictionary<(int Webhook, int Resource), byte> _pending = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _http = CreateClient(options);
    private int _inFlight;

    public IReadOnlyList<WebhookDelivery> Deliveries => [.. _deliveries];

    public int InFlight => Volatile.Read(ref _inFlight);

    public void ClearLog() => _deliveries.Clear();

    /// <summary>Waits until no delivery is queued or running (for tests that check counters after deliveries).</summary>
    public async Task WhenIdleAsync(TimeSpan? timeout = null)
    {
        var deadline = clock.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(10));
        while (InFlight > 0)
        {
            if (clock.GetUtcNow() > deadline) throw new TimeoutException($"{InFlight} webhook deliveries still running.");
            await Task.Delay(10);
        }
    }

    public static HttpClient CreateClient(EmulatorOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None
                || (cert is not null && options.TrustedCertificates.Any(t => t.Thumbprint.Equals(new System.Security.Cryptography.X509Certificates.X509Certificate2(cert).Thumbprint, StringComparison.OrdinalIgnoreCase))) },
        };
        return new HttpClient(handler) { Timeout = options.OutboundTimeout };
    }

    /// <summary>Queues deliveries for every active webhook subscribed to the topic. Call inside the store lock.</summary>
    public void Raise(string topic, int resourceId, string origin)
    {
        foreach (var webhook in store.Webhooks.Where(w => w.Status == "active" && w.Topic == topic))
        {
            if (!_pending.TryAdd((webhook.Id, resourceId), 0)) continue;
            var id = webhook.Id;
            Interlocked.Increment(ref _inFlight);
            _ = Task.Run(async () =>
            {
                try
                {
                    await Task.Delay(options.WebhookDelay, clock, _stopping.Token);
                    _pending.TryRemove((id, resourceId), out _);
                    await DeliverAsync(id, topic, resourceId, origin);
                }
                catch (OperationCanceledException)
                {
                    // The emulator is stopping; queued deliveries die with it.
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            });
        }
    }

    private async Task DeliverAsync(int webhookId, string topic, int resourceId, string origin)
    {
        Webhook? webhook;
        string body;
        lock (store.Sync)
        {
            webhook = store.Webhooks.FirstOrDefault(w => w.Id == webhookId);
            if (webhook is null) return;
            body = BuildBody(topic, resourceId, origin).ToJsonString(Http.JsonOptions);
        }
        var deliveryId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var headers = new Dictionary<string, string>
        {
            ["X-WC-Webhook-Source"] = origin + "/",
            ["X-WC-Webhook-Topic"] = topic,
            ["X-WC-Webhook-Resource"] = webhook.Resource,
            ["X-WC-Webhook-Event"] = webhook.Event,
            ["X-WC-Webhook-Signature"] = Sign(body, webhook.Secret),
            ["X-WC-Webhook-ID"] = webhook.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-WC-Webhook-Delivery-ID"] = deliveryId,
        };
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var (status, error) = await SendAsync(webhook.DeliveryUrl, content, headers);
        _deliveries.Enqueue(new WebhookDelivery(webhook.Id, topic, deliveryId, webhook.DeliveryUrl, false, body, headers, status, error, clock.GetUtcNow()));
        lock (store.Sync)
        {
            if (status is >= 200 and < 300)
            {
                webhook.FailureCount = 0;
            }
            else
            {
                webhook.FailureCount++;
                if (webhook.FailureCount > options.MaxConsecutiveFailures) webhook.Status = "disabled";
            }
        }
    }

    /// <summary>The payload as it is when the delivery runs: a deleted event carries only the id, a vanished resource the REST 404 body.</summary>
    private JsonNode BuildBody(string topic, int resourceId, string origin)
    {
        var render = new Render(store, origin);
        var (resource, ev) = (topic.Split('.')[0], topic.Split('.').ElementAtOrDefault(1));
        if (ev == "deleted") return new JsonObject { ["id"] = resourceId };
        return resource switch
        {
            "order" => store.Order(resourceId) is { } o ? render.OrderJson(o) : render.Error("woocommerce_rest_shop_order_invalid_id", "Invalid ID.", 404),
            "product" => store.Product(resourceId) is { } p ? render.Product(p) : render.Error("woocommerce_rest_product_invalid_id", "Invalid ID.", 404),
            "customer" => store.Customer(resourceId) is { } cu ? render.CustomerJson(cu) : render.Error("woocommerce_rest_invalid_id", "Invalid resource id.", 404),
            "coupon" => store.Coupons.FirstOrDefault(x => x.Id == resourceId) is { } co ? render.CouponJson(co) : render.Error("woocommerce_rest_shop_coupon_invalid_id", "Invalid ID.", 404),
            _ => new JsonObject { ["id"] = resourceId },
        };
    }

    public static string Sign(string body, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary>The synchronous ping WooCommerce sends when a webhook is created or reactivated while pending.</summary>
    public async Task<WebhookDelivery> PingAsync(Webhook webhook)
    {
        var body = $"webhook_id={webhook.Id}";
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var (status, error) = await SendAsync(webhook.DeliveryUrl, content, new Dictionary<string, string>());
        var delivery = new WebhookDelivery(webhook.Id, "ping", "", webhook.DeliveryUrl, true, body, new Dictionary<string, string>(), status, error, clock.GetUtcNow());
        _deliveries.Enqueue(delivery);
        return delivery;
    }

    private async Task<(int? Status, string? Error)> SendAsync(string url, HttpContent content, Dictionary<string, string> headers)
    {
        if (options.RefuseLocalDeliveryUrls && IsRefusedByWordPress(url))
            return (null, "A valid URL was not provided.");
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            request.Headers.TryAddWithoutValidation("User-Agent", $"WooCommerce/{store.Settings.WooCommerceVersion} Hookshot (WordPress/{store.Settings.WordPressVersion})");
            foreach (var (k, v) in headers) request.Headers.TryAddWithoutValidation(k, v);
            using var response = await _http.SendAsync(request, _stopping.Token);
            return ((int)response.StatusCode, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            log.LogInformation("Webhook delivery to {Url} failed: {Error}", url, e.Message);
            return (null, e.Message);
        }
    }

    /// <summary>wp_safe_remote_post refuses localhost and loopback addresses on ports other than 80, 443 and 8080.</summary>
    public static bool IsRefusedByWordPress(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return true;
        if (uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        var loopback = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
        return loopback && uri.Port is not (80 or 443 or 8080);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _http.Dispose();
        _stopping.Dispose();
    }
}

public static class WebhookEvents
{
    public static void Raise(this HttpContext c, string topic, int resourceId) =>
        c.RequestServices.GetService<WebhookDispatcher>()?.Raise(topic, resourceId, c.Origin());
}
