using Portal.WooCommerce;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Identity;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Domain.Organizations;
using Portal.Features.Integrations;
using Portal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Portal.Tests.Hosting;

/// <summary>
/// Isolation proven from the route table, not from a hand-written list of pages: every page and endpoint the portal
/// maps is requested anonymously, by the owner of another organization, by a user of that organization with each
/// single permission, and by a support user, with the route's parameters naming the victim organization's rows.
/// A leak is an answer that is not a refusal (sign-in redirect, access-denied redirect, 403, 404, or a machine
/// endpoint's 400/401) where the route must refuse, or any body holding the victim's marker data. A route mapped
/// without an expectation here fails the test.
/// </summary>
public sealed class RouteIsolationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private enum Access
    {
        /// <summary>Reachable without signing in (sign-in and error pages, health).</summary>
        Public,
        /// <summary>Any signed-in user; shows only the user's own organization.</summary>
        SignedIn,
        /// <summary>Needs the named policy.</summary>
        Member,
        Administrator,
        Integration,
        Sales,
        /// <summary>Support staff, who see every organization's summary by design (read-only).</summary>
        Support,
        /// <summary>Called by stores: anonymous, refuses what is not theirs (unknown state, bad signature).</summary>
        Machine,
        /// <summary>Blazor's circuit and framework files.</summary>
        Framework,
    }

    /// <summary>Every non-file route the portal maps. A new route must be added here with who may open it.</summary>
    private static readonly Dictionary<string, Access> Expectations = new(StringComparer.Ordinal)
    {
        ["/"] = Access.SignedIn,
        ["/setup"] = Access.SignedIn, // open before the first user only (FallbackPolicyTests)
        ["/Error"] = Access.Public,
        ["/not-found"] = Access.Public,
        ["/healthz"] = Access.Public,
        ["/Account/Login"] = Access.Public,
        ["/Account/LoginWith2fa"] = Access.Public,
        ["/Account/LoginWithRecoveryCode"] = Access.Public,
        ["/Account/Lockout"] = Access.Public,
        ["/Account/AccessDenied"] = Access.Public,
        ["/Account/InvalidUser"] = Access.Public,
        ["/Account/Logout"] = Access.SignedIn,
        ["/Account/Manage"] = Access.SignedIn,
        ["/Account/Manage/ChangePassword"] = Access.SignedIn,
        ["/Account/Manage/Disable2fa"] = Access.SignedIn,
        ["/Account/Manage/EnableAuthenticator"] = Access.SignedIn,
        ["/Account/Manage/GenerateRecoveryCodes"] = Access.SignedIn,
        ["/Account/Manage/ResetAuthenticator"] = Access.SignedIn,
        ["/Account/Manage/TwoFactorAuthentication"] = Access.SignedIn,
        ["/products"] = Access.Member,
        ["/products/new"] = Access.Member,
        ["/products/{Id:int}"] = Access.Member,
        ["/customers"] = Access.Member,
        ["/reference"] = Access.Member,
        ["/reference/{Tab}"] = Access.Member,
        ["/stock"] = Access.Member,
        ["/stock/movements"] = Access.Member,
        ["/sales"] = Access.Member,
        ["/sales/new"] = Access.Sales,
        ["/sales/{Id:int}"] = Access.Member,
        ["/sales/{SaleId:int}/edit"] = Access.Sales,
        ["/users"] = Access.Administrator,
        ["/integrations/woocommerce"] = Access.Integration,
        ["/integrations/woocommerce/{StoreId:int}"] = Access.Integration,
        ["/integrations/woocommerce/{StoreId:int}/settings"] = Access.Integration,
        ["/integrations/woocommerce/{StoreId:int}/catalog"] = Access.Integration,
        ["/integrations/woocommerce/{StoreId:int}/orders"] = Access.Integration,
        ["/integrations/woocommerce/return"] = Access.Integration,
        ["/integrations/woocommerce/callback"] = Access.Machine,
        ["/webhooks/woocommerce/{storeKey}"] = Access.Machine,
        ["/support"] = Access.Support,
        ["/support/organizations/{OrganizationId:int}"] = Access.Support,
        ["/support/organizations/{OrganizationId:int}/stores/{StoreId:int}"] = Access.Support,
    };

    private PortalFactory _portal = null!;
    private Victim _victim = null!;

    private sealed record Victim(int OrganizationId, int StoreId, string StoreKey, string[] Markers);

    private sealed record Identity(string Name, HttpClient Client, Access[] Grants);

    public async Task InitializeAsync()
    {
        _portal = await new PortalFactory().StartAsync();
        _victim = await SeedVictimAsync();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task EveryRoute_WhenRequestedByAnyoneButTheVictimOrganization_ThenNoLeak()
    {
        var routes = PortalRoutes();
        var unexpected = routes.Keys.Where(r => !Expectations.ContainsKey(r)).ToList();
        unexpected.ShouldBeEmpty("every route needs an expectation in RouteIsolationTests.Expectations");
        Expectations.Keys.Where(r => !routes.ContainsKey(r)).ShouldBeEmpty("expectations for routes the portal no longer maps");

        var identities = await IdentitiesAsync();
        var leaks = new List<string>();
        var requests = 0;
        foreach (var (pattern, methods) in routes.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var access = Expectations[pattern];
            var path = Fill(pattern);
            foreach (var method in methods)
            {
                foreach (var identity in identities)
                {
                    requests++;
                    if (await CheckAsync(identity, method, path, access) is { } leak)
                    {
                        leaks.Add($"{method} {path} as {identity.Name}: {leak}");
                    }
                }
            }
        }

        output.WriteLine($"{routes.Count} routes, {requests} requests, {leaks.Count} leaks");
        foreach (var leak in leaks)
        {
            output.WriteLine(leak);
        }

        leaks.ShouldBeEmpty();
        routes.Count.ShouldBeGreaterThan(30, "the route table was read");
    }

    [Fact]
    public async Task LeakCheck_WhenTheVictimItselfAsks_ThenItsMarkersAreSeen()
    {
        // The check must be able to fail: the victim's own owner sees the marker data on the same routes.
        using var owner = _portal.CreateBrowserClient();
        await SignInAsync(owner, VictimOwnerEmail);

        var leak = await CheckAsync(new Identity("victim owner", owner, []), "GET", Fill("/integrations/woocommerce/{StoreId:int}"), Access.Integration);

        leak.ShouldNotBeNull();
    }

    private string VictimOwnerEmail { get; set; } = "";

    private async Task<string?> CheckAsync(Identity identity, string method, string path, Access access)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = access == Access.Machine
                ? new StringContent("""{"user_id":"forged","consumer_key":"ck_forged","consumer_secret":"cs_forged","key_permissions":"read_write"}""", Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent(new Dictionary<string, string> { ["probe"] = "1" }); // a form without the antiforgery token
        }

        using var response = await identity.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.AbsolutePath : l.OriginalString.Split('?')[0]) : "";
        var toSignIn = status == 302 && location == "/Account/Login";
        var refused = toSignIn || status is 403 or 404 || (status == 302 && location == "/Account/AccessDenied");

        var seesSupport = access == Access.Support && identity.Grants.Contains(Access.Support);
        if (!seesSupport && _victim.Markers.FirstOrDefault(m => body.Contains(m, StringComparison.OrdinalIgnoreCase)) is { } marker)
        {
            return $"{status} shows the victim's '{marker}'";
        }

        if (identity.Grants.Length == 0 && access is not (Access.Public or Access.Machine or Access.Framework))
        {
            return toSignIn ? null : $"{status} {location} instead of the sign-in page";
        }

        if (access == Access.Machine)
        {
            // Forged: an unknown state, an unsigned delivery for the victim's store.
            return status is 400 or 401 or 404 ? null : $"{status} to a forged request";
        }

        var allowed = access switch
        {
            Access.Public or Access.Framework or Access.SignedIn => true,
            _ => identity.Grants.Contains(access),
        };
        return allowed || refused || (method == "POST" && status == 400) ? null : $"{status} {location} where it must be refused";
    }

    /// <summary>The route with its parameters naming the victim's rows (the first product and sale ids are its).</summary>
    private string Fill(string pattern) => pattern
        .Replace("{StoreId:int}", _victim.StoreId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{OrganizationId:int}", _victim.OrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{storeKey}", _victim.StoreKey, StringComparison.Ordinal)
        .Replace("{Id:int}", "1", StringComparison.Ordinal)
        .Replace("{SaleId:int}", "1", StringComparison.Ordinal)
        .Replace("{Tab}", "tax-rules", StringComparison.Ordinal);

    /// <summary>The portal's routes with their methods, static files (and Blazor's framework files) left out.</summary>
    private Dictionary<string, string[]> PortalRoutes()
    {
        var routes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var endpoint in _portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var last = raw[(raw.LastIndexOf('/') + 1)..];
            if (raw.StartsWith("/_framework/", StringComparison.Ordinal) || raw.StartsWith("/_blazor", StringComparison.Ordinal)
                || raw.StartsWith("/_content/", StringComparison.Ordinal) || (last.Contains('.') && !last.Contains('{')) || last.Contains("{**"))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            if (!routes.TryGetValue(raw, out var set))
            {
                routes[raw] = set = [];
            }

            set.UnionWith(methods.Where(m => m is "GET" or "POST"));
        }

        return routes.Where(r => r.Value.Count > 0).ToDictionary(r => r.Key, r => r.Value.Order().ToArray(), StringComparer.Ordinal);
    }

    private async Task<Victim> SeedVictimAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (organizationId, email, _) = await _portal.CreateOrganizationAsync("VictimOrg" + tag);
        VictimOwnerEmail = email;
        var secrets = _portal.Services.GetRequiredService<StoreSecrets>();
        var store = new ConnectedStore
        {
            PublicKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Name = "VictimStore" + tag, Url = "https://victim" + tag + ".example",
            NormalizedUrl = "victim" + tag + ".example", ConnectionMethod = StoreConnectionMethod.Classic,
            ProtectedConsumerKey = secrets.Protect("ck_victim" + tag), ProtectedConsumerSecret = secrets.Protect("cs_victim" + tag),
            ConsumerKeyHint = "ck_…" + tag[..4], KeyPermission = "read_write", Currency = "USD", TimeZone = "UTC",
            ProtectedWebhookSecret = secrets.Protect("whsec" + tag), Status = StoreStatus.Connected, ConnectedAtUtc = DateTime.UtcNow,
        };
        await using var db = _portal.OpenDatabase(FixedTenant.For(organizationId));
        db.Stores.Add(store);
        await db.SaveChangesAsync();
        return new Victim(organizationId, store.Id, store.PublicKey, ["VictimOrg" + tag, "VictimStore" + tag, "victim" + tag + ".example", email]);
    }

    private async Task<List<Identity>> IdentitiesAsync()
    {
        var (otherOrganization, ownerEmail, _) = await _portal.CreateOrganizationAsync("Other " + Guid.NewGuid().ToString("N")[..6]);
        var identities = new List<Identity> { new("anonymous", _portal.CreateBrowserClient(), []) };
        var owner = _portal.CreateBrowserClient();
        await SignInAsync(owner, ownerEmail);
        identities.Add(new("other organization's owner", owner,
            [Access.SignedIn, Access.Member, Access.Administrator, Access.Integration, Access.Sales]));
        foreach (var (permission, grants) in new (Permissions, Access[])[]
        {
            (Permissions.ReadOnly, [Access.SignedIn, Access.Member]),
            (Permissions.Sales, [Access.SignedIn, Access.Member, Access.Sales]),
            (Permissions.IntegrationWooCommerce, [Access.SignedIn, Access.Member, Access.Integration]),
            (Permissions.Administrator, [Access.SignedIn, Access.Member, Access.Administrator, Access.Integration, Access.Sales]),
        })
        {
            var email = await CreateUserAsync(u => { u.OrganizationId = otherOrganization; u.Permissions = permission; });
            var client = _portal.CreateBrowserClient();
            await SignInAsync(client, email);
            identities.Add(new($"other organization's {permission} user", client, grants));
        }

        var supportEmail = await CreateUserAsync(u => u.IsSupport = true);
        var support = _portal.CreateBrowserClient();
        await SignInAsync(support, supportEmail);
        identities.Add(new("support user", support, [Access.SignedIn, Access.Support]));
        return identities;
    }

    private const string Password = "Isolation quartz meadow 77";

    private async Task<string> CreateUserAsync(Action<PortalUser> configure)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var email = $"iso-{Guid.NewGuid():N}@example.test";
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, LockoutEnabled = true, CreatedAtUtc = DateTime.UtcNow };
        configure(user);
        (await users.CreateAsync(user, Password)).Succeeded.ShouldBeTrue();
        return email;
    }

    private static async Task SignInAsync(HttpClient client, string email)
    {
        var password = email.StartsWith("iso-", StringComparison.Ordinal) ? Password : "Owner tulip harbor 42 lantern";
        var response = await StaticForm.SignInAsync(client, email, password);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"sign-in of {email}");
    }
}
