using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.WooCommerce;

namespace Portal.Tests.WooCommerce;

/// <summary>The store's HTTP pipeline on a real loopback socket, with millisecond delays (or fake time).</summary>
public class WooClientResilienceTests
{
    private const string Product = "{\"id\":12,\"name\":\"Oxford Shirt\",\"sku\":\"SHIRT-OXF-001\",\"price\":\"45.00\"}";

    private static WooStoreConnection Store(ScriptedStore store, string key = "loop") =>
        new(key, store.BaseUrl, WooTestClients.Key, WooTestClients.Secret);

    [Fact]
    public async Task Get_When503Then503Then200_ThenThreeHitsAndEveryAttemptRecordedWithoutSecrets()
    {
        await using var store = await ScriptedStore.StartAsync((context, hit) =>
            hit < 3 ? ScriptedStore.ServiceUnavailable(context) : ScriptedStore.Json(context, 200, Product));
        var recorder = new InMemoryWooCallRecorder();
        using var factory = WooTestClients.Factory(recorder: recorder);

        var product = await factory.GetClient(Store(store)).GetProductAsync(12);

        product.Price.ShouldBe(45.00m);
        store.Hits.ShouldBe(3);
        var calls = recorder.GetCalls("loop");
        calls.Select(c => c.Attempt).ShouldBe([1, 2, 3]);
        calls.Select(c => c.Status).ShouldBe([503, 503, 200]);
        calls.Select(c => c.ErrorKind).ShouldBe([WooErrorKind.ServerError, WooErrorKind.ServerError, null]);
        calls.ShouldAllBe(c => c.Path == "/wp-json/wc/v3/products/12" && c.Method == "GET" && c.StoreKey == "loop");
        // Over http the client signs with OAuth 1.0a, in the query string.
        store.Requests.ShouldAllBe(r => r.PathAndQuery.Contains("oauth_signature="));
    }

    [Fact]
    public async Task Get_WhenRetriedOverHttp_ThenEachAttemptHasAFreshValidOAuthSignature()
    {
        var signatures = new List<(string Nonce, bool Valid)>();
        await using var store = await ScriptedStore.StartAsync((context, hit) =>
        {
            lock (signatures)
                signatures.Add(VerifyOAuth(context));
            return hit == 1 ? ScriptedStore.ServiceUnavailable(context) : ScriptedStore.Json(context, 200, Product);
        });
        using var factory = WooTestClients.Factory();

        await factory.GetClient(Store(store)).GetProductAsync(12);

        signatures.Count.ShouldBe(2);
        signatures.ShouldAllBe(s => s.Valid);
        signatures[0].Nonce.ShouldNotBe(signatures[1].Nonce);
    }

