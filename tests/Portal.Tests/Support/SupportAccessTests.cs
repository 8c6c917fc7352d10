using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Features.Support;
using Portal.Identity;
using Portal.Tests.Identity;

namespace Portal.Tests.Support;

public sealed class SupportAccessTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    private static ClaimsPrincipal Support(string id = "support-1", string email = "help@wooportal.test") => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, email), new Claim(PortalClaims.Support, "true")], "test"));

    private SupportAccess Access => shared.Portal.Services.GetRequiredService<SupportAccess>();

    [Fact]
    public async Task Open_WhenSupportOpensAnOrganization_ThenAnAuditRowSaysWhoWhatAndWhen()
    {
        var (organizationId, _, _) = await shared.Portal.CreateOrganizationAsync();

        await using (var view = await Access.OpenAsync(Support(), organizationId, "Opened the store activity log"))
        {
            view.Tenant.Access.ShouldBe(TenantAccess.SupportReadOnly);
        }

        await using var db = shared.Portal.OpenDatabase(FixedTenant.None);
        var entry = await db.SupportAudit.SingleAsync(a => a.OrganizationId == organizationId);
        entry.SupportUserId.ShouldBe("support-1");
        entry.SupportEmail.ShouldBe("help@wooportal.test");
        entry.What.ShouldBe("Opened the store activity log");
        entry.AtUtc.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [Fact]
    public async Task Open_WhenTheUserIsNotSupport_ThenRefusedAndNothingIsRecorded()
    {
        var (organizationId, _, _) = await shared.Portal.CreateOrganizationAsync();
        var merchant = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "u1"), new Claim(PortalClaims.OrganizationId, "999")], "test"));

        await Should.ThrowAsync<UnauthorizedAccessException>(() => Access.OpenAsync(merchant, organizationId, "peek"));

        await using var db = shared.Portal.OpenDatabase(FixedTenant.None);
        (await db.SupportAudit.CountAsync(a => a.OrganizationId == organizationId)).ShouldBe(0);
    }

    [Fact]
    public async Task Open_WhenTheOrganizationDoesNotExist_ThenSaysSo() =>
        (await Should.ThrowAsync<KeyNotFoundException>(() => Access.OpenAsync(Support(), 987654, "peek"))).Message
            .ShouldBe("Organization 987654 does not exist.");

    [Fact]
    public async Task List_WhenSupport_ThenSeesEveryOrganization()
    {
        var (first, _, _) = await shared.Portal.CreateOrganizationAsync();
        var (second, _, _) = await shared.Portal.CreateOrganizationAsync();

        var ids = (await Access.ListOrganizationsAsync(Support())).Select(o => o.Id).ToList();

        ids.ShouldContain(first);
        ids.ShouldContain(second);
    }
}
