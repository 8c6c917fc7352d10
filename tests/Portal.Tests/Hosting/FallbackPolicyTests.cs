using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>Private by default: without signing in, only the listed opt-outs answer; everything else, including a
/// path no page claims, sends the visitor to sign in.</summary>
public sealed class FallbackPolicyTests : IAsyncLifetime
{
    private PortalFactory _portal = null!;

    public async Task InitializeAsync() => _portal = await new PortalFactory().StartAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Setup_WhenNoUserExists_ThenOpenToAnyone_AndOnceOneExists_ThenSignInIsAsked()
    {
        using var client = _portal.CreateBrowserClient();

        var before = await client.GetAsync("/setup");
        await _portal.CreateOrganizationAsync();
        var after = await client.GetAsync("/setup");

        before.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await before.Content.ReadAsStringAsync()).ShouldContain("Set up WooPortal");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.AbsolutePath.ShouldBe("/Account/Login");
    }

    [Theory]
    [InlineData("/Account/Login", HttpStatusCode.OK)]
    [InlineData("/Account/Lockout", HttpStatusCode.OK)]
    [InlineData("/Account/AccessDenied", HttpStatusCode.OK)]
    [InlineData("/healthz", HttpStatusCode.OK)]
    [InlineData("/app.css", HttpStatusCode.OK)]
    [InlineData("/favicon.png", HttpStatusCode.OK)]
    [InlineData("/_framework/blazor.web.js", HttpStatusCode.OK)]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css", HttpStatusCode.OK)]
    public async Task OptOut_WhenAnonymous_ThenAnswered(string path, HttpStatusCode expected)
    {
        await _portal.CreateOrganizationAsync();
        using var client = _portal.CreateBrowserClient();

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(expected, $"{path} must answer without asking for sign-in");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Manage")]
    [InlineData("/Account/Manage/ChangePassword")]
    [InlineData("/no-such-page")]
    [InlineData("/integrations/woocommerce/return")]
    public async Task AnyOtherPath_WhenAnonymous_ThenSignInIsAsked(string path)
    {
        await _portal.CreateOrganizationAsync();
        using var client = _portal.CreateBrowserClient();

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/Account/Login");
    }
}
