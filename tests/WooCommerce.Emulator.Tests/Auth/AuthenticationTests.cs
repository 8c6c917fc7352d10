using System.Net;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Auth;

public sealed class AuthenticationTests(EmulatorFixture fx) : SeededStoreTests(fx)
{
    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await Fx.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
        }
    }

    private string HttpUrl(string pathAndQuery) => Fx.Emulator.BaseUrl + "/wp-json/wc/v3" + pathAndQuery;

    private HttpRequestMessage OAuth(string method, string pathAndQuery, ApiKey? key = null, string signatureMethod = "HMAC-SHA256", long? timestamp = null, string? nonce = null, string? json = null)
    {
        var k = key ?? Fx.Key;
        var url = HttpUrl(pathAndQuery);
        var query = OAuth1.SignedQuery(method, url, k.ConsumerKey, k.ConsumerSecret, signatureMethod, timestamp, nonce);
        var request = new HttpRequestMessage(new HttpMethod(method), url.Split('?')[0] + "?" + query);
        if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return request;
    }

    [Theory]
    [InlineData("HMAC-SHA1")]
    [InlineData("HMAC-SHA256")]
    public async Task OAuthOverHttp_WithValidSignature_ThenAccepted(string method)
    {
        var (status, body) = await SendAsync(OAuth("GET", "/products?per_page=3&orderby=id&order=asc", signatureMethod: method));
        status.ShouldBe(HttpStatusCode.OK);
        body!.AsArray().Count.ShouldBe(3);
    }

    [Fact]
    public async Task OAuthOverHttp_WritingWithReadWriteKey_ThenAcceptedWithoutSigningTheBody()
    {
        var (status, body) = await SendAsync(OAuth("PUT", "/products/82", json: """{"stock_quantity":7}"""));
        status.ShouldBe(HttpStatusCode.OK);
        body!["stock_quantity"]!.GetValue<int>().ShouldBe(7);
    }

    [Fact]
    public async Task OAuthOverHttp_WhenNonceReused_ThenRejected()
    {
        var (first, _) = await SendAsync(OAuth("GET", "/products?per_page=1", nonce: "nonce-used-twice"));
        first.ShouldBe(HttpStatusCode.OK);
        var (second, body) = await SendAsync(OAuth("GET", "/products?per_page=1", nonce: "nonce-used-twice"));
        second.ShouldBe(HttpStatusCode.Unauthorized);
        body!["message"]!.GetValue<string>().ShouldBe("Invalid nonce - nonce has already been used.");
    }

    [Theory]
    [InlineData(-16 * 60)]
    [InlineData(16 * 60)]
    public async Task OAuthOverHttp_WhenTimestampOutsideFifteenMinutes_ThenRejected(int offsetSeconds)
    {
        var (status, body) = await SendAsync(OAuth("GET", "/products", timestamp: DateTimeOffset.UtcNow.ToUnixTimeSeconds() + offsetSeconds));
        status.ShouldBe(HttpStatusCode.Unauthorized);
        body!["message"]!.GetValue<string>().ShouldBe("Invalid timestamp.");
    }

    [Fact]
    public async Task OAuthOverHttp_WhenQueryChangedAfterSigning_ThenSignatureRejected()
    {
        var request = OAuth("GET", "/products?per_page=1");
        request.RequestUri = new Uri(request.RequestUri!.ToString().Replace("per_page=1", "per_page=2", StringComparison.Ordinal));
        var (status, body) = await SendAsync(request);
        status.ShouldBe(HttpStatusCode.Unauthorized);
        body!["code"]!.GetValue<string>().ShouldBe("woocommerce_rest_authentication_error");
    }

    [Fact]
    public async Task BasicOverHttp_WithValidKey_ThenIgnoredLikeNoCredentials()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, HttpUrl("/products")) { Headers = { Authorization = EmulatorFixture.Basic(Fx.Key.ConsumerKey, Fx.Key.ConsumerSecret) } };
        var (status, body) = await SendAsync(request);
        status.ShouldBe(HttpStatusCode.Unauthorized);
        body!["code"]!.GetValue<string>().ShouldBe("woocommerce_rest_cannot_view");
    }

    [Fact]
    public async Task QueryKeysOverHttps_WithValidKey_ThenAccepted()
    {
        var url = Fx.Https($"/wp-json/wc/v3/products?per_page=1&consumer_key={Fx.Key.ConsumerKey}&consumer_secret={Fx.Key.ConsumerSecret}");
        var (status, _) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url));
        status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WriteOnlyKey_Reading_ThenMissingReadPermission()
    {
        var key = Fx.Emulator.CreateKey(KeyPermission.Write);
        var (status, body) = await SendAsync(Fx.Api(HttpMethod.Get, "/products", key: key));
        status.ShouldBe(HttpStatusCode.Unauthorized);
        body!["message"]!.GetValue<string>().ShouldBe("The API key provided does not have read permissions.");
    }

    [Fact]
    public async Task ReadOnlyKey_Creating_ThenMissingWritePermission()
    {
        var (status, body) = await SendAsync(Fx.Api(HttpMethod.Post, "/products", """{"name":"x"}""", Fx.ReadKey));
        status.ShouldBe(HttpStatusCode.Unauthorized);
        body!["message"]!.GetValue<string>().ShouldBe("The API key provided does not have write permissions.");
    }

    [Theory]
    [InlineData("POST", "/products", "woocommerce_rest_cannot_create")]
    [InlineData("PUT", "/products/12", "woocommerce_rest_cannot_edit")]
    [InlineData("DELETE", "/products/12", "woocommerce_rest_cannot_delete")]
    [InlineData("POST", "/products/batch", "woocommerce_rest_cannot_batch")]
    [InlineData("GET", "/orders/188", "woocommerce_rest_cannot_view")]
    public async Task Anonymous_ThenOperationSpecificError(string method, string path, string code)
    {
        var (status, body) = await SendAsync(new HttpRequestMessage(new HttpMethod(method), HttpUrl(path)));
        status.ShouldBe(HttpStatusCode.Unauthorized);
        body!["code"]!.GetValue<string>().ShouldBe(code);
    }

    [Fact]
    public async Task Anonymous_NamespaceIndex_ThenPublic()
    {
        var response = await Fx.Client.GetAsync(Fx.Emulator.BaseUrl + "/wp-json/wc/v3");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["namespace"]!.GetValue<string>().ShouldBe("wc/v3");
    }

    [Fact]
    public async Task ControlEndpoint_CreatesKeyThatAuthenticates()
    {
        var response = await Fx.Client.PostAsync(Fx.Emulator.BaseUrl + "/__emulator/keys", new StringContent("""{"permission":"read"}""", System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var key = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        key["key_permissions"]!.GetValue<string>().ShouldBe("read");
        var request = new HttpRequestMessage(HttpMethod.Get, Fx.Https("/wp-json/wc/v3/products?per_page=1"))
        {
            Headers = { Authorization = EmulatorFixture.Basic(key["consumer_key"]!.GetValue<string>(), key["consumer_secret"]!.GetValue<string>()) },
        };
        (await SendAsync(request)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OAuthInAuthorizationHeader_ThenAcceptedLikeQueryParameters()
    {
        var url = HttpUrl("/products?per_page=2");
        var signed = OAuth1.SignedQuery("GET", url, Fx.Key.ConsumerKey, Fx.Key.ConsumerSecret);
        var oauth = signed.Split('&').Where(p => p.StartsWith("oauth_", StringComparison.Ordinal)).Select(p => p.Replace("=", "=\"", StringComparison.Ordinal) + "\"");
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization", "OAuth " + string.Join(", ", oauth));
        var (status, body) = await SendAsync(request);
        status.ShouldBe(HttpStatusCode.OK);
        body!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task OAuthOverHttps_ThenIgnoredBecauseHttpsUsesBasicOnly()
    {
        var url = Fx.Https("/wp-json/wc/v3/products");
        var (status, body) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url + "?" + OAuth1.SignedQuery("GET", url, Fx.Key.ConsumerKey, Fx.Key.ConsumerSecret)));
        status.ShouldBe(HttpStatusCode.Unauthorized);
        body!["code"]!.GetValue<string>().ShouldBe("woocommerce_rest_cannot_view");
    }

    /// <summary>WooCommerce's JavaScript client signs one value per key, then sends the query keys again after the oauth ones.</summary>
    private HttpRequestMessage OAuthWithRepeatedKeys(string signedQuery, string repeated)
    {
        var url = HttpUrl("/products?" + signedQuery);
        var query = OAuth1.SignedQuery("GET", url, Fx.Key.ConsumerKey, Fx.Key.ConsumerSecret);
        var oauth = query.Split('&').Where(p => p.StartsWith("oauth_", StringComparison.Ordinal) && !p.StartsWith("oauth_signature=", StringComparison.Ordinal));
        var signature = query.Split('&').Single(p => p.StartsWith("oauth_signature=", StringComparison.Ordinal));
        return new HttpRequestMessage(HttpMethod.Get, $"{url.Split('?')[0]}?{signedQuery}&{string.Join("&", oauth)}&{repeated}&{signature}");
    }

    [Fact]
    public async Task OAuthOverHttp_WithQueryKeysRepeatedAsTheJsClientSends_ThenAcceptedAndPagedOnce()
    {
        // captures-2/oauth_repeated_query_keys: ?page=1&per_page=2&oauth_…&page=1&per_page=2 → 200, 2 items, Link with one page/per_page.
        using var request = OAuthWithRepeatedKeys("page=1&per_page=2", "page=1&per_page=2");
        using var response = await Fx.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Count.ShouldBe(2);
        var expected = Fixtures.Load("captures-2/oauth_repeated_query_keys.meta.json")!["response"]!["headers"]!.AsArray()
            .Single(h => h![0]!.GetValue<string>() == "Link")![1]!.GetValue<string>();
        var link = response.Headers.GetValues("Link").Single();
        expected.ShouldStartWith("<http://127.0.0.1:8080/wp-json/wc/v3/products?page=2&per_page=2&oauth_consumer_key=");
        link.ShouldStartWith($"<{Fx.Emulator.BaseUrl}/wp-json/wc/v3/products?page=2&per_page=2&oauth_consumer_key=");
        System.Text.RegularExpressions.Regex.Count(link, "per_page=").ShouldBe(1);
    }

    [Fact]
    public async Task OAuthOverHttp_WithARepeatedKeyOfAnotherValue_ThenTheLastValueIsSignedAndUsed()
    {
        var (lastSigned, body) = await SendAsync(OAuthWithRepeatedKeys("per_page=2", "per_page=3"));
        lastSigned.ShouldBe(HttpStatusCode.Unauthorized); // signed over per_page=2, but PHP reads per_page=3
        body!["message"]!.GetValue<string>().ShouldBe("Invalid signature - provided signature does not match.");

        var url = HttpUrl("/products?per_page=3");
        var query = OAuth1.SignedQuery("GET", url, Fx.Key.ConsumerKey, Fx.Key.ConsumerSecret);
        var (status, list) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{url.Split('?')[0]}?per_page=5&{query}"));
        status.ShouldBe(HttpStatusCode.OK);
        list!.AsArray().Count.ShouldBe(3);
    }

    [Fact]
    public async Task BasicOverHttps_WithARepeatedQueryKey_ThenTheLastValueCounts()
    {
        var (response, body) = await Fx.SendAsync(HttpMethod.Get, "/products?per_page=5&orderby=id&per_page=2&order=asc");
        using (response) response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body!.AsArray().Count.ShouldBe(2);
        response.Headers.GetValues("Link").Single().ShouldStartWith($"<{Fx.Https("/wp-json/wc/v3/products?per_page=2&orderby=id&order=asc&page=2")}>");
    }
}
