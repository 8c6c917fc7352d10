using Portal.Tests.Infrastructure;

namespace Portal.Tests.Identity;

public sealed class SecureCookieTests : IAsyncLifetime
{
    private PortalFactory _portal = null!;

    public async Task InitializeAsync() =>
        _portal = await new PortalFactory().With("Portal:PublicUrl", "https://portal.example.test").StartAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Cookie_WhenPublicUrlIsHttps_ThenAlwaysSecureEvenOverPlainHttp()
    {
        var (_, email, password) = await _portal.CreateOrganizationAsync();
        using var client = _portal.CreateBrowserClient();

        var response = await StaticForm.SignInAsync(client, email, password);

        SignInTests.AuthCookie(response).ShouldContain("secure", Case.Insensitive);
    }
}
