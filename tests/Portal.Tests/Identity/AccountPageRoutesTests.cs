using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Identity.AccountBrowser;

namespace Portal.Tests.Identity;

/// <summary>
/// Every /Account route the portal maps (read from its endpoints, so a new page is covered the day it is added),
/// requested by every kind of visitor: none answers a server error, and opening the pages changes nothing.
/// </summary>
public sealed class AccountPageRoutesTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    private PortalFactory Portal => shared.Portal;

    private IReadOnlyList<(string Path, IReadOnlyList<string> Methods)> AccountRoutes() =>
        Portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/Account", StringComparison.OrdinalIgnoreCase) == true)
            .Select(e => (Path: "/" + e.RoutePattern.RawText!.Trim('/'),
                Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? (IReadOnlyList<string>)[HttpMethods.Get]))
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void AccountRoutes_AreReadFromTheApp()
    {
        var paths = AccountRoutes().Select(r => r.Path).ToList();

        paths.ShouldContain("/Account/Login");
        paths.ShouldContain("/Account/LoginWith2fa");
        paths.ShouldContain("/Account/Manage/EnableAuthenticator");
        paths.ShouldContain("/Account/Logout");
        paths.Count.ShouldBeGreaterThanOrEqualTo(14);
        paths.ShouldAllBe(p => !p.Contains('{'), "a route with parameters needs values in this test");
    }

    [Fact]
    public async Task EveryAccountRoute_WhenAnonymous_ThenNoServerError()
    {
        await Portal.CreateOrganizationAsync(); // past the first-run setup
        using var client = Portal.CreateBrowserClient();

        (await RequestEveryRouteAsync(client)).ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryAccountRoute_WhenSignedInWithoutTwoFactor_ThenNoServerErrorAndNothingChanges()
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = await SignedInAsync(Portal, email, password);
        var before = await SecurityStateAsync(Portal, email);

        (await RequestEveryRouteAsync(client, afterGets: async () => (await SecurityStateAsync(Portal, email)).ShouldBe(before)))
            .ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryAccountRoute_WhenSignedInWithTwoFactor_ThenNoServerErrorAndNothingChanges()
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        var (_, recoveryCode) = await TurnOnTwoFactorAsync(Portal, email);
        using var client = await SignedInWithTwoFactorAsync(Portal, email, password, recoveryCode);
        var before = await SecurityStateAsync(Portal, email);

        (await RequestEveryRouteAsync(client, afterGets: async () => (await SecurityStateAsync(Portal, email)).ShouldBe(before)))
            .ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryAccountRoute_WhenThePasswordWasGivenButNotTheCode_ThenNoServerError()
    {
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        await TurnOnTwoFactorAsync(Portal, email);
        using var client = await HalfwayAsync(Portal, email, password);

        (await RequestEveryRouteAsync(client)).ShouldBeEmpty();
    }

    /// <summary>
    /// GET on every route that takes it, then a post carrying a valid antiforgery token on every route that takes
    /// one (sign-out last: it ends the session). Returns the requests answered with a server error.
    /// </summary>
    private async Task<List<string>> RequestEveryRouteAsync(HttpClient client, Func<Task>? afterGets = null)
    {
        var failures = new List<string>();
        var routes = AccountRoutes();
        foreach (var (path, _) in routes.Where(r => r.Methods.Contains(HttpMethods.Get)))
        {
            var response = await client.GetAsync(path);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"GET {path}: {(int)response.StatusCode}");
            }
        }

        if (afterGets is not null)
        {
            await afterGets();
        }

        var token = await AntiforgeryTokenAsync(client, "/Account/Login");
        foreach (var (path, _) in routes.Where(r => r.Methods.Contains(HttpMethods.Post)).OrderBy(r => r.Path == "/Account/Logout"))
        {
            var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
            }));
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"POST {path}: {(int)response.StatusCode}");
            }
        }

        return failures;
    }
}
