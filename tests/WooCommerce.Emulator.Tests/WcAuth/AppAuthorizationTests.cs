using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.WcAuth;

public sealed class AppAuthorizationTests(TrustedReceiverFixture fx) : IClassFixture<TrustedReceiverFixture>, IAsyncLifetime
{
    private const string ReturnUrl = "https://app.example/return?foo=bar";
    private Receiver _callback = null!;
    private readonly CookieContainer _cookies = new();
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _callback = await Receiver.StartAsync(fx.ReceiverCertificate);
        _browser = TestCertificates.ClientTrusting(fx.Certificate, followRedirects: false, cookies: _cookies);
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _callback.DisposeAsync();
    }

    private string AuthorizeUrl(string callbackUrl, string scope = "read_write", string? userId = "tenant-42") =>
        fx.Emulator.BaseUrl + "/wc-auth/v1/authorize?app_name=Portal%20Sync&scope=" + scope
        + (userId is null ? "" : "&user_id=" + userId)
        + "&return_url=" + Uri.EscapeDataString(ReturnUrl) + "&callback_url=" + Uri.EscapeDataString(callbackUrl);

    /// <summary>Walks the browser part: authorize → login form → log in → grant page; returns the grant page.</summary>
    private async Task<string> LogInAndOpenGrantPageAsync(string callbackUrl)
    {
        var first = await _browser.GetAsync(AuthorizeUrl(callbackUrl));
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var loginUrl = first.Headers.Location!.ToString();
        loginUrl.ShouldContain("/wc-auth/v1/login/");
        var form = await (await _browser.GetAsync(loginUrl)).Content.ReadAsStringAsync();
        form.ShouldContain("id=\"username\"");
        form.ShouldContain("id=\"password\"");
        var login = await _browser.PostAsync(loginUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = fx.Emulator.Options.AdminUser, ["password"] = fx.Emulator.Options.AdminPassword, ["login"] = "Login",
        }));
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var grant = await _browser.GetAsync(login.Headers.Location);
        grant.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await grant.Content.ReadAsStringAsync();
    }

    private static string Link(string html, string cssClass)
    {
        var href = WebUtility.HtmlDecode(Regex.Match(html, $"<a href=\"([^\"]+)\" class=\"[^\"]*{cssClass}\"").Groups[1].Value);
        href.ShouldNotBeNullOrEmpty();
        return href;
    }

    [Fact]
    public async Task Approve_ThenKeyPostedToCallback_AndBrowserSentBackWithSuccess()
    {
        var page = await LogInAndOpenGrantPageAsync(_callback.BaseUrl + "/cb/wc-auth");

        var approved = await _browser.GetAsync(Link(page, "wc-auth-approve"));

        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        approved.Headers.Location!.ToString().ShouldBe(ReturnUrl + "&success=1&user_id=tenant-42");
        var post = _callback.Received.ShouldHaveSingleItem();
        post.Method.ShouldBe("POST");
        post.Headers["Content-Type"].ShouldBe("application/json;charset=UTF-8");
        post.Headers["User-Agent"].ShouldBe("WordPress/7.0.4; " + fx.Emulator.BaseUrl);
        var body = JsonNode.Parse(post.Text)!.AsObject();
        body.Select(p => p.Key).ShouldBe(["key_id", "user_id", "consumer_key", "consumer_secret", "key_permissions"]);
        body["user_id"]!.GetValue<string>().ShouldBe("tenant-42");
        body["key_permissions"]!.GetValue<string>().ShouldBe("read_write");

        using var request = new HttpRequestMessage(HttpMethod.Get, fx.Https("/wp-json/wc/v3/products"))
        {
            Headers = { Authorization = EmulatorFixture.Basic(body["consumer_key"]!.GetValue<string>(), body["consumer_secret"]!.GetValue<string>()) },
        };
        (await fx.Client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deny_ThenLinkReturnsWithSuccessZero_AndNoKeyCreated()
    {
        var keys = fx.Emulator.Store.Keys.Count;
        var page = await LogInAndOpenGrantPageAsync(_callback.BaseUrl + "/cb/wc-auth");
        Link(page, "wc-auth-deny").ShouldBe(ReturnUrl + "&success=0&user_id=tenant-42");
        _callback.Received.ShouldBeEmpty();
        fx.Emulator.Store.Keys.Count.ShouldBe(keys);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(201)]
    public async Task CallbackNotExactly200_ThenKeyDeleted_And401Page(int status)
    {
        _callback.Status = status;
        var keys = fx.Emulator.Store.Keys.Count;
        var page = await LogInAndOpenGrantPageAsync(_callback.BaseUrl + "/cb/wc-auth");

        var approved = await _browser.GetAsync(Link(page, "wc-auth-approve"));

        approved.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await approved.Content.ReadAsStringAsync()).ShouldContain("Error: An error occurred in the request");
        _callback.Received.ShouldHaveSingleItem();
        fx.Emulator.Store.Keys.Count.ShouldBe(keys);
    }

    [Fact]
    public async Task CallbackWithUntrustedCertificate_ThenKeyDeleted()
    {
        using var other = TestCertificates.SelfSigned("untrusted");
        await using var untrusted = await Receiver.StartAsync(other);
        var keys = fx.Emulator.Store.Keys.Count;
        var page = await LogInAndOpenGrantPageAsync(untrusted.BaseUrl + "/cb");

        var approved = await _browser.GetAsync(Link(page, "wc-auth-approve"));

        approved.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        untrusted.Received.ShouldBeEmpty();
        fx.Emulator.Store.Keys.Count.ShouldBe(keys);
    }

    [Theory]
    [InlineData("http://127.0.0.1/cb", "read_write", "tenant-42", "Error: The callback_url needs to be over SSL.")]
    [InlineData("https://127.0.0.1/cb", "admin", "tenant-42", "Error: Invalid scope admin.")]
    [InlineData("https://127.0.0.1/cb", "read", null, "Error: Missing parameter user_id.")]
    public async Task InvalidRequest_Then401WithWooCommerceMessage(string callback, string scope, string? userId, string message)
    {
        var response = await _browser.GetAsync(AuthorizeUrl(callback, scope, userId));
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
    }

    [Fact]
    public async Task WrongPassword_ThenLoginFormAgain()
    {
        var first = await _browser.GetAsync(AuthorizeUrl(_callback.BaseUrl + "/cb"));
        var login = await _browser.PostAsync(first.Headers.Location, new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = "nope" }));
        login.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await login.Content.ReadAsStringAsync()).ShouldContain("id=\"username\"");
    }
}