    // Checks the signature the way the store does, from the raw request, without the client's signer.
    private static (string Nonce, bool Valid) VerifyOAuth(HttpContext context)
    {
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        var normalized = string.Join("&", query.Where(q => q.Key != "oauth_signature")
            .Select(q => (K: Uri.EscapeDataString(q.Key), V: Uri.EscapeDataString(q.Value)))
            .OrderBy(q => q.K, StringComparer.Ordinal).ThenBy(q => q.V, StringComparer.Ordinal)
            .Select(q => q.K + "=" + q.V));
        var url = $"http://{context.Request.Host}{context.Request.Path}";
        var baseString = $"{context.Request.Method}&{Uri.EscapeDataString(url)}&{Uri.EscapeDataString(normalized)}";
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(WooTestClients.Secret + "&"), Encoding.UTF8.GetBytes(baseString)));
        return (query["oauth_nonce"], query["oauth_signature"] == expected && query["oauth_signature_method"] == "HMAC-SHA256");
    }

    [Fact]
    public async Task Get_When400_ThenNotRetried()
    {
        await using var store = await ScriptedStore.StartAsync((context, _) => ScriptedStore.Json(context, 400,
            WooFixtures.Read("error_400_per_page_too_large.json")));
        using var factory = WooTestClients.Factory();

        var error = await Should.ThrowAsync<WooApiException>(() => factory.GetClient(Store(store)).ListProductsAsync(perPage: 100));

        error.Kind.ShouldBe(WooErrorKind.Validation);
        error.WooCode.ShouldBe("rest_invalid_param");
        store.Hits.ShouldBe(1);
    }

    [Fact]
    public async Task Get_WhenAttemptTimesOut_ThenRetriedAndTimeoutRecorded()
    {
        await using var store = await ScriptedStore.StartAsync(async (context, hit) =>
        {
            if (hit == 1)
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            else
                await ScriptedStore.Json(context, 200, Product);
        });
        var recorder = new InMemoryWooCallRecorder();
        var options = WooTestClients.Fast();
        options.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        using var factory = WooTestClients.Factory(options, recorder);

        var product = await factory.GetClient(Store(store)).GetProductAsync(12);

        product.Id.ShouldBe(12);
        store.Hits.ShouldBe(2);
        var calls = recorder.GetCalls("loop");
        calls[0].Status.ShouldBeNull();
        calls[0].ErrorKind.ShouldBe(WooErrorKind.Timeout);
        calls[1].Status.ShouldBe(200);
    }

    [Fact]
    public async Task Get_When429WithRetryAfter_ThenWaitsThatLongOnTheInjectedClock()
    {
        var firstHit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var store = await ScriptedStore.StartAsync((context, hit) =>
        {
            if (hit > 1)
                return ScriptedStore.Json(context, 200, Product);
            firstHit.TrySetResult();
            return ScriptedStore.Json(context, 429, "{\"code\":\"too_many_requests\",\"message\":\"Slow down\",\"data\":{\"status\":429}}",
                ("Retry-After", "2"));
        });
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var factory = WooTestClients.Factory(time: time);

        var call = factory.GetClient(Store(store)).GetProductAsync(12);
        await firstHit.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        time.Advance(TimeSpan.FromMilliseconds(1900));
        await Task.Delay(200);
        store.Hits.ShouldBe(1);
        call.IsCompleted.ShouldBeFalse();

        time.Advance(TimeSpan.FromMilliseconds(100));
        var product = await call.WaitAsync(TimeSpan.FromSeconds(10));

        product.Id.ShouldBe(12);
        store.Hits.ShouldBe(2);
    }

    [Fact]
    public async Task Get_When429AsksToWaitLongerThanAllowed_ThenRateLimitedWithoutRetry()
    {
        await using var store = await ScriptedStore.StartAsync((context, _) => ScriptedStore.Json(context, 429, "{}", ("Retry-After", "600")));
        var options = WooTestClients.Fast();
        options.MaxRetryAfter = TimeSpan.FromSeconds(30);
        using var factory = WooTestClients.Factory(options);

        var error = await Should.ThrowAsync<WooApiException>(() => factory.GetClient(Store(store)).GetProductAsync(12));

        error.Kind.ShouldBe(WooErrorKind.RateLimited);
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(600));
        store.Hits.ShouldBe(1);
    }

    [Fact]
    public async Task Get_WhenStoreKeepsFailing_ThenCircuitOpensForThatStoreOnly()
    {
        await using var store = await ScriptedStore.StartAsync((context, _) => ScriptedStore.Json(context, 500, "{}"));
        var options = WooTestClients.Fast();
        options.MaxRetryAttempts = 0;
        options.CircuitMinimumThroughput = 2;
        options.CircuitFailureRatio = 0.5;
        options.CircuitSamplingDuration = TimeSpan.FromSeconds(30);
        options.CircuitBreakDuration = TimeSpan.FromSeconds(30);
        using var factory = WooTestClients.Factory(options);
        var failing = factory.GetClient(Store(store, "failing"));

        (await Should.ThrowAsync<WooApiException>(() => failing.GetProductAsync(12))).Kind.ShouldBe(WooErrorKind.ServerError);
        (await Should.ThrowAsync<WooApiException>(() => failing.GetProductAsync(12))).Kind.ShouldBe(WooErrorKind.ServerError);
        var open = await Should.ThrowAsync<WooApiException>(() => failing.GetProductAsync(12));

        open.Kind.ShouldBe(WooErrorKind.CircuitOpen);
        store.Hits.ShouldBe(2);
        var other = factory.GetClient(Store(store, "other"));
        (await Should.ThrowAsync<WooApiException>(() => other.GetProductAsync(12))).Kind.ShouldBe(WooErrorKind.ServerError);
        store.Hits.ShouldBe(3);
    }

    [Fact]
    public async Task Get_WhenTwentyCallsAtOnce_ThenNeverMoreThanFourInFlight()
    {
        await using var store = await ScriptedStore.StartAsync(async (context, _) =>
        {
            await Task.Delay(100);
            await ScriptedStore.Json(context, 200, Product);
        });
        using var factory = WooTestClients.Factory();
        var client = factory.GetClient(Store(store));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetProductAsync(12)));

        store.Hits.ShouldBe(20);
        store.MaxInFlight.ShouldBe(4);
    }

    [Fact]
    public async Task CreateProduct_WhenStoreCreatedItButAnswered503_ThenFoundBySkuAndNotPostedAgain()
    {
        var created = new List<string>();
        await using var store = await ScriptedStore.StartAsync(async (context, _) =>
        {
            if (context.Request.Method == "POST")
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body);
                lock (created)
                    created.Add(body.RootElement.GetProperty("sku").GetString()!);
                await ScriptedStore.ServiceUnavailable(context);
                return;
            }
            var sku = context.Request.Query["sku"].ToString();
            var found = created.Contains(sku) ? $"[{{\"id\":501,\"name\":\"New shirt\",\"sku\":\"{sku}\"}}]" : "[]";
            await ScriptedStore.Json(context, 200, found);
        });
        using var factory = WooTestClients.Factory();

        var product = await factory.GetClient(Store(store)).CreateProductAsync(new WooProduct { Name = "New shirt", Sku = "NEW-001", RegularPrice = 30m });

        product.Id.ShouldBe(501);
        created.ShouldBe(["NEW-001"]);
        store.Requests.Count(r => r.Method == "POST").ShouldBe(1);
    }

    [Fact]
    public async Task CreateProduct_WhenFirstPostTimedOutBeforeCreating_ThenLooksUpThenCreatesOnce()
    {
        var posts = 0;
        await using var store = await ScriptedStore.StartAsync(async (context, _) =>
        {
            if (context.Request.Method == "POST")
            {
                if (Interlocked.Increment(ref posts) == 1)
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
                    return;
                }
                await ScriptedStore.Json(context, 201, "{\"id\":502,\"name\":\"New shirt\",\"sku\":\"NEW-002\"}");
                return;
            }
            await ScriptedStore.Json(context, 200, "[]");
        });
        var options = WooTestClients.Fast();
        options.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        using var factory = WooTestClients.Factory(options);

        var product = await factory.GetClient(Store(store)).CreateProductAsync(new WooProduct { Name = "New shirt", Sku = "NEW-002" });

        product.Id.ShouldBe(502);
        // On a slow machine the very first attempt may time out before it reaches the store, and the client looks up
        // and posts once more: what matters is that the POST that hung is followed by a look-up, then one create.
        var requests = store.Requests.ToList();
        requests.TakeLast(3).Select(r => r.Method).ShouldBe(["POST", "GET", "POST"]);
        requests[^2].PathAndQuery.ShouldContain("sku=NEW-002");
        posts.ShouldBe(2, "one POST hung, one created the product");
    }

    [Fact]
    public async Task CreateWebhook_When503AfterCreating_ThenFoundByTopicAndUrl()
    {
        var webhooks = new List<string>();
        await using var store = await ScriptedStore.StartAsync(async (context, _) =>
        {
            if (context.Request.Method == "POST")
            {
                webhooks.Add("{\"id\":9,\"name\":\"WooPortal\",\"status\":\"active\",\"topic\":\"order.updated\",\"delivery_url\":\"https://portal.test/wh\"}");
                await ScriptedStore.ServiceUnavailable(context);
                return;
            }
            await ScriptedStore.Json(context, 200, "[" + string.Join(",", webhooks) + "]", ("X-WP-TotalPages", "1"));
        });
        using var factory = WooTestClients.Factory();

        var webhook = await factory.GetClient(Store(store)).CreateWebhookAsync(new WooWebhook
        {
            Name = "WooPortal", Topic = "order.updated", DeliveryUrl = "https://portal.test/wh", Secret = "s",
        });

        webhook.Id.ShouldBe(9);
        webhooks.Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreateRefund_WhenGatewayRefusesWith500_ThenServerErrorWithoutLookupOrRepeat()
    {
        await using var store = await ScriptedStore.StartAsync((context, _) =>
            ScriptedStore.Json(context, 500, WooFixtures.Read("error_orders_refunds_gateway_unsupported.json")));
        using var factory = WooTestClients.Factory();

        var error = await Should.ThrowAsync<WooApiException>(() => factory.GetClient(Store(store))
            .CreateRefundAsync(194, new WooRefund { Amount = 5m, ApiRefund = true }, "CN-9"));

        error.Kind.ShouldBe(WooErrorKind.ServerError);
        error.WooCode.ShouldBe("woocommerce_rest_cannot_create_order_refund");
        error.IsAmbiguous.ShouldBeFalse();
        store.Requests.Select(r => r.Method).ShouldBe(["POST"]);
    }

    [Fact]
    public async Task CreateRefund_WhenStoreRefundedButAnswered504_ThenFoundByRefundKeyAndNotPostedAgain()
    {
        var refunds = new List<string>();
        await using var store = await ScriptedStore.StartAsync(async (context, _) =>
        {
            if (context.Request.Method == "POST")
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body);
                var key = body.RootElement.GetProperty("meta_data").EnumerateArray()
                    .Single(m => m.GetProperty("key").GetString() == WooClient.RefundKeyMeta).GetProperty("value").GetString();
                lock (refunds)
                    refunds.Add($"{{\"id\":{300 + refunds.Count},\"amount\":\"5.00\",\"meta_data\":[{{\"id\":1,\"key\":\"{WooClient.RefundKeyMeta}\",\"value\":\"{key}\"}}]}}");
                context.Response.StatusCode = 504;
                return;
            }
            await ScriptedStore.Json(context, 200, "[" + string.Join(",", refunds) + "]");
        });
        using var factory = WooTestClients.Factory();

        var refund = await factory.GetClient(Store(store)).CreateRefundAsync(194, new WooRefund { Amount = 5m }, "CN-12");

        refund.Id.ShouldBe(300);
        refunds.Count.ShouldBe(1);
        store.Requests.Select(r => r.Method).ShouldBe(["POST", "GET"]);
    }

    [Fact]
    public async Task Get_WhenCallerCancelsWhileStoreHangs_ThenOperationCanceledNotATimeoutError()
    {
        await using var store = await ScriptedStore.StartAsync((context, _) =>
            Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }));
        using var factory = WooTestClients.Factory();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Exception? thrown = null;
        try
        {
            await factory.GetClient(Store(store)).GetProductAsync(12, cancellation.Token);
        }
        catch (Exception exception)
        {
            thrown = exception;
        }

        thrown.ShouldBeAssignableTo<OperationCanceledException>();
        thrown!.ToString().ShouldNotContain("oauth_signature");
        store.Hits.ShouldBe(1);
    }

    [Fact]
    public async Task Logs_WhenRetryingAndFailingOverOAuthAndQueryAuth_ThenNoCredentialInAnyLine()
    {
        await using var store = await ScriptedStore.StartAsync((context, hit) =>
            hit % 3 == 0 ? ScriptedStore.Json(context, 401, WooFixtures.Read("error_401_http_oauth_bad_signature.json")) : ScriptedStore.ServiceUnavailable(context));
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var factory = new WooClientFactory(Options.Create(WooTestClients.Fast()), new InMemoryWooCallRecorder(), TimeProvider.System, loggerFactory);

        await Should.ThrowAsync<WooApiException>(() => factory.GetClient(Store(store)).ListOrdersAsync(new WooOrderQuery { Status = ["processing"] }));

        logs.Lines.ShouldContain(l => l.Contains("retrying GET /wp-json/wc/v3/orders?status=processing"));
        logs.Lines.ShouldContain(l => l.StartsWith("Debug: ") && l.Contains("-> 503"));
        foreach (var line in logs.Lines)
        {
            line.ShouldNotContain(WooTestClients.Secret);
            line.ShouldNotContain(WooTestClients.Key);
            line.ShouldNotContain("oauth_signature");
        }
    }
}
