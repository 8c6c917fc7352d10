using System.Net;
using Microsoft.EntityFrameworkCore;
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
}
