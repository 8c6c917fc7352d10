using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Domain.Organizations;
using Portal.Features.Integrations;
using Portal.Tests.Sales;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Model;

namespace Portal.Tests.Integrations;

/// <summary>
/// Refusals of the store handlers, each for its own reason: a store of another organization is named only once the
/// store accepted the key (a wrong key gets the credentials refusal), and a user without the integration permission
/// is refused by every handler itself (ADR 0004).
/// </summary>
public sealed class StoreConnectionRefusalTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    private const string OtherOrganization = "This store is already connected to another organization. A store can feed only one organization: disconnect it there first.";

    [Fact]
    public async Task Connect_WhenAnotherOrganizationHasTheStoreAndTheKeyIsWrong_ThenOnlyTheCredentialsAreRefused()
    {
        var (first, _, _) = await fx.Portal.CreateOrganizationAsync();
        var (second, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var store = await fx.StartStoreAsync();
        (await fx.ConnectClassicAsync(first, store)).Succeeded.ShouldBeTrue();
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var connect = scope.ServiceProvider.GetRequiredService<ConnectStore>();
        var key = store.CreateKey(KeyPermission.ReadWrite);

        var wrong = await connect.ConnectClassicAsync(FixedTenant.For(second), "Same", store.BaseUrl, key.ConsumerKey, "cs_not_the_secret_at_all", false);
        var right = await connect.ConnectClassicAsync(FixedTenant.For(second), "Same", store.BaseUrl, key.ConsumerKey, key.ConsumerSecret, false);

        wrong.Failure.ShouldBe(ConnectFailure.BadCredentials);
        wrong.Message.ShouldNotContain("organization");
        await ShouldBeRefusedAsAnotherOrganizationsAsync(right, second);
    }

    [Fact]
    public async Task AppAuthorization_WhenAnotherOrganizationHasTheStore_ThenRefusedOnceTheStoreGaveTheKey()
    {
        var (first, _, _) = await fx.Portal.CreateOrganizationAsync();
        var (second, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var store = await fx.StartStoreAsync(new EmulatorOptions { AllowHttpAuthCallback = true });
        (await fx.ConnectClassicAsync(first, store)).Succeeded.ShouldBeTrue();
        await using var scope = fx.Portal.Services.CreateAsyncScope();

        var start = await scope.ServiceProvider.GetRequiredService<ConnectStore>()
            .StartAppAuthorizationAsync(FixedTenant.For(second), "user-2", "Same", store.BaseUrl);
        var back = await StorePortalFixture.WalkAuthorizationAsync(store, start.AuthorizeUrl.ShouldNotBeNull(), approve: true);
        var returned = QueryHelpers.ParseQuery(back.Query);
        var result = await scope.ServiceProvider.GetRequiredService<FinishAppAuthorization>()
            .CompleteAppAuthorizationAsync(FixedTenant.For(second), returned["success"], returned["user_id"], false);

        // WooCommerce made a key for the portal before the refusal: the merchant is told to revoke it.
        await ShouldBeRefusedAsAnotherOrganizationsAsync(result, second, " WooCommerce already created the key ck_…");
    }

    private async Task ShouldBeRefusedAsAnotherOrganizationsAsync(ConnectResult result, int organization, string? revokeHint = null)
    {
        result.Failure.ShouldBe(ConnectFailure.AlreadyConnected);
        if (revokeHint is null)
        {
            result.Message.ShouldBe(OtherOrganization);
        }
        else
        {
            result.Message.ShouldStartWith(OtherOrganization + revokeHint);
        }

        await using var db = fx.Db(organization);
        (await db.Stores.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task EveryHandler_WhenTheUserMayNotChangeStores_ThenRefusesBeforeDoingAnything()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var store = await fx.StartStoreAsync();
        (await fx.ConnectClassicAsync(org, store)).Succeeded.ShouldBeTrue();
        int storeId;
        await using (var db = fx.Db(org))
        {
            storeId = await db.Stores.Select(s => s.Id).SingleAsync();
        }

        var sales = new SalesBunit.UserTenant(org, Permissions.Sales);
        var expected = $"You can view stores but not change them: ask an administrator for the {PermissionNames.Describe(Permissions.IntegrationWooCommerce)} permission.";
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var key = store.CreateKey(KeyPermission.ReadWrite);

        var connect = await services.GetRequiredService<ConnectStore>()
            .ConnectClassicAsync(sales, "Another", "https://another.example.test", key.ConsumerKey, key.ConsumerSecret, false);
        var start = await services.GetRequiredService<ConnectStore>().StartAppAuthorizationAsync(sales, "user", "Another", "https://another.example.test");
        var finish = await services.GetRequiredService<FinishAppAuthorization>().CompleteAppAuthorizationAsync(sales, "1", "state", false);
        var change = await services.GetRequiredService<ChangeStoreCredentials>()
            .ChangeCredentialsAsync(sales, storeId, null, key.ConsumerKey, key.ConsumerSecret, false);
        var zone = await services.GetRequiredService<SetStoreTimeZone>().SetTimeZoneAsync(sales, storeId, "Europe/Paris");
        var disconnect = await services.GetRequiredService<DisconnectStore>().DisconnectAsync(sales, storeId);

        foreach (var result in new[] { connect, start.Error!, finish, change })
        {
            result.Failure.ShouldBe(ConnectFailure.NotPermitted);
            result.Message.ShouldBe(expected);
        }

        zone.ShouldBe(expected);
        disconnect.ShouldNotBeNull().Refused.ShouldBeTrue();
        disconnect.Message.ShouldBe(expected);
        await using var after = fx.Db(org);
        var saved = await after.Stores.SingleAsync();
        saved.TimeZone.ShouldNotBe("Europe/Paris");
        (await after.PendingStoreAuthorizations.CountAsync()).ShouldBe(0);
    }
}
