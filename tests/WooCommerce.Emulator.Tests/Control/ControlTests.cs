using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Control;
using WooCommerce.Emulator.Seed;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Control;

public sealed class ControlTests(EmulatorFixture fx) : SeededStoreTests(fx)
{
    public override Task InitializeAsync()
    {
        Fx.Emulator.Reset();
        return base.InitializeAsync();
    }

    private async Task<HttpResponseMessage> GetProductsAsync() => await Fx.Client.SendAsync(Fx.Api(HttpMethod.Get, "/products?per_page=5"));

    [Fact]
    public async Task ServerErrorShare_ThenDeterministicPartOfMatchingRequestsFail_OthersUntouched()
    {
        Fx.Emulator.AddFault(new FaultRule { PathPattern = "/wp-json/wc/v3/products", Kind = FaultKind.ServerError, Probability = 0.5, Seed = 7 });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++) statuses.Add((await GetProductsAsync()).StatusCode);
        statuses.Count(s => s == HttpStatusCode.InternalServerError).ShouldBeInRange(4, 16);
        statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(20 - statuses.Count(s => s == HttpStatusCode.InternalServerError));
        (await Fx.StatusAsync(HttpMethod.Get, "/orders")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TooManyRequests_ThenRetryAfter_AndFaultRetiresAfterItsCount()
    {
        Fx.Emulator.AddFault(new FaultRule { PathPattern = "/wp-json/wc/v3/products*", Kind = FaultKind.TooManyRequests, RetryAfterSeconds = 3, Times = 2 });
        var first = await GetProductsAsync();
        first.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        first.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(3));
        (await GetProductsAsync()).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await GetProductsAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TruncatedJson_ThenBodyDoesNotParse()
    {
        Fx.Emulator.AddFault(new FaultRule { PathPattern = "/wp-json/wc/v3/products", Kind = FaultKind.TruncatedJson, Times = 1 });
        var response = await GetProductsAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldStartWith("[");
        Should.Throw<JsonException>(() => JsonNode.Parse(text));
    }

    [Fact]
    public async Task HtmlPage_ThenHtmlInsteadOfJson()
    {
        Fx.Emulator.AddFault(new FaultRule { PathPattern = "*", Kind = FaultKind.HtmlPage, HtmlStatus = 403, Times = 1 });
        var response = await GetProductsAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync()).ShouldContain("<html");
    }

