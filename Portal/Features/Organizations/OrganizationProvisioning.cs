using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Identity;
using Portal.Domain.Organizations;
using Portal.Features.Reference;

namespace Portal.Features.Organizations;

public sealed record ProvisioningResult(bool Succeeded, IReadOnlyDictionary<string, string> Errors, PortalUser? User = null, int? OrganizationId = null)
{
    public static ProvisioningResult Failed(string field, string message) => new(false, new Dictionary<string, string> { [field] = message });
}

/// <summary>
/// Creates organizations with their owner (first-run setup and the <c>org create</c> command) and support staff
/// (<c>support add</c>). An organization and its owner are created together or not at all.
/// </summary>
public sealed class OrganizationProvisioning(
    PortalDbContext db,
    UserManager<PortalUser> users,
    StarterReferenceBooks starterBooks,
    TimeProvider clock)
{
    public async Task<bool> AnyUserExistsAsync(CancellationToken ct = default)
    {
        return await db.Users.AnyAsync(ct);
    }

    public async Task<ProvisioningResult> CreateOrganizationAsync(
        string? name, string? currency, string? timeZone, string? ownerEmail, string ownerPassword, bool temporaryPassword, bool firstRun = false, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>(Organization.Validate(name, currency, timeZone));
        if (!IsEmail(ownerEmail))
        {
            errors["OwnerEmail"] = $"'{ownerEmail}' is not an e-mail address.";
        }

        if (errors.Count > 0)
        {
            return new ProvisioningResult(false, errors);
        }

        if (await db.Organizations.AnyAsync(o => o.Name == name!.Trim(), ct))
        {
            return ProvisioningResult.Failed("Name", $"An organization named '{name!.Trim()}' already exists.");
        }

        if (await users.FindByEmailAsync(ownerEmail!) is not null)
        {
            return ProvisioningResult.Failed("OwnerEmail", $"A user with the e-mail {ownerEmail} already exists.");
        }

        // The user manager's store saves through this same scoped context, so one transaction covers both rows and an
        // organization without its owner never exists.
        var organization = Organization.Create(name!, currency!, timeZone!, clock.GetUtcNow().UtcDateTime);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (firstRun && await db.Users.AnyAsync(ct))
        {
            return ProvisioningResult.Failed("Name", "This portal has already been set up; sign in instead.");
        }

        db.Organizations.Add(organization);
        await db.SaveChangesAsync(ct);

        var owner = NewUser(ownerEmail!, organization.Id, clock);
        owner.IsOwner = true;
        owner.Permissions = Permissions.Administrator;
        owner.MustChangePassword = temporaryPassword;
        var created = await users.CreateAsync(owner, ownerPassword);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new ProvisioningResult(false, new Dictionary<string, string> { ["OwnerPassword"] = Describe(created) });
        }

        await transaction.CommitAsync(ct);
        // After the commit, in the organization's own context; if the portal stops in between, start-up adds them.
        await starterBooks.AddMissingAsync(organization.Id, CancellationToken.None);
        return new ProvisioningResult(true, new Dictionary<string, string>(), owner, organization.Id);
    }

    public async Task<ProvisioningResult> AddSupportUserAsync(string? email, string password, CancellationToken ct = default)
    {
        if (!IsEmail(email))
        {
            return ProvisioningResult.Failed("Email", $"'{email}' is not an e-mail address.");
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return ProvisioningResult.Failed("Email", $"A user with the e-mail {email} already exists.");
        }

        var user = NewUser(email, organizationId: null, clock);
        user.IsSupport = true;
        user.MustChangePassword = true;
        var created = await users.CreateAsync(user, password);
        return created.Succeeded
            ? new ProvisioningResult(true, new Dictionary<string, string>(), user)
            : ProvisioningResult.Failed("Password", Describe(created));
    }

    public static bool IsEmail([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? email) =>
        !string.IsNullOrWhiteSpace(email) && new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email);

    /// <summary>A confirmed user who signs in with the e-mail, lockout on; callers add permissions and flags.</summary>
    public static PortalUser NewUser(string email, int? organizationId, TimeProvider clock) => new()
    {
        UserName = email.Trim(),
        Email = email.Trim(),
        EmailConfirmed = true,
        OrganizationId = organizationId,
        LockoutEnabled = true,
        CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
    };

    public static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