public sealed class HttpCallbackFixture : EmulatorFixture
{
    public override EmulatorOptions Options => new() { AllowHttpAuthCallback = true };
}

public sealed class AppAuthorizationHttpCallbackTests(HttpCallbackFixture fx) : IClassFixture<HttpCallbackFixture>
{
    [Fact]
    public async Task HttpCallback_WhenOptionAllowsIt_ThenGrantFlowCompletes()
    {
        await using var callback = await Receiver.StartAsync();
        var cookies = new CookieContainer();
        using var browser = TestCertificates.ClientTrusting(fx.Certificate, followRedirects: true, cookies: cookies);
        var url = fx.Emulator.BaseUrl + "/wc-auth/v1/authorize?app_name=App&scope=read&user_id=u1&return_url="
            + Uri.EscapeDataString(fx.Emulator.BaseUrl + "/__emulator/state") + "&callback_url=" + Uri.EscapeDataString(callback.BaseUrl + "/cb");
        var login = await browser.GetAsync(url);
        var grant = await browser.PostAsync(login.RequestMessage!.RequestUri, new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = "admin" }));
        var html = await grant.Content.ReadAsStringAsync();
        var approve = WebUtility.HtmlDecode(Regex.Match(html, "<a href=\"([^\"]+)\" class=\"[^\"]*wc-auth-approve\"").Groups[1].Value);

        var done = await browser.GetAsync(approve);

        done.RequestMessage!.RequestUri!.Query.ShouldContain("success=1&user_id=u1");
        JsonNode.Parse(callback.Received.ShouldHaveSingleItem().Text)!["key_permissions"]!.GetValue<string>().ShouldBe("read");
    }
}