    [Fact]
    public async Task Latency_ThenAnswerDelayed()
    {
        Fx.Emulator.AddFault(new FaultRule { PathPattern = "/wp-json/wc/v3/products", Kind = FaultKind.Latency, LatencyMs = 300, Times = 1 });
        var watch = Stopwatch.StartNew();
        (await GetProductsAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        watch.ElapsedMilliseconds.ShouldBeGreaterThanOrEqualTo(280);
    }

    [Fact]
    public async Task Hang_ThenClientTimesOut()
    {
        Fx.Emulator.AddFault(new FaultRule { PathPattern = "/wp-json/wc/v3/products", Kind = FaultKind.Hang, Times = 1 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        await Should.ThrowAsync<TaskCanceledException>(() => Fx.Client.SendAsync(Fx.Api(HttpMethod.Get, "/products"), cts.Token));
        (await GetProductsAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FaultAddedOverHttp_ThenApplied_AndListedAndRemovable()
    {
        var added = await Fx.Client.PostAsync(Fx.Emulator.BaseUrl + "/__emulator/faults",
            new StringContent("""{"path_pattern":"/wp-json/wc/v3/orders","kind":"server_error"}""", Encoding.UTF8, "application/json"));
        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Fx.StatusAsync(HttpMethod.Get, "/orders")).ShouldBe(HttpStatusCode.InternalServerError);
        (await Fx.Client.DeleteAsync(Fx.Emulator.BaseUrl + "/__emulator/faults")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Fx.StatusAsync(HttpMethod.Get, "/orders")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RequestLog_ThenEveryStoreRequestWithStatus_ButNotControlCalls()
    {
        await GetProductsAsync();
        await Fx.SendAsync(HttpMethod.Get, "/products/999999");
        await Fx.Client.GetAsync(Fx.Emulator.BaseUrl + "/__emulator/state");

        Fx.Emulator.Requests.Entries.Select(e => (e.Method, e.Path, e.Query, e.Status)).ShouldBe([
            ("GET", "/wp-json/wc/v3/products", "?per_page=5", 200),
            ("GET", "/wp-json/wc/v3/products/999999", "", 404),
        ]);
        var overHttp = JsonNode.Parse(await Fx.Client.GetStringAsync(Fx.Emulator.BaseUrl + "/__emulator/requests"))!.AsArray();
        overHttp.Count.ShouldBe(2);
        overHttp[1]!["status"]!.GetValue<int>().ShouldBe(404);
    }

    [Fact]
    public async Task GeneratedCatalog_ReadPageByPageAndVariationsPerParent_ThenAllSeenWithMinimalRequests()
    {
        Fx.Emulator.Store.Clear();
        var ids = Fx.Emulator.GenerateProducts(new ProductGeneration { Simple = 450, Variable = 150, VariationsPerProduct = 4, Seed = 3 });
        ids.Count.ShouldBe(600);
        Fx.Emulator.Requests.Clear();

        var products = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var (response, body) = await Fx.SendAsync(HttpMethod.Get, $"/products?per_page=100&page={page}");
            products.AddRange(body!.AsArray()!.Select(p => p!));
            if (page.ToString(System.Globalization.CultureInfo.InvariantCulture) == response.Headers.GetValues("X-WP-TotalPages").Single()) break;
        }
        var variable = products.Where(p => p["type"]!.GetValue<string>() == "variable").ToList();
        var variations = 0;
        foreach (var parent in variable)
            variations += (await Fx.SendAsync(HttpMethod.Get, $"/products/{parent["id"]}/variations?per_page=100")).Body!.AsArray().Count;

        products.Select(p => p["id"]!.GetValue<int>()).Order().ShouldBe(ids.Order());
        variable.Count.ShouldBe(150);
        variations.ShouldBe(600);
        products.Count(p => p["sku"]!.GetValue<string>().Length == 0).ShouldBeGreaterThan(0, "some generated products have no SKU");
        variable.Select(p => p["attributes"]!.AsArray().Count).Distinct().Order().ShouldBe([1, 2, 3, 4]);
        Fx.Emulator.Requests.Count.ShouldBe(6 + 150);
    }

    [Fact]
    public void Generation_WithSameSeed_ThenSameCatalog()
    {
        string Snapshot()
        {
            Fx.Emulator.Store.Clear();
            Fx.Emulator.GenerateProducts(new ProductGeneration { Simple = 20, Variable = 5, Seed = 11 });
            Fx.Emulator.GenerateCustomers(5, seed: 11);
            lock (Fx.Emulator.Store.Sync)
                return string.Join("|", Fx.Emulator.Store.Products.Select(p => $"{p.Id}:{p.Name}:{p.Sku}:{p.RegularPrice}")) + string.Join("|", Fx.Emulator.Store.Customers.Select(c => c.Email));
        }
        Snapshot().ShouldBe(Snapshot());
    }

    [Fact]
    public async Task GeneratedOrders_ThenListedAndStockReducedForPaidOnes()
    {
        Fx.Emulator.GenerateCustomers(10);
        var ids = Fx.Emulator.GenerateOrders(25, seed: 5);
        ids.Count.ShouldBe(25);
        var (response, _) = await Fx.SendAsync(HttpMethod.Get, "/orders?per_page=100");
        int.Parse(response.Headers.GetValues("X-WP-Total").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(13 + 25);
    }

    [Fact]
    public async Task SiteSettings_ThenCurrencyAndTimezoneShowInApi_AndLocalDatesFollowTheZone()
    {
        var put = await Fx.Client.PutAsync(Fx.Emulator.BaseUrl + "/__emulator/settings",
            new StringContent("""{"currency":"EUR","currency_symbol":"&euro;","currency_name":"Euro","timezone_string":"Europe/Berlin"}""", Encoding.UTF8, "application/json"));
        put.StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Fx.SendAsync(HttpMethod.Get, "/data/currencies/current")).Body!["code"]!.GetValue<string>().ShouldBe("EUR");
        var index = JsonNode.Parse(await Fx.Client.GetStringAsync(Fx.Https("/wp-json/")))!;
        index["timezone_string"]!.GetValue<string>().ShouldBe("Europe/Berlin");
        index["gmt_offset"]!.GetValue<double>().ShouldBeOneOf(1, 2);
        var (_, product) = await Fx.SendAsync(HttpMethod.Get, "/products/12");
        product!["date_created_gmt"]!.GetValue<string>().ShouldBe("2026-11-27T16:35:04");
        product["date_created"]!.GetValue<string>().ShouldBe("2026-11-27T17:35:04");
    }

    [Fact]
    public async Task ResetOverHttp_ThenStoreEmptyButKeysStillWork()
    {
        (await Fx.Client.PostAsync(Fx.Emulator.BaseUrl + "/__emulator/reset", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var (response, body) = await Fx.SendAsync(HttpMethod.Get, "/products");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body!.AsArray().ShouldBeEmpty();
        (await Fx.Client.PostAsync(Fx.Emulator.BaseUrl + "/__emulator/seed", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Fx.SendAsync(HttpMethod.Get, "/products")).Response.Headers.GetValues("X-WP-Total").Single().ShouldBe("125");
    }
}

public sealed class SiteVariantTests(EmulatorFixture fx) : SeededStoreTests(fx)
{
    [Fact]
    public async Task StrippedAuthorizationHeader_ThenBasicFailsLikeAnonymous_ButQueryKeysStillWork()
    {
        Fx.Emulator.Reset();
        Fx.Emulator.SeedFixtureStore();
        Fx.Emulator.AddFault(new FaultRule { PathPattern = "/wp-json/*", Kind = FaultKind.StripAuthorization });

        var (basic, body) = await Fx.SendAsync(HttpMethod.Get, "/products");
        basic.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        body!["code"]!.GetValue<string>().ShouldBe("woocommerce_rest_cannot_view");
        var query = await Fx.Client.GetAsync(Fx.Https($"/wp-json/wc/v3/products?consumer_key={Fx.Key.ConsumerKey}&consumer_secret={Fx.Key.ConsumerSecret}"));
        query.StatusCode.ShouldBe(HttpStatusCode.OK);
        Fx.Emulator.Faults.Clear();
    }

    [Fact]
    public async Task WordPressWithoutWooCommerce_ThenNoWcNamespace_AndRestNoRoute()
    {
        lock (Fx.Emulator.Store.Sync) Fx.Emulator.Store.Settings.WooCommerceActive = false;

        var index = JsonNode.Parse(await Fx.Client.GetStringAsync(Fx.Https("/wp-json/")))!;
        index["namespaces"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldNotContain("wc/v3");
        var (response, body) = await Fx.SendAsync(HttpMethod.Get, "/products");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        body!["code"]!.GetValue<string>().ShouldBe("rest_no_route");
    }
}
