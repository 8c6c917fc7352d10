using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Identity;
using Portal.Data.Tenancy;
using Portal.Domain.Organizations;
using Portal.Features.Users;
using Portal.Tests.Identity;

namespace Portal.Tests.Users;

public sealed class UserAdministrationTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    private UserAdministration For(int organizationId) =>
        new(shared.Portal.Services.GetRequiredService<IServiceScopeFactory>(), FixedTenant.For(organizationId), TimeProvider.System);

    private async Task<PortalUser> FindAsync(string email)
    {
        await using var scope = shared.Portal.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!;
    }

    [Fact]
    public async Task Create_WhenValid_ThenUserBelongsToTheOrganizationWithATemporaryPassword()
    {
        var (organizationId, _, _) = await shared.Portal.CreateOrganizationAsync();
        var email = $"sales-{Guid.NewGuid():N}@example.test";

        var result = await For(organizationId).CreateAsync(email, Permissions.Sales | Permissions.IntegrationWooCommerce);

        result.Succeeded.ShouldBeTrue(result.Message);
        var user = await FindAsync(email);
        user.OrganizationId.ShouldBe(organizationId);
        user.Permissions.ShouldBe(Permissions.Sales | Permissions.IntegrationWooCommerce);
        user.MustChangePassword.ShouldBeTrue();
        await using var scope = shared.Portal.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().CheckPasswordAsync(user, result.TemporaryPassword!)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("not-an-email", Permissions.Sales, "Enter a valid e-mail address.")]
    [InlineData("x@example.test", Permissions.None, "Choose at least one permission.")]
    public async Task Create_WhenInputIsBad_ThenSaysWhyAndCreatesNothing(string email, Permissions permissions, string message)
    {
        var (organizationId, _, _) = await shared.Portal.CreateOrganizationAsync();
        var administration = For(organizationId);

        var result = await administration.CreateAsync(email, permissions);

        result.Succeeded.ShouldBeFalse();
        result.Message.ShouldBe(message);
        (await administration.ListAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Create_WhenReadOnlyIsCombinedWithAWritingPermission_ThenTheWritingPermissionWins()
    {
        var (organizationId, _, _) = await shared.Portal.CreateOrganizationAsync();
        var email = $"mixed-{Guid.NewGuid():N}@example.test";
        await For(organizationId).CreateAsync(email, Permissions.ReadOnly | Permissions.Sales);
        (await FindAsync(email)).Permissions.ShouldBe(Permissions.Sales);
    }

    [Fact]
    public async Task Change_WhenTheUserBelongsToAnotherOrganization_ThenRefusedAsIfMissing()
    {
        var (mine, _, _) = await shared.Portal.CreateOrganizationAsync();
        var (theirs, theirOwnerEmail, _) = await shared.Portal.CreateOrganizationAsync();
        var victim = $"victim-{Guid.NewGuid():N}@example.test";
        await For(theirs).CreateAsync(victim, Permissions.Sales);
        var victimId = (await FindAsync(victim)).Id;
        var myOwner = (await For(mine).ListAsync()).Single();

        var disable = await For(mine).SetDisabledAsync(victimId, true, myOwner.Id);
        var reset = await For(mine).ResetPasswordAsync(victimId, myOwner.Id);
        var promote = await For(mine).SetPermissionsAsync(victimId, Permissions.Administrator, myOwner.Id);

        foreach (var result in new[] { disable, reset, promote })
        {
            result.Succeeded.ShouldBeFalse();
            result.Message.ShouldBe("That user does not exist in your organization.");
        }

        var untouched = await FindAsync(victim);
        untouched.IsDisabled.ShouldBeFalse();
        untouched.Permissions.ShouldBe(Permissions.Sales);
        (await For(mine).ListAsync()).Select(u => u.Email).ShouldNotContain(victim);
        (await For(mine).ListAsync()).Select(u => u.Email).ShouldNotContain(theirOwnerEmail);
    }

    [Fact]
    public async Task Disable_WhenTargetIsTheOwner_ThenRefused()
    {
        var (organizationId, ownerEmail, _) = await shared.Portal.CreateOrganizationAsync();
        var administration = For(organizationId);
        await administration.CreateAsync($"admin-{Guid.NewGuid():N}@example.test", Permissions.Administrator);
        var users = await administration.ListAsync();
        var owner = users.Single(u => u.IsOwner);
        var admin = users.Single(u => !u.IsOwner);

        var result = await administration.SetDisabledAsync(owner.Id, true, admin.Id);

        result.Succeeded.ShouldBeFalse();
        result.Message.ShouldBe("The owner cannot be disabled.");
        (await FindAsync(ownerEmail)).IsDisabled.ShouldBeFalse();
    }

    [Fact]
    public async Task Disable_WhenDone_ThenTheSecurityStampChangesSoSessionsEnd()
    {
        var (organizationId, _, _) = await shared.Portal.CreateOrganizationAsync();
        var administration = For(organizationId);
        var email = $"leaver-{Guid.NewGuid():N}@example.test";
        await administration.CreateAsync(email, Permissions.Sales);
        var before = (await FindAsync(email)).SecurityStamp;
        var owner = (await administration.ListAsync()).Single(u => u.IsOwner);

        (await administration.SetDisabledAsync((await FindAsync(email)).Id, true, owner.Id)).Succeeded.ShouldBeTrue();

        var after = await FindAsync(email);
        after.IsDisabled.ShouldBeTrue();
        after.SecurityStamp.ShouldNotBe(before);
    }

    [Fact]
    public async Task ResetPassword_WhenDone_ThenOldPasswordFailsAndTheNewOneIsTemporary()
    {
        var (organizationId, _, _) = await shared.Portal.CreateOrganizationAsync();
        var administration = For(organizationId);
        var email = $"forgetful-{Guid.NewGuid():N}@example.test";
        var created = await administration.CreateAsync(email, Permissions.Sales);
        var owner = (await administration.ListAsync()).Single(u => u.IsOwner);

        var reset = await administration.ResetPasswordAsync((await FindAsync(email)).Id, owner.Id);

        reset.Succeeded.ShouldBeTrue(reset.Message);
        reset.TemporaryPassword.ShouldNotBe(created.TemporaryPassword);
        await using var scope = shared.Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        (await users.CheckPasswordAsync(user, created.TemporaryPassword!)).ShouldBeFalse();
        (await users.CheckPasswordAsync(user, reset.TemporaryPassword!)).ShouldBeTrue();
        user.MustChangePassword.ShouldBeTrue();
    }

    [Fact]
    public async Task AnyCommand_WhenNoOrganizationIsSet_ThenRefused() =>
        await Should.ThrowAsync<TenantIsolationException>(() =>
            new UserAdministration(shared.Portal.Services.GetRequiredService<IServiceScopeFactory>(), FixedTenant.None, TimeProvider.System)
                .ListAsync());

    [Fact]
    public async Task SetPermissions_WhenSomeoneElseChangedTheUserSinceTheListWasRead_ThenRefusedNamingTheCurrentPermissions()
    {
        var (organizationId, _, _) = await shared.Portal.CreateOrganizationAsync();
        var administration = For(organizationId);
        var email = $"edited-{Guid.NewGuid():N}@example.test";
        (await administration.CreateAsync(email, Permissions.Sales)).Succeeded.ShouldBeTrue();
        var listed = (await administration.ListAsync()).Single(u => u.Email == email);
        (await administration.SetPermissionsAsync(listed.Id, Permissions.Sales | Permissions.IntegrationWooCommerce, "someone-else", expectedVersion: listed.Version))
            .Succeeded.ShouldBeTrue();

        var stale = await administration.SetPermissionsAsync(listed.Id, Permissions.ReadOnly, "me", expectedVersion: listed.Version);

        stale.Succeeded.ShouldBeFalse();
        stale.Message.ShouldStartWith($"Someone else changed {email} after you opened it");
        stale.Message.ShouldContain("Saved now: Integration: eCommerce - WooCommerce, Sales.");
        (await FindAsync(email)).Permissions.ShouldBe(Permissions.Sales | Permissions.IntegrationWooCommerce);
        (await administration.SetPermissionsAsync(listed.Id, Permissions.ReadOnly, "me", expectedVersion: stale.CurrentVersion)).Succeeded.ShouldBeTrue();
        (await FindAsync(email)).Permissions.ShouldBe(Permissions.ReadOnly);
    }
}
