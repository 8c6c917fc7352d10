using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Rest;

namespace WooCommerce.Emulator.Webhooks;

/// <param name="Chaos">What a delivery control did to it: null, "dropped", "duplicate", "delayed" or "reordered".</param>
public sealed record WebhookDelivery(
    int WebhookId, string Topic, string DeliveryId, string Url, bool IsPing, string Body,
    IReadOnlyDictionary<string, string> Headers, int? ResponseStatus, string? Error, DateTimeOffset At, string? Chaos = null)
{
    public bool Succeeded => ResponseStatus is >= 200 and < 300;
}

/// <summary>
/// Misbehaviour of the delivery queue, for testing receivers: each share (0 to 1) of deliveries is dropped (never
/// sent), duplicated (sent twice, each with its own delivery id, as when a queued action runs twice), delayed by
/// <see cref="DelayMs"/>, or reordered (held back until the next delivery has been sent, at most
/// <see cref="DelayMs"/>). Which deliveries are picked follows <see cref="Seed"/> and the order events were raised in.
/// </summary>
public sealed record DeliveryChaos(double Drop = 0, double Duplicate = 0, double Delay = 0, double Reorder = 0, int DelayMs = 1000, int Seed = 1)
{
    public bool Any => Drop > 0 || Duplicate > 0 || Delay > 0 || Reorder > 0;
}

/// <summary>
/// Delivers webhooks the way WooCommerce 11 does: asynchronously after a delay (Action Scheduler), with the body
/// built when the delivery runs, one pending delivery per webhook and resource, no retry, and the webhook disabled
/// after more than five consecutive failures.
/// </summary>
public sealed class WebhookDispatcher(Store store, EmulatorOptions options, TimeProvider clock, ILogger<WebhookDispatcher> log) : IDisposable
{
    private readonly ConcurrentQueue<WebhookDelivery> _deliveries = new();
    private readonly ConcurrentDictionary<(int Epoch, int Webhook, int Resource), byte> _pending = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _http = CreateClient(options);
    private readonly SemaphoreSlim? _sending = options.MaxConcurrentDeliveries is int most ? new SemaphoreSlim(most) : null;
    private readonly object _control = new();
    private DeliveryChaos _chaos = new();
    private Random _chaosRandom = new(1);
    private TaskCompletionSource _resumed = Completed();
    private TaskCompletionSource _nextSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _held;
    private int _epoch;

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    public IReadOnlyList<WebhookDelivery> Deliveries => [.. _deliveries];

    /// <summary>The delivery misbehaviour in force; setting it restarts its seeded sequence.</summary>
    public DeliveryChaos Chaos
    {
        get { lock (_control) return _chaos; }
        set
        {
            foreach (var share in new[] { value.Drop, value.Duplicate, value.Delay, value.Reorder })
                if (share is < 0 or > 1 || double.IsNaN(share)) throw new ArgumentOutOfRangeException(nameof(value), "Each share must be between 0 and 1.");
            if (value.DelayMs < 0) throw new ArgumentOutOfRangeException(nameof(value), "delay_ms must not be negative.");
            lock (_control) (_chaos, _chaosRandom) = (value, new Random(value.Seed));
        }
    }

    /// <summary>Deliveries that came due while paused and wait for <see cref="Resume"/>.</summary>
    public int Held => Volatile.Read(ref _held);

    public bool Paused
    {
        get { lock (_control) return !_resumed.Task.IsCompleted; }
    }

