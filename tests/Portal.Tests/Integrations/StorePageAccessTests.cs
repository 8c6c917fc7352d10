using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Identity;
using Portal.Data.Tenancy;
using Portal.Domain.Organizations;
using Portal.Features.Users;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Integrations;

/// <summary>The store pages as a browser gets them (prerendered), for the owning organization and for another one.</summary>
public sealed class StorePageAccessTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    [Fact]
    public async Task StorePages_ShowTheStoreToItsOrganization_AndNothingToAnotherOne()
    {
        var (org, ownerEmail, ownerPassword) = await fx.Portal.CreateOrganizationAsync();
        var (_, otherEmail, otherPassword) = await fx.Portal.CreateOrganizationAsync();
        await using var emulator = await fx.StartStoreAsync();
        (await fx.ConnectClassicAsync(org, emulator, name: "Private shop")).Succeeded.ShouldBeTrue();
        int storeId;
        await using (var db = fx.Db(org))
        {
            storeId = await db.Stores.Select(s => s.Id).SingleAsync();
        }

        using var owner = fx.Portal.CreateBrowserClient();
        await StaticForm.SignInAsync(owner, ownerEmail, ownerPassword);
        (await owner.GetStringAsync("/integrations/woocommerce")).ShouldContain("Private shop");
        (await owner.GetStringAsync($"/integrations/woocommerce/{storeId}")).ShouldContain(emulator.BaseUrl);

        using var other = fx.Portal.CreateBrowserClient();
        await StaticForm.SignInAsync(other, otherEmail, otherPassword);
        var list = await other.GetAsync("/integrations/woocommerce");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        var listHtml = await list.Content.ReadAsStringAsync();
        listHtml.ShouldContain("No store is connected yet.");
        listHtml.ShouldNotContain("Private shop");
        var page = await other.GetStringAsync($"/integrations/woocommerce/{storeId}");
        page.ShouldContain("This store does not exist in your organization.");
        page.ShouldNotContain(emulator.BaseUrl);
        (await other.GetStringAsync($"/integrations/woocommerce/{storeId}/settings")).ShouldContain("This store does not exist in your organization.");

        using var anonymous = fx.Portal.CreateBrowserClient();
        var refused = await anonymous.GetAsync("/integrations/woocommerce");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    [Theory]
    [InlineData(Permissions.IntegrationWooCommerce, true)]
    [InlineData(Permissions.Sales, false)]
    [InlineData(Permissions.ReadOnly, false)]
    public async Task StorePages_WhenTheUserHasOnePermission_ThenOnlyIntegrationUsersAreLetIn(Permissions permission, bool allowed)
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var emulator = await fx.StartStoreAsync();
        (await fx.ConnectClassicAsync(org, emulator, name: "Team shop")).Succeeded.ShouldBeTrue();
        var (email, password) = await AddUserAsync(org, permission);

        using var browser = fx.Portal.CreateBrowserClient();
        await StaticForm.SignInAsync(browser, email, password);
        var list = await browser.GetAsync("/integrations/woocommerce");

        if (allowed)
        {
            list.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await list.Content.ReadAsStringAsync()).ShouldContain("Team shop");
        }
        else
        {
            list.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            list.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        }
    }

    // A user who has already replaced the temporary password, so that sign-in leads straight to the portal.
    private async Task<(string Email, string Password)> AddUserAsync(int organizationId, Permissions permission)
    {
        var email = $"{permission}-{Guid.NewGuid():N}@example.test".ToLowerInvariant();
        var administration = new UserAdministration(fx.Portal.Services.GetRequiredService<IServiceScopeFactory>(),
            FixedTenant.For(organizationId), TimeProvider.System);
        var created = await administration.CreateAsync(email, permission);
        created.Succeeded.ShouldBeTrue(created.Message);
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        user.MustChangePassword = false;
        (await users.UpdateAsync(user)).Succeeded.ShouldBeTrue();
        return (email, created.TemporaryPassword!);
    }
}
