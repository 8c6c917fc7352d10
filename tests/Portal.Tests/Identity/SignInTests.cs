using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Identity;
using Portal.Data.Tenancy;
using Portal.Domain.Organizations;
using Portal.Features.Users;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Identity;

public sealed class SignInTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    private PortalFactory Portal => shared.Portal;

    private UserAdministration AdministrationFor(int organizationId) =>
        new(Portal.Services.GetRequiredService<IServiceScopeFactory>(), FixedTenant.For(organizationId), TimeProvider.System);

    private static Uri Location(HttpClient client, HttpResponseMessage response) => new(client.BaseAddress!, response.Headers.Location!);

    [Fact]
    public async Task SignIn_WhenPasswordIsRight_ThenReachesTheDashboard()
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = Portal.CreateBrowserClient();

        var response = await StaticForm.SignInAsync(client, email, password);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var dashboard = await client.GetAsync("/");
        dashboard.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignIn_WhenPasswordIsWrong_ThenSaysSoAndGivesNoCookie()
    {
        var (_, email, _) = await Portal.CreateOrganizationAsync();
        using var client = Portal.CreateBrowserClient();

        var response = await StaticForm.SignInAsync(client, email, "Wrong-passw0rd!");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("The e-mail or password is not correct.");
        var dashboard = await client.GetAsync("/");
        Location(client, dashboard).AbsolutePath.ShouldBe("/Account/Login");
    }

    [Fact]
    public async Task SignIn_WhenFiveWrongPasswords_ThenTheAccountIsLockedEvenForTheRightOne()
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = Portal.CreateBrowserClient();
        for (var i = 0; i < 5; i++)
        {
            await StaticForm.SignInAsync(client, email, "Wrong-passw0rd!");
        }

        var response = await StaticForm.SignInAsync(client, email, password);

        Location(client, response).AbsolutePath.ShouldBe("/Account/Lockout");
    }

    [Fact]
    public async Task SignIn_WhenUserIsDisabled_ThenRefused()
    {
        var (organizationId, ownerEmail, _) = await Portal.CreateOrganizationAsync();
        var administration = AdministrationFor(organizationId);
        var created = await administration.CreateAsync($"clerk-{Guid.NewGuid():N}@example.test", Permissions.Sales);
        var clerk = (await administration.ListAsync()).Single(u => !u.IsOwner);
        var owner = (await administration.ListAsync()).Single(u => u.IsOwner);
        (await administration.SetDisabledAsync(clerk.Id, true, owner.Id)).Succeeded.ShouldBeTrue();
        using var client = Portal.CreateBrowserClient();

        var response = await StaticForm.SignInAsync(client, clerk.Email, created.TemporaryPassword!);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("The e-mail or password is not correct.");
        _ = ownerEmail;
    }

    [Fact]
    public async Task TemporaryPassword_WhenSignedIn_ThenEveryPageLeadsToChangePasswordUntilChanged()
    {
        var (organizationId, _, _) = await Portal.CreateOrganizationAsync();
        var created = await AdministrationFor(organizationId).CreateAsync($"ro-{Guid.NewGuid():N}@example.test", Permissions.ReadOnly);
        var email = (await AdministrationFor(organizationId).ListAsync()).Single(u => !u.IsOwner).Email;
        using var client = Portal.CreateBrowserClient();
        await StaticForm.SignInAsync(client, email, created.TemporaryPassword!);

        var dashboard = await client.GetAsync("/");
        Location(client, dashboard).AbsolutePath.ShouldBe("/Account/Manage/ChangePassword");

        var changed = await StaticForm.PostAsync(client, "/Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = created.TemporaryPassword!,
            ["Input.NewPassword"] = "My own violet canoe 77",
            ["Input.ConfirmPassword"] = "My own violet canoe 77",
        });
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var scope = Portal.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
        user!.MustChangePassword.ShouldBeFalse();
    }

    [Fact]
    public async Task Cookie_WhenPublicUrlIsHttp_ThenFollowsTheRequestScheme()
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var plain = Portal.CreateBrowserClient();
        var overHttp = await StaticForm.SignInAsync(plain, email, password);
        AuthCookie(overHttp).ShouldNotContain("secure", Case.Insensitive);

        // Behind a TLS-terminating proxy on loopback, X-Forwarded-Proto makes the request https.
        using var proxied = Portal.CreateBrowserClient();
        proxied.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var overHttps = await StaticForm.SignInAsync(proxied, email, password);
        AuthCookie(overHttps).ShouldContain("secure", Case.Insensitive);
    }

    internal static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("WooPortal.Auth=", StringComparison.Ordinal));
}

/// <summary>One portal shared by the tests of a class; each test creates its own organization.</summary>
public sealed class SharedPortal : IAsyncLifetime
{
    public PortalFactory Portal { get; private set; } = null!;

    public async Task InitializeAsync() => Portal = await new PortalFactory().StartAsync();

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}
