using System.Net;
using Flurl.Http.Testing;
using Portal.WooCommerce;

namespace Portal.Tests.WooCommerce;

/// <summary>Each kind of failure the real store (or whatever sits in front of it) produces becomes a typed
/// <see cref="WooApiException"/> without credentials in it.</summary>
public sealed class WooClientErrorTests : IDisposable
{
    private readonly HttpTest _http = new();
    private readonly WooClientFactory _factory = WooTestClients.Factory();

    public void Dispose()
    {
        _http.Dispose();
        _factory.Dispose();
    }

    private static void ShouldHoldNoSecret(WooApiException error)
    {
        foreach (var text in new[] { error.Message, error.Path, error.BodyExcerpt ?? "", error.ToString() })
        {
            text.ShouldNotContain(WooTestClients.Secret);
            text.ShouldNotContain(WooTestClients.Key);
            text.ShouldNotContain("oauth_signature");
            text.ShouldNotMatch("consumer_secret=[^*]");
        }
    }

    [Theory]
    [InlineData("error_401_basic_auth_wrong_secret", "GET", WooErrorKind.BadCredentials)]
    [InlineData("error_401_query_auth_wrong_secret", "GET", WooErrorKind.BadCredentials)]
    [InlineData("error_401_http_oauth_bad_signature", "GET", WooErrorKind.BadCredentials)]
    [InlineData("error_401_read_only_key_write", "PUT", WooErrorKind.MissingPermission)]
    [InlineData("error_404_product_not_found", "GET", WooErrorKind.NotFound)]
    [InlineData("error_404_unknown_route", "GET", WooErrorKind.NoWooCommerceApi)]
    [InlineData("error_400_duplicate_sku", "POST", WooErrorKind.Validation)]
    [InlineData("error_400_invalid_stock_quantity_type", "PUT", WooErrorKind.Validation)]
    [InlineData("error_413_batch_over_100_mixed", "POST", WooErrorKind.BatchTooLarge)]
    [InlineData("error_orders_refunds_gateway_unsupported", "POST", WooErrorKind.ServerError)]
    public async Task Call_WhenStoreAnswersCapturedError_ThenTypedKindWithWooCode(string fixture, string verb, WooErrorKind kind)
    {
        var (_, _, status) = WooFixtures.Meta(fixture);
        var body = WooFixtures.Read(fixture + ".json");
        _http.RespondWith(body, status);
        var client = _factory.GetClient(WooTestClients.Https());

        Func<Task> call = verb switch
        {
            "PUT" => () => client.UpdateProductAsync(82, new WooProduct { StockQuantity = 5 }),
            "POST" => () => client.CreateCategoryAsync(new WooCategory { Name = "x" }),
            _ => () => client.GetProductAsync(999999),
        };
        var error = await Should.ThrowAsync<WooApiException>(call);

        error.Kind.ShouldBe(kind);
        error.StatusCode.ShouldBe(status);
        error.Path.ShouldStartWith("/wp-json/wc/v3/");
        error.WooCode.ShouldBe(WooErrorMapper.TryParseError(body)!.Code);
        error.StoreKey.ShouldBe("shop");
        error.IsAmbiguous.ShouldBeFalse();
        ShouldHoldNoSecret(error);
    }

    [Fact]
    public async Task Call_WhenUnknownKeyOverBasic_ThenBadCredentialsAfterQueryProbeAlsoFails()
    {
        _http.RespondWith(WooFixtures.Read("error_401_basic_auth_unknown_key.json"), 401);
        var client = _factory.GetClient(WooTestClients.Https());

        var error = await Should.ThrowAsync<WooApiException>(() => client.GetProductAsync(12));

        error.Kind.ShouldBe(WooErrorKind.BadCredentials);
        client.AuthorizationHeaderStripped.ShouldBeFalse();
        client.AuthMode.ShouldBe(WooAuthMode.Basic);
        _http.ShouldHaveCalled("*/data/currencies/current").WithQueryParam("consumer_key").Times(1);
    }

