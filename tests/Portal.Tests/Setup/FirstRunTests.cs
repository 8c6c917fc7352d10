using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Tenancy;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Setup;

public sealed class FirstRunTests : IAsyncLifetime
{
    private PortalFactory _portal = null!;

    public async Task InitializeAsync() => _portal = await new PortalFactory().StartAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private static Dictionary<string, string> Form(string org = "Acme Outdoor", string currency = "EUR", string zone = "Europe/Berlin",
        string email = "owner@acme.test", string password = "Sup3r-secret walnut orbit", string? confirm = null) => new()
    {
        ["Input.OrganizationName"] = org,
        ["Input.BaseCurrency"] = currency,
        ["Input.TimeZone"] = zone,
        ["Input.OwnerEmail"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = confirm ?? password,
    };

    [Fact]
    public async Task AnyPage_WhenNoUserExists_ThenLeadsToSetup()
    {
        using var client = _portal.CreateBrowserClient();
        var response = await client.GetAsync("/");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/setup");

        var login = await client.GetAsync("/Account/Login");
        login.Headers.Location!.OriginalString.ShouldBe("/setup");
    }

    [Fact]
    public async Task Setup_WhenValid_ThenCreatesOrganizationAndOwnerAndSignsIn()
    {
        using var client = _portal.CreateBrowserClient();
        var response = await StaticForm.PostAsync(client, "/setup", Form());

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath.ShouldBe("/");
        var dashboard = await client.GetAsync("/");
        dashboard.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await dashboard.Content.ReadAsStringAsync()).ShouldNotContain("Sign in");

        await using var db = _portal.OpenDatabase(FixedTenant.None);
        var organization = await db.Organizations.SingleAsync();
        organization.Name.ShouldBe("Acme Outdoor");
        organization.BaseCurrency.ShouldBe("EUR");
        organization.TimeZoneId.ShouldBe("Europe/Berlin");
        var owner = await db.Users.SingleAsync();
        owner.Email.ShouldBe("owner@acme.test");
        owner.OrganizationId.ShouldBe(organization.Id);
        owner.IsOwner.ShouldBeTrue();
        owner.MustChangePassword.ShouldBeFalse();
    }

    [Fact]
    public async Task Setup_WhenDoneOnce_ThenCannotBeDoneAgain()
    {
        using (var first = _portal.CreateBrowserClient())
        {
            (await StaticForm.PostAsync(first, "/setup", Form())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        using var second = _portal.CreateBrowserClient();
        var page = await second.GetAsync("/setup");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.ShouldContain("Account/Login");

        await using var db = _portal.OpenDatabase(FixedTenant.None);
        (await db.Organizations.CountAsync()).ShouldBe(1);
    }

    [Theory]
    [InlineData("", "USD", "UTC", "a@b.test", "Sup3r-secret walnut orbit", "Organization name is required")]
    [InlineData("Acme", "XYZ", "UTC", "a@b.test", "Sup3r-secret walnut orbit", "is not an ISO 4217 currency code")]
    [InlineData("Acme", "USD", "Mars/Olympus", "a@b.test", "Sup3r-secret walnut orbit", "is not an IANA time zone")]
    [InlineData("Acme", "USD", "UTC", "not-an-email", "Sup3r-secret walnut orbit", "valid e-mail")]
    [InlineData("Acme", "USD", "UTC", "a@b.test", "short", "The password must have at least 12 characters.")]
    [InlineData("Acme", "USD", "UTC", "a@b.test", "Password1234!", "This password is too easy to guess")]
    public async Task Setup_WhenAFieldIsInvalid_ThenSaysWhichAndCreatesNothing(string org, string currency, string zone, string email, string password, string message)
    {
        using var client = _portal.CreateBrowserClient();
        var response = await StaticForm.PostAsync(client, "/setup", Form(org, currency, zone, email, password));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain(message);
        await using var db = _portal.OpenDatabase(FixedTenant.None);
        (await db.Organizations.CountAsync()).ShouldBe(0);
        (await db.Users.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Setup_WhenPostedWithoutAntiforgeryToken_ThenIsRejected()
    {
        using var client = _portal.CreateBrowserClient();
        var response = await client.PostAsync("/setup", new FormUrlEncodedContent(Form().Append(new("_handler", "setup"))));
        response.IsSuccessStatusCode.ShouldBeFalse();
        await using var db = _portal.OpenDatabase(FixedTenant.None);
        (await db.Users.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Healthz_WhenDatabaseAnswers_ThenHealthy()
    {
        using var client = _portal.CreateBrowserClient();
        var response = await client.GetAsync("/healthz");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"status\":\"Healthy\"");
    }
}
