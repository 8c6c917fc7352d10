using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Portal.Identity;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Identity.AccountBrowser;

namespace Portal.Tests.Identity;

/// <summary>
/// Setting up the authenticator app: the page shows the key as a QR code drawn by the portal itself, and the user can
/// take their time scanning it — the sign-in cookie is checked again after a minute, and passes.
/// </summary>
public sealed partial class AuthenticatorSetupTests
{
    private const string Page = "/Account/Manage/EnableAuthenticator";

    [Fact]
    public async Task SetUp_WhenTheUserScansForMinutes_ThenTheyStaySignedInSeeTheQrCodeAndTurnTwoFactorOn()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = await new PortalFactory
        {
            ConfigureTestServices = services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
        }.StartAsync();
        var (_, email, password) = await portal.CreateOrganizationAsync();
        using var client = await SignedInAsync(portal, email, password);
        (await StaticForm.PostAsync(client, Page, new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var key = (await SecurityStateAsync(portal, email)).Key!;

        var html = await client.GetStringAsync(Page);

        // The image is the otpauth address of this user's key, as the app expects it.
        var image = QrImage().Match(html);
        image.Success.ShouldBeTrue("the page shows the QR code");
        var expected = $"otpauth://totp/WooPortal:{System.Text.Encodings.Web.UrlEncoder.Default.Encode(email)}?secret={key}&issuer=WooPortal&digits=6";
        var src = WebUtility.HtmlDecode(image.Groups["src"].Value);
        src.ShouldBe(AuthenticatorQrCode.DataUri(expected));
        Convert.FromBase64String(src["data:image/png;base64,".Length..])[..4].ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47 });

        // Scanning takes a while: past the cookie's one-minute check, more than once.
        foreach (var _ in Enumerable.Range(0, 3))
        {
            clock.Advance(TimeSpan.FromSeconds(75));
            var again = await client.GetAsync(Page);
            again.StatusCode.ShouldBe(HttpStatusCode.OK, "still signed in after the security stamp check");
            (await again.Content.ReadAsStringAsync()).ShouldContain("id=\"authenticator-qr\"");
        }

        // The app shows the code of the real time (Identity checks codes against the system clock).
        var code = AuthenticatorCode(key, TimeProvider.System.GetUtcNow());
        var verified = await StaticForm.PostAsync(client, Page, new Dictionary<string, string> { ["Input.Code"] = code });
        (await verified.Content.ReadAsStringAsync()).ShouldContain("recovery-code");
        (await SecurityStateAsync(portal, email)).TwoFactor.ShouldBeTrue();
    }

    [GeneratedRegex("<img id=\"authenticator-qr\" src=\"(?<src>[^\"]+)\"")]
    private static partial Regex QrImage();
}