    [Fact]
    public async Task Call_WhenHostStripsAuthorizationHeader_ThenSwitchesToQueryStringAuthAndSaysSo()
    {
        var cannotView = WooFixtures.Read("error_401_no_auth.json");
        _http.ForCallsTo("*").WithQueryParam("consumer_key", WooTestClients.Key).WithQueryParam("consumer_secret", WooTestClients.Secret)
            .RespondWith(WooFixtures.Read("products_single_simple_with_images.json"));
        _http.ForCallsTo("*").RespondWith(cannotView, 401);
        var client = _factory.GetClient(WooTestClients.Https());
        var notices = new List<string>();
        client.AuthModeChanged += (_, e) => notices.Add(e.Notice);

        var product = await client.GetProductAsync(12);
        await client.GetProductAsync(12);

        product.Id.ShouldBe(12);
        client.AuthorizationHeaderStripped.ShouldBeTrue();
        client.AuthMode.ShouldBe(WooAuthMode.QueryString);
        client.AuthNotice.ShouldBe("Authorization header stripped; using query-string auth");
        notices.ShouldBe(["Authorization header stripped; using query-string auth"]);
        // Basic once, the probe, the retry with query auth, then query auth straight away.
        _http.CallLog.Count.ShouldBe(4);
        _http.CallLog[^1].HttpRequestMessage.Headers.Authorization.ShouldBeNull();
    }

    [Fact]
    public async Task Call_WhenHeaderStrippedButStoreForcedToBasic_ThenAuthorizationHeaderStrippedError()
    {
        _http.ForCallsTo("*").WithQueryParam("consumer_key").RespondWith("{\"code\":\"USD\"}");
        _http.ForCallsTo("*").RespondWith(WooFixtures.Read("error_401_no_auth.json"), 401);
        var client = _factory.GetClient(WooTestClients.Https() with { ForcedAuthMode = WooAuthMode.Basic });

        var error = await Should.ThrowAsync<WooApiException>(() => client.GetProductAsync(12));

        error.Kind.ShouldBe(WooErrorKind.AuthorizationHeaderStripped);
        client.AuthMode.ShouldBe(WooAuthMode.Basic);
    }

    [Fact]
    public async Task Write_WhenCapabilityMissingButHeaderIntact_ThenMissingPermissionWithoutSwitching()
    {
        _http.ForCallsTo("*/products").WithVerb(HttpMethod.Post)
            .RespondWith("{\"code\":\"woocommerce_rest_cannot_create\",\"message\":\"Sorry, you are not allowed to create resources.\",\"data\":{\"status\":401}}", 401);
        _http.ForCallsTo("*").RespondWith("{\"code\":\"USD\",\"name\":\"US dollar\",\"symbol\":\"$\"}");
        var client = _factory.GetClient(WooTestClients.Https());

        var error = await Should.ThrowAsync<WooApiException>(() => client.CreateProductAsync(new WooProduct { Name = "New" }));

        error.Kind.ShouldBe(WooErrorKind.MissingPermission);
        client.AuthorizationHeaderStripped.ShouldBeFalse();
    }