    /// <summary>Holds every delivery that comes due (they stay pending, so later events for the same resource coalesce).</summary>
    public void Pause()
    {
        lock (_control) if (_resumed.Task.IsCompleted) _resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Sends what was held while paused, and whatever comes due from now on.</summary>
    public void Resume()
    {
        lock (_control) _resumed.TrySetResult();
    }

    /// <summary>Picks what the chaos does to the next delivery; called in the order events are raised.</summary>
    private string? PickChaos()
    {
        lock (_control)
        {
            if (!_chaos.Any) return null;
            var roll = _chaosRandom.NextDouble();
            foreach (var (share, kind) in new[] { (_chaos.Drop, "dropped"), (_chaos.Duplicate, "duplicate"), (_chaos.Delay, "delayed"), (_chaos.Reorder, "reordered") })
            {
                if (roll < share) return kind;
                roll -= share;
            }
            return null;
        }
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    public void ClearLog() => _deliveries.Clear();

    /// <summary>
    /// Back to normal delivery (no chaos, not paused) and forgets what is queued, so that deliveries raised before a
    /// reset never reach webhooks of the store that replaced it (webhook ids start again at 1).
    /// </summary>
    public void ClearControls()
    {
        Interlocked.Increment(ref _epoch);
        Chaos = new DeliveryChaos();
        Resume();
    }

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
            var epoch = Volatile.Read(ref _epoch);
            if (!_pending.TryAdd((epoch, webhook.Id, resourceId), 0)) continue;
            var id = webhook.Id;
            var chaos = PickChaos();
            Interlocked.Increment(ref _inFlight);
            _ = Task.Run(async () =>
            {
                try
                {
                    await Task.Delay(options.WebhookDelay, clock, _stopping.Token);
                    Task resumed;
                    lock (_control) resumed = _resumed.Task;
                    if (!resumed.IsCompleted)
                    {
                        Interlocked.Increment(ref _held);
                        try
                        {
                            await resumed.WaitAsync(_stopping.Token);
                        }
                        finally
                        {
                            Interlocked.Decrement(ref _held);
                        }
                    }
                    _pending.TryRemove((epoch, id, resourceId), out _);
                    await DeliverWithChaosAsync(epoch, chaos, id, topic, resourceId, origin);
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

    private async Task DeliverWithChaosAsync(int epoch, string? chaos, int webhookId, string topic, int resourceId, string origin)
    {
        // Queued before a reset: the store it belonged to is gone (checked again after any chaos delay).
        bool Stale() => epoch != Volatile.Read(ref _epoch);
        if (Stale()) return;
        var delay = TimeSpan.FromMilliseconds(Chaos.DelayMs);
        switch (chaos)
        {
            case "dropped":
                await DeliverAsync(webhookId, topic, resourceId, origin, chaos, send: false);
                return;
            case "delayed":
                await Task.Delay(delay, clock, _stopping.Token);
                break;
            case "reordered":
                Task next;
                lock (_control) next = _nextSent.Task;
                await Task.WhenAny(next, Task.Delay(delay, clock, _stopping.Token));
                _stopping.Token.ThrowIfCancellationRequested();
                break;
        }
        if (Stale()) return;
        await DeliverAsync(webhookId, topic, resourceId, origin, chaos, send: true);
        if (chaos == "duplicate") await DeliverAsync(webhookId, topic, resourceId, origin, chaos, send: true);
    }

    private async Task DeliverAsync(int webhookId, string topic, int resourceId, string origin, string? chaos, bool send)
    {
        // A delivery runs as a whole (its body built when it runs, then sent) within the concurrency limit, as one
        // Action Scheduler action does.
        if (_sending is null)
        {
            await DeliverNowAsync(webhookId, topic, resourceId, origin, chaos, send);
            return;
        }
        await _sending.WaitAsync(_stopping.Token);
        try
        {
            await DeliverNowAsync(webhookId, topic, resourceId, origin, chaos, send);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task DeliverNowAsync(int webhookId, string topic, int resourceId, string origin, string? chaos, bool send)
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
        if (!send)
        {
            _deliveries.Enqueue(new WebhookDelivery(webhook.Id, topic, deliveryId, webhook.DeliveryUrl, false, body, headers, null, "dropped by the emulator's delivery control", clock.GetUtcNow(), chaos));
            return;
        }
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var (status, error) = await SendAsync(webhook.DeliveryUrl, content, headers);
        _deliveries.Enqueue(new WebhookDelivery(webhook.Id, topic, deliveryId, webhook.DeliveryUrl, false, body, headers, status, error, clock.GetUtcNow(), chaos));
        if (chaos != "reordered")
        {
            lock (_control)
            {
                _nextSent.TrySetResult();
                _nextSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
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
        _sending?.Dispose();
        _stopping.Dispose();
    }
}

public static class WebhookEvents
{
    public static void Raise(this HttpContext c, string topic, int resourceId) =>
        c.RequestServices.GetService<WebhookDispatcher>()?.Raise(topic, resourceId, c.Origin());
}
