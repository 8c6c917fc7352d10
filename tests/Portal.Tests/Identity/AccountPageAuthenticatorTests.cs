using System.Net;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Identity.AccountBrowser;

namespace Portal.Tests.Identity;

/// <summary>
/// Opening the authenticator page changes nothing (a cross-site link must not sign anyone out); the key is created
/// only by an antiforgery-protected post, and the security stamp changes only when two-factor turns on or off.
/// </summary>
public sealed class AccountPageAuthenticatorTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    private const string Page = "/Account/Manage/EnableAuthenticator";

    private PortalFactory Portal => shared.Portal;

    [Fact]
    public async Task Open_WhenTheUserHasNoKey_ThenOffersToCreateOneAndChangesNothing()
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = await SignedInAsync(Portal, email, password);
        var before = await SecurityStateAsync(Portal, email);
        before.Key.ShouldBeNull();

        var page = await client.GetAsync(Page);
        await client.GetAsync(Page);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("id=\"create-authenticator-key\"");
        html.ShouldNotContain("Input.Code");
        (await SecurityStateAsync(Portal, email)).ShouldBe(before);
    }

    [Fact]
    public async Task Open_WhenTheUserHasAKey_ThenShowsItAndChangesNothing()
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = await SignedInAsync(Portal, email, password);
        (await StaticForm.PostAsync(client, Page, new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var before = await SecurityStateAsync(Portal, email);

        var html = await client.GetStringAsync(Page);

        html.ShouldContain(FormattedKey(before.Key!));
        html.ShouldContain("Input.Code");
        (await SecurityStateAsync(Portal, email)).ShouldBe(before);
    }

    [Fact]
    public async Task CreateKey_WhenPostedFromThePage_ThenCreatesTheKeyAndKeepsOtherSessionsSignedIn()
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = await SignedInAsync(Portal, email, password);
        var before = await SecurityStateAsync(Portal, email);

        var response = await StaticForm.PostAsync(client, Page, new Dictionary<string, string>());

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Location(client, response).AbsolutePath.ShouldBe(Page);
        var after = await SecurityStateAsync(Portal, email);
        after.Key.ShouldNotBeNullOrEmpty();
        after.Stamp.ShouldBe(before.Stamp);
        after.TwoFactor.ShouldBeFalse();

        // A second post (double click, replay) keeps the key the app may have scanned.
        await StaticForm.PostAsync(client, Page, new Dictionary<string, string>());
        (await SecurityStateAsync(Portal, email)).ShouldBe(after);
    }

    [Fact]
    public async Task CreateKey_WhenPostedWithoutTheAntiforgeryToken_ThenRefusedAndNothingChanges()
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = await SignedInAsync(Portal, email, password);
        var before = await SecurityStateAsync(Portal, email);

        // What a cross-site form can send: the user's cookies and the form's fields, but no token.
        var response = await client.PostAsync(Page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "create-authenticator-key",
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SecurityStateAsync(Portal, email)).ShouldBe(before);
    }

    [Fact]
    public async Task Verify_WhenTheCodeIsRight_ThenTwoFactorTurnsOnAndOnlyThenTheStampChanges()
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = await SignedInAsync(Portal, email, password);
        await StaticForm.PostAsync(client, Page, new Dictionary<string, string>());
        var created = await SecurityStateAsync(Portal, email);

        var wrong = await StaticForm.PostAsync(client, Page, new Dictionary<string, string> { ["Input.Code"] = "000000x" });
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("Verification code is invalid.");
        (await SecurityStateAsync(Portal, email)).ShouldBe(created);

        var code = AuthenticatorCode(created.Key!, TimeProvider.System.GetUtcNow());
        var verified = await StaticForm.PostAsync(client, Page, new Dictionary<string, string> { ["Input.Code"] = code });

        verified.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await verified.Content.ReadAsStringAsync()).ShouldContain("recovery-code");
        var on = await SecurityStateAsync(Portal, email);
        on.TwoFactor.ShouldBeTrue();
        on.Key.ShouldBe(created.Key);
        on.Stamp.ShouldNotBe(created.Stamp);
        (await client.GetAsync("/Account/Manage")).StatusCode.ShouldBe(HttpStatusCode.OK, "this session was renewed with the stamp");
    }

    [Fact]
    public async Task ResetKey_WhenTwoFactorIsOff_ThenReplacesTheKeyWithoutSigningAnyoneOut()
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = await SignedInAsync(Portal, email, password);
        await StaticForm.PostAsync(client, Page, new Dictionary<string, string>());
        var before = await SecurityStateAsync(Portal, email);

        var response = await StaticForm.PostAsync(client, "/Account/Manage/ResetAuthenticator", new Dictionary<string, string>());

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await SecurityStateAsync(Portal, email);
        after.Key.ShouldNotBe(before.Key);
        after.Stamp.ShouldBe(before.Stamp);
    }

    [Fact]
    public async Task ResetKey_WhenTwoFactorIsOn_ThenTurnsItOffAndRenewsTheStamp()
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        var (_, recoveryCode) = await TurnOnTwoFactorAsync(Portal, email);
        using var client = await SignedInWithTwoFactorAsync(Portal, email, password, recoveryCode);
        var before = await SecurityStateAsync(Portal, email);

        await StaticForm.PostAsync(client, "/Account/Manage/ResetAuthenticator", new Dictionary<string, string>());

        var after = await SecurityStateAsync(Portal, email);
        after.TwoFactor.ShouldBeFalse();
        after.Key.ShouldNotBe(before.Key);
        after.Stamp.ShouldNotBe(before.Stamp);
    }

    private static string FormattedKey(string key) =>
        string.Join(" ", key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
}
