using System.Net;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Identity.AccountBrowser;

namespace Portal.Tests.Identity;

/// <summary>The account pages that answered 500 for an ordinary request now give the page's normal answer.</summary>
public sealed class AccountPageAnswerTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    private PortalFactory Portal => shared.Portal;

    [Theory]
    [InlineData("/Account/LoginWith2fa")]
    [InlineData("/Account/LoginWithRecoveryCode")]
    public async Task TwoFactorStep_WhenNoPasswordWasGiven_ThenLeadsToSignIn(string page)
    {
        await Portal.CreateOrganizationAsync(); // past the first-run setup
        using var anonymous = Portal.CreateBrowserClient();

        var response = await anonymous.GetAsync(page + "?ReturnUrl=%2Fsales");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = Location(anonymous, response);
        location.AbsolutePath.ShouldBe("/Account/Login");
        location.Query.ShouldBe("?returnUrl=%2Fsales");
    }

    [Fact]
    public async Task TwoFactorStep_WhenTheReturnUrlIsNotLocal_ThenSignInIsNotGivenIt()
    {
        await Portal.CreateOrganizationAsync(); // past the first-run setup
        using var anonymous = Portal.CreateBrowserClient();

        var response = await anonymous.GetAsync("/Account/LoginWith2fa?ReturnUrl=%2F%5Cevil.example");

        var location = Location(anonymous, response);
        location.AbsolutePath.ShouldBe("/Account/Login");
        location.Query.ShouldNotContain("evil");
    }

    [Theory]
    [InlineData("/Account/Manage/GenerateRecoveryCodes", "Recovery codes are for two-factor sign-in, which is off.")]
    [InlineData("/Account/Manage/Disable2fa", "Two-factor sign-in is already off.")]
    public async Task TwoFactorPage_WhenTwoFactorIsOff_ThenLeadsToTheTwoFactorPageAndSaysWhy(string page, string reason)
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = await SignedInAsync(Portal, email, password);
        var before = await SecurityStateAsync(Portal, email);

        var response = await client.GetAsync(page);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Location(client, response).AbsolutePath.ShouldBe("/Account/Manage/TwoFactorAuthentication");
        (await client.GetStringAsync("/Account/Manage/TwoFactorAuthentication")).ShouldContain(reason);
        (await SecurityStateAsync(Portal, email)).ShouldBe(before);
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\t/evil.example")]
    public async Task SignOut_WhenTheReturnUrlIsNotLocal_ThenSignsOutAndGoesHome(string returnUrl)
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = await SignedInAsync(Portal, email, password);
        var token = await AntiforgeryTokenAsync(client, "/Account/Manage");

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["ReturnUrl"] = returnUrl,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
        Location(client, await client.GetAsync("/")).AbsolutePath.ShouldBe("/Account/Login", "signed out");
    }

    [Fact]
    public async Task SignOut_WhenTheReturnUrlIsALocalPath_ThenGoesThere()
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = await SignedInAsync(Portal, email, password);
        var token = await AntiforgeryTokenAsync(client, "/Account/Manage");

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["ReturnUrl"] = "/Account/Login",
        }));

        response.Headers.Location!.OriginalString.ShouldBe("/Account/Login");
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    public async Task SignIn_WhenTheReturnUrlIsNotLocal_ThenGoesHome(string returnUrl)
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = Portal.CreateBrowserClient();

        var response = await StaticForm.PostAsync(client, "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = Location(client, response);
        location.Authority.ShouldBe(client.BaseAddress!.Authority);
        location.AbsolutePath.ShouldBe("/");
    }

    [Fact]
    public async Task SignIn_WhenTheReturnUrlIsALocalPath_ThenGoesThere()
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = Portal.CreateBrowserClient();

        var response = await StaticForm.PostAsync(client, "/Account/Login?ReturnUrl=%2Fsales",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

        Location(client, response).AbsolutePath.ShouldBe("/sales");
    }
}
