using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Domain.Organizations;
using Portal.Features.Common;

namespace Portal.Features.Integrations;

/// <summary>The checks every store handler shares: who may act, what was entered, and whether the address is taken.</summary>
internal static class StoreChecks
{
    /// <summary>Null when the tenant may connect, change and disconnect stores; otherwise the refusal (ADR 0004).</summary>
    public static string? Refusal(ITenantContext tenant) =>
        ActingUserChecks.Refusal(tenant, Permissions.Administrator | Permissions.IntegrationWooCommerce, "stores")?.Error;

    public static int OrganizationOf(ITenantContext tenant) =>
        tenant.OrganizationId ?? throw new InvalidOperationException("A store is connected, changed or disconnected in an organization.");

    public static ConnectResult? Input(string? publicUrl, string? name, string? url, out Uri site, out string normalized)
    {
        site = null!;
        normalized = "";
        if (publicUrl is null)
        {
            return ConnectResult.Fail(ConnectFailure.NoPublicUrl,
                "The portal's public address (setting Portal:PublicUrl) is not configured: stores could not send webhooks or keys back.");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return ConnectResult.Fail(ConnectFailure.InvalidInput, "Enter a store name of at most 100 characters.");
        }

        return StoreUrl.TryNormalize(url, out site, out normalized, out var error)
            ? null
            : ConnectResult.Fail(ConnectFailure.InvalidInput, error);
    }

    /// <summary>
    /// Whether the address is connected already. Across organizations on purpose (one store must not feed two), but
    /// another organization's store is only named when <paramref name="credentialsChecked"/>: until the store has
    /// accepted the key, the answer must not tell a stranger which addresses other organizations connected.
    /// </summary>
    public static async Task<ConnectResult?> AlreadyConnectedAsync(PortalDbContext db, string normalized, int? exceptStoreId,
        bool credentialsChecked, CancellationToken ct)
    {
        var owners = db.Stores.IgnoreQueryFilters().AsNoTracking().Where(s => s.NormalizedUrl == normalized && s.Id != exceptStoreId);
        if (!credentialsChecked)
        {
            owners = owners.Where(s => s.OrganizationId == db.CurrentOrganizationId);
        }

        var owner = await owners.Select(s => new { s.OrganizationId, s.Status, s.ConnectedAtUtc }).FirstOrDefaultAsync(ct);
        if (owner is null)
        {
            return null;
        }

        if (owner.Status == StoreStatus.Connecting)
        {
            // Only an interrupted attempt stays Connecting for more than a few seconds; MaintainStores removes it.
            var from = owner.ConnectedAtUtc + MaintainStores.StaleConnectingAfter;
            return ConnectResult.Fail(ConnectFailure.AlreadyConnected,
                $"An earlier attempt to connect this store (started {owner.ConnectedAtUtc:yyyy-MM-dd HH:mm} UTC) did not finish. The portal "
                + $"cleans it up, with any webhooks it left in the store, at its first store check after {from:yyyy-MM-dd HH:mm} UTC; connect again after that.");
        }

        return ConnectResult.Fail(ConnectFailure.AlreadyConnected, owner.OrganizationId == db.CurrentOrganizationId
            ? "This store is already connected to this organization."
            : "This store is already connected to another organization. A store can feed only one organization: disconnect it there first.");
    }

    public static string RandomToken(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