    [Fact]
    public async Task Call_WhenFirewallAnswersHtml_ThenNotJsonWithShortScrubbedExcerpt()
    {
        var html = $"<html><head><title>Access denied</title></head><body><h1>Request blocked</h1><p>URI /wp-json/wc/v3/products?consumer_key={WooTestClients.Key}&amp;consumer_secret={WooTestClients.Secret}</p>{new string('x', 2000)}</body></html>";
        _http.RespondWith(html, 403);
        var client = _factory.GetClient(WooTestClients.Https() with { ForcedAuthMode = WooAuthMode.QueryString });

        var error = await Should.ThrowAsync<WooApiException>(() => client.ListProductsAsync());

        error.Kind.ShouldBe(WooErrorKind.NotJson);
        error.StatusCode.ShouldBe(403);
        error.Path.ShouldBe("/wp-json/wc/v3/products?page=1&per_page=100");
        error.BodyExcerpt!.ShouldStartWith("<html><head><title>Access denied");
        error.BodyExcerpt.Length.ShouldBeLessThanOrEqualTo(201);
        ShouldHoldNoSecret(error);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>Checking your browser…</body></html>")]
    [InlineData("[{\"id\":12,\"name\":\"Oxford Shirt\",\"price\":\"45.00\"},{\"id\":13,\"na")]
    [InlineData("")]
    public async Task Call_WhenSuccessStatusButBodyNotJson_ThenNotJson(string body)
    {
        _http.RespondWith(body, 200);
        var client = _factory.GetClient(WooTestClients.Http());

        var error = await Should.ThrowAsync<WooApiException>(() => client.ListProductsAsync());

        error.Kind.ShouldBe(WooErrorKind.NotJson);
        ShouldHoldNoSecret(error);
    }

    [Fact]
    public async Task Call_WhenConnectionFails_ThenTransportErrorWithoutUrlCredentials()
    {
        _http.SimulateException(new HttpRequestException("Connection refused (shop.test:443)", null, HttpStatusCode.ServiceUnavailable));
        var client = _factory.GetClient(WooTestClients.Https() with { ForcedAuthMode = WooAuthMode.QueryString });

        var error = await Should.ThrowAsync<WooApiException>(() => client.GetOrderAsync(188));

        error.Kind.ShouldBe(WooErrorKind.Transport);
        error.StatusCode.ShouldBeNull();
        error.Path.ShouldBe("/wp-json/wc/v3/orders/188");
        ShouldHoldNoSecret(error);
    }

    [Fact]
    public async Task Call_WhenTimeoutOverHttp_ThenTimeoutWithoutOAuthParams()
    {
        _http.SimulateTimeout();
        var client = _factory.GetClient(WooTestClients.Http());

        var error = await Should.ThrowAsync<WooApiException>(() => client.ListOrdersAsync(new WooOrderQuery { Status = ["processing"] }));

        error.Kind.ShouldBe(WooErrorKind.Timeout);
        error.Path.ShouldBe("/wp-json/wc/v3/orders?status=processing&page=1&per_page=100");
        ShouldHoldNoSecret(error);
    }

    [Fact]
    public void ConnectionToString_WhenLogged_ThenNoSecret()
    {
        var text = WooTestClients.Https().ToString();

        text.ShouldContain("shop");
        text.ShouldNotContain(WooTestClients.Secret);
    }

    [Theory]
    [InlineData(429, "{\"code\":\"rate_limited\",\"message\":\"Slow down\",\"data\":{\"status\":429}}", WooErrorKind.RateLimited)]
    [InlineData(408, "", WooErrorKind.Timeout)]
    [InlineData(409, "{\"code\":\"conflict\",\"message\":\"Busy\",\"data\":{\"status\":409}}", WooErrorKind.Unexpected)]
    [InlineData(410, "{\"code\":\"woocommerce_rest_already_trashed\",\"message\":\"Already trashed.\",\"data\":{\"status\":410}}", WooErrorKind.NotFound)]
    [InlineData(404, "<html><body>Not Found</body></html>", WooErrorKind.NotJson)]
    [InlineData(502, "<html><body>Bad gateway</body></html>", WooErrorKind.ServerError)]
    public async Task Call_WhenOtherStatuses_ThenKindByStatusAndBody(int status, string body, WooErrorKind kind)
    {
        _http.RespondWith(body, status, new Dictionary<string, string> { ["Retry-After"] = "7" });
        var client = _factory.GetClient(WooTestClients.Https());

        var error = await Should.ThrowAsync<WooApiException>(() => client.DeleteProductAsync(12));

        error.Kind.ShouldBe(kind);
        error.StatusCode.ShouldBe(status);
        if (status == 429)
            error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
        // Only a 5xx without WooCommerce's own error body may have been applied.
        error.IsAmbiguous.ShouldBe(status == 502);
    }
}
