using Portal.WooCommerce;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Features.Integrations;

namespace Portal.Tests.Integrations;

/// <summary>The app-authorization callback is anonymous: forged, replayed, expired and other-organization answers
/// are refused, and none of them leaves a store (or keys) anywhere.</summary>
public sealed class AppAuthorizationCallbackTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    [Fact]
    public async Task Callback_WhenForgedReplayedExpiredOrReturnedToAnotherOrganization_ThenRefusedAndNoStoreAnywhere()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        var (other, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectStore>();
        var finish = scope.ServiceProvider.GetRequiredService<FinishAppAuthorization>();
        using var http = new HttpClient { BaseAddress = new Uri(fx.Portal.BaseUrl) };
        async Task<string> StartAsync(string host) => QueryHelpers.ParseQuery(new Uri(
            (await connector.StartAppAuthorizationAsync(FixedTenant.For(org), "user-1", "App shop", $"https://{host}.example.test")).AuthorizeUrl!).Query)["user_id"].ToString();
        Task<HttpResponseMessage> PostAsync(string state, string secret = "cs_0123456789abcdef") => http.PostAsJsonAsync(StorePaths.CallbackPath,
            new { key_id = 1, user_id = state, consumer_key = "ck_0123456789abcdef", consumer_secret = secret, key_permissions = "read_write" });

        var forged = await PostAsync("forged-state-" + Guid.NewGuid().ToString("N"));
        var state = await StartAsync("replayed-" + Guid.NewGuid().ToString("N")[..6]);
        var first = await PostAsync(state);
        var replayed = await PostAsync(state, "cs_attackers_secret_1");
        var expiring = await StartAsync("expired-" + Guid.NewGuid().ToString("N")[..6]);
        await using (var db = fx.Db(org))
        {
            await db.PendingStoreAuthorizations.Where(p => p.State == expiring)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1)));
        }

        var expired = await PostAsync(expiring);
        var elsewhere = await finish.CompleteAppAuthorizationAsync(FixedTenant.For(other), "1", state, false);

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        first.StatusCode.ShouldBe(HttpStatusCode.OK, "the genuine callback of a started authorization is taken");
        replayed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        expired.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        elsewhere.Failure.ShouldBe(ConnectFailure.StateMismatch);
        await using var all = fx.Portal.OpenDatabase(FixedTenant.None);
        (await all.Stores.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == org || s.OrganizationId == other)).ShouldBe(0);
        var kept = await all.PendingStoreAuthorizations.IgnoreQueryFilters().SingleAsync(p => p.State == state);
        fx.Portal.Services.GetRequiredService<StoreSecrets>().Unprotect(kept.ProtectedConsumerSecret!)
            .ShouldBe("cs_0123456789abcdef", "a replay does not replace the keys of the first callback");
        (await all.PendingStoreAuthorizations.IgnoreQueryFilters().SingleAsync(p => p.State == expiring)).KeysReceivedAtUtc.ShouldBeNull();
    }
}
