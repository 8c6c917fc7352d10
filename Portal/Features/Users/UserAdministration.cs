using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Identity;
using Portal.Data.Tenancy;
using Portal.Domain.Organizations;
using Portal.Features.Organizations;

namespace Portal.Features.Users;

/// <param name="Version">The user's concurrency stamp when listed: a permissions edit is saved under it.</param>
public sealed record UserRow(string Id, string Email, Permissions Permissions, bool IsOwner, bool IsDisabled, bool MustChangePassword,
    bool TwoFactorEnabled, bool LockedOut, string? Version = null);

/// <param name="CurrentVersion">After an edit conflict: the user's current stamp, to save the kept choices under.</param>
public sealed record UserCommandResult(bool Succeeded, string Message, string? TemporaryPassword = null, string? CurrentVersion = null)
{
    public static UserCommandResult Fail(string message) => new(false, message);
}

/// <summary>
/// The owner's and administrators' user management, always within the caller's organization: users are not behind
/// the tenant query filter (sign-in looks them up before any tenant is known), so every method checks membership.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, ITenantContext tenant, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct = default)
    {
        var organizationId = RequireOrganization();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var now = clock.GetUtcNow();
        return (await users.Users.AsNoTracking()
                .Where(u => u.OrganizationId == organizationId)
                .OrderBy(u => u.Email)
                .ToListAsync(ct))
            .Select(u => new UserRow(u.Id, u.Email!, u.Permissions, u.IsOwner, u.IsDisabled, u.MustChangePassword, u.TwoFactorEnabled,
                u.LockoutEnd is { } end && end > now, u.ConcurrencyStamp))
            .ToList();
    }

    public async Task<UserCommandResult> CreateAsync(string? email, Permissions permissions, CancellationToken ct = default)
    {
        var organizationId = RequireOrganization();
        if (!OrganizationProvisioning.IsEmail(email))
        {
            return UserCommandResult.Fail("Enter a valid e-mail address.");
        }

        if (permissions == Permissions.None)
        {
            return UserCommandResult.Fail("Choose at least one permission.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (await users.FindByEmailAsync(email.Trim()) is not null)
        {
            return UserCommandResult.Fail($"A user with the e-mail {email.Trim()} already exists.");
        }

        var password = TemporaryPassword.Generate();
        var user = OrganizationProvisioning.NewUser(email, organizationId, clock);
        user.Permissions = Normalize(permissions);
        user.MustChangePassword = true;
        var result = await users.CreateAsync(user, password);
        return result.Succeeded
            ? new UserCommandResult(true, $"{user.Email} can now sign in with the temporary password below.", password)
            : UserCommandResult.Fail(OrganizationProvisioning.Describe(result));
    }

    /// <summary>
    /// Sets the user's permissions; with <paramref name="expectedVersion"/> (the stamp the page listed) only if no one
    /// changed the user since — otherwise refused naming the permissions the user has now.
    /// </summary>
    public Task<UserCommandResult> SetPermissionsAsync(
        string userId, Permissions permissions, string actingUserId, CancellationToken ct = default, string? expectedVersion = null) =>
        ChangeAsync(userId, actingUserId, ct, async (users, user) =>
        {
            if (expectedVersion is not null && expectedVersion != user.ConcurrencyStamp)
            {
                return new UserCommandResult(false,
                    $"Someone else changed {user.Email} after you opened it; nothing of yours was saved. Saved now: " +
                    $"{PermissionNames.Describe(user.Permissions)}. Your choices are kept below — save again to apply them.",
                    CurrentVersion: user.ConcurrencyStamp);
            }

            if (permissions == Permissions.None)
            {
                return UserCommandResult.Fail("Choose at least one permission.");
            }

            if (user.IsOwner && !permissions.HasFlag(Permissions.Administrator))
            {
                return UserCommandResult.Fail("The owner is always an administrator.");
            }

            user.Permissions = Normalize(permissions);
            // A new stamp makes the user's cookie and open pages pick up the change.
            await users.UpdateSecurityStampAsync(user);
            return new UserCommandResult(true, $"Permissions of {user.Email} changed.");
        });

    public Task<UserCommandResult> SetDisabledAsync(string userId, bool disabled, string actingUserId, CancellationToken ct = default) =>
        ChangeAsync(userId, actingUserId, ct, async (users, user) =>
        {
            if (user.IsOwner && disabled)
            {
                return UserCommandResult.Fail("The owner cannot be disabled.");
            }

            if (user.Id == actingUserId && disabled)
            {
                return UserCommandResult.Fail("You cannot disable yourself.");
            }

            user.IsDisabled = disabled;
            await users.UpdateSecurityStampAsync(user);
            return new UserCommandResult(true, disabled ? $"{user.Email} is disabled and signed out." : $"{user.Email} can sign in again.");
        });

    public Task<UserCommandResult> ResetPasswordAsync(string userId, string actingUserId, CancellationToken ct = default) =>
        ChangeAsync(userId, actingUserId, ct, async (users, user) =>
        {
            if (user.Id == actingUserId)
            {
                return UserCommandResult.Fail("Change your own password from your account page.");
            }

            var password = TemporaryPassword.Generate();
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var reset = await users.ResetPasswordAsync(user, token, password);
            if (!reset.Succeeded)
            {
                return UserCommandResult.Fail(OrganizationProvisioning.Describe(reset));
            }

            user.MustChangePassword = true;
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await users.UpdateAsync(user);
            return new UserCommandResult(true, $"{user.Email} must sign in with the temporary password below and choose a new one.", password);
        });

    private async Task<UserCommandResult> ChangeAsync(string userId, string actingUserId, CancellationToken ct,
        Func<UserManager<PortalUser>, PortalUser, Task<UserCommandResult>> change)
    {
        var organizationId = RequireOrganization();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId);
        // Another organization's user looks exactly like a missing one.
        if (user is null || user.OrganizationId != organizationId)
        {
            return UserCommandResult.Fail("That user does not exist in your organization.");
        }

        var result = await change(users, user);
        if (result.Succeeded)
        {
            var saved = await users.UpdateAsync(user);
            if (!saved.Succeeded)
            {
                return UserCommandResult.Fail(OrganizationProvisioning.Describe(saved));
            }
        }

        return result;
    }

    // Read-only combined with anything that can write is contradictory: the writing permission wins.
    private static Permissions Normalize(Permissions permissions) =>
        (permissions & ~Permissions.ReadOnly) != Permissions.None ? permissions & ~Permissions.ReadOnly : permissions;

    private int RequireOrganization() =>
        tenant.Access == TenantAccess.Organization && tenant.OrganizationId is { } id
            ? id
            : throw new TenantIsolationException("User management needs an organization.");
}
