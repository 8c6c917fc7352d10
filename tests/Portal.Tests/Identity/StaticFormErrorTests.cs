using System.Net;
using System.Text.RegularExpressions;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Identity.AccountBrowser;

namespace Portal.Tests.Identity;

/// <summary>What a static form's page says about one wrong answer, read from the HTML the browser gets.</summary>
internal static partial class FormErrors
{
    /// <summary>The message is on the page exactly once, as the helper text of the field, marked as an error.</summary>
    public static void ShouldBeOnceOnField(string html, string fieldId, string message)
    {
        var text = WebUtility.HtmlDecode(html);
        Occurrences(text, message).ShouldBe(1, $"'{message}' once on the page");
        var helper = Regex.Match(text, $"<p id=\"{Regex.Escape(fieldId)}-helper\" class=\"(?<class>[^\"]*)\">(?<text>[^<]*)</p>");
        helper.Success.ShouldBeTrue($"{fieldId} has a helper text");
        helper.Groups["class"].Value.ShouldContain("mud-input-error");
        helper.Groups["text"].Value.ShouldContain(message);
        text.ShouldNotContain("validation-errors", customMessage: "no validation summary repeats the field errors");
    }

    /// <summary>The one summary at the top of the form, and no field marked as wrong.</summary>
    public static void ShouldBeTheOnlySummary(string html, string message)
    {
        var text = WebUtility.HtmlDecode(html);
        Occurrences(text, message).ShouldBe(1, $"'{message}' once on the page");
        Regex.Matches(text, "id=\"status-message\"").Count.ShouldBe(1);
        text.ShouldNotContain("mud-input-helper-text mud-input-helper-text-contained mud-input-error");
    }

    public static int Occurrences(string text, string message) => Regex.Matches(text, Regex.Escape(message)).Count;
}

/// <summary>The setup form: each refused field says why once, on the field, under one summary; nothing is created.</summary>
public sealed class SetupFormErrorTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    [Theory]
    [InlineData("", "USD", "UTC", "a@b.test", "Sup3r-secret walnut orbit", "Input.OrganizationName", "Organization name is required.")]
    [InlineData("Acme", "XYZ", "UTC", "a@b.test", "Sup3r-secret walnut orbit", "Input.BaseCurrency", "is not an ISO 4217 currency code")]
    [InlineData("Acme", "USD", "Mars/Olympus", "a@b.test", "Sup3r-secret walnut orbit", "Input.TimeZone", "is not an IANA time zone")]
    [InlineData("Acme", "USD", "UTC", "not-an-email", "Sup3r-secret walnut orbit", "Input.OwnerEmail", "Enter a valid e-mail address.")]
    [InlineData("Acme", "USD", "UTC", "a@b.test", "Password1234!", "Input.Password", "This password is too easy to guess")]
    public async Task Setup_WhenAFieldIsRefused_ThenItsMessageIsShownOnceOnIt(
        string org, string currency, string zone, string email, string password, string field, string message)
    {
        using var client = shared.Portal.CreateBrowserClient();

        var response = await StaticForm.PostAsync(client, "/setup", new Dictionary<string, string>
        {
            ["Input.OrganizationName"] = org,
            ["Input.BaseCurrency"] = currency,
            ["Input.TimeZone"] = zone,
            ["Input.OwnerEmail"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        FormErrors.ShouldBeOnceOnField(html, field, message);
        (await client.GetAsync("/")).Headers.Location!.OriginalString.ShouldBe("/setup", "nothing was created");
    }

    [Fact]
    public async Task Setup_WhenThePasswordsDiffer_ThenTheConfirmationSaysSoOnce()
    {
        using var client = shared.Portal.CreateBrowserClient();

        var response = await StaticForm.PostAsync(client, "/setup", new Dictionary<string, string>
        {
            ["Input.OrganizationName"] = "Acme",
            ["Input.BaseCurrency"] = "USD",
            ["Input.TimeZone"] = "UTC",
            ["Input.OwnerEmail"] = "a@b.test",
            ["Input.Password"] = "Sup3r-secret walnut orbit",
            ["Input.ConfirmPassword"] = "Sup3r-secret walnut orbiT",
        });

        FormErrors.ShouldBeOnceOnField(await response.Content.ReadAsStringAsync(), "Input.ConfirmPassword", "The passwords do not match.");
    }
}

/// <summary>Sign-in and the account pages: a field's error once on the field, a failure of the whole form once on top.</summary>
public sealed class AccountFormErrorTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    private PortalFactory Portal => shared.Portal;

    [Fact]
    public async Task SignIn_WhenTheEmailIsMissing_ThenTheFieldSaysSoOnce()
    {
        await Portal.CreateOrganizationAsync(); // past the first-run setup
        using var client = Portal.CreateBrowserClient();

        var response = await StaticForm.PostAsync(client, "/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = "",
            ["Input.Password"] = "whatever it is",
        });

        FormErrors.ShouldBeOnceOnField(await response.Content.ReadAsStringAsync(), "Input.Email", "Enter your e-mail address.");
    }

    [Fact]
    public async Task SignIn_WhenThePasswordIsWrong_ThenOneSummarySaysSoAndNoFieldIsBlamed()
    {
        var (_, email, _) = await Portal.CreateOrganizationAsync();
        using var client = Portal.CreateBrowserClient();

        var response = await StaticForm.PostAsync(client, "/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "not the password at all",
        });

        var html = await response.Content.ReadAsStringAsync();
        FormErrors.ShouldBeTheOnlySummary(html, "The e-mail or password is not correct.");
        html.ShouldContain("mud-alert-text-error");
    }

    [Theory]
    [InlineData("wrong current password!", "Zebra lantern orbit quartz", "Zebra lantern orbit quartz", "Input.OldPassword", "Incorrect password.")]
    [InlineData(null, "Password1234!", "Password1234!", "Input.NewPassword", "too easy to guess")]
    [InlineData(null, null, "Zebra lantern orbit quartZ", "Input.ConfirmPassword", "The two new passwords do not match.")]
    [InlineData(null, "", "", "Input.NewPassword", "Enter a new password.")]
    public async Task ChangePassword_WhenAFieldIsRefused_ThenItsMessageIsShownOnceOnIt(
        string? current, string? newPassword, string confirm, string field, string message)
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = await SignedInAsync(Portal, email, password);

        var response = await StaticForm.PostAsync(client, "/Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = current ?? password,
            ["Input.NewPassword"] = newPassword ?? "Zebra lantern orbit quartz",
            ["Input.ConfirmPassword"] = confirm,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        FormErrors.ShouldBeOnceOnField(await response.Content.ReadAsStringAsync(), field, message);
        using var again = await SignedInAsync(Portal, email, password); // the old password still works
    }

    [Fact]
    public async Task EnableAuthenticator_WhenTheCodeIsWrong_ThenTheCodeFieldSaysSoOnce()
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = await SignedInAsync(Portal, email, password);
        await StaticForm.PostAsync(client, "/Account/Manage/EnableAuthenticator", new Dictionary<string, string>());

        var response = await StaticForm.PostAsync(client, "/Account/Manage/EnableAuthenticator", new Dictionary<string, string> { ["Input.Code"] = "000000x" });

        FormErrors.ShouldBeOnceOnField(await response.Content.ReadAsStringAsync(), "Input.Code", "Verification code is invalid.");
        (await SecurityStateAsync(Portal, email)).TwoFactor.ShouldBeFalse();
    }
}
