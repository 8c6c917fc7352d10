using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Integrations;
using Portal.Domain.Organizations;
using Portal.Features.Common;
using Portal.WooCommerce;

namespace Portal.Features.Integrations;

/// <summary>The end of both ways to connect: the store is verified, saved, and given its webhooks, or nothing is kept.</summary>
public sealed class StoreRegistration(
    IPortalDbContextFactory dbFactory,
    IWooClientFactory clients,
    StoreSecrets secrets,
    StoreWebhooks webhooks,
    TimeProvider clock,
    ILogger<StoreRegistration> logger)
{
    public sealed record NewStore(string Name, string Url, StoreConnectionMethod Method, string ConsumerKey, string ConsumerSecret, string? KnownPermission);

    public async Task<ConnectResult> VerifyAndSaveAsync(int organizationId, NewStore entered, bool acceptCurrencyDifference, CancellationToken ct)
    {
        StoreUrl.TryNormalize(entered.Url, out var site, out var normalized, out _);
        await using var db = dbFactory.CreateForOrganization(organizationId);
        if (await StoreChecks.AlreadyConnectedAsync(db, normalized, null, credentialsChecked: false, ct) is { } taken)
        {
            return taken;
        }

        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, ct);
        var publicKey = StoreChecks.RandomHex(16);
        var client = clients.GetClient(new WooStoreConnection(publicKey, site, entered.ConsumerKey, entered.ConsumerSecret));
        try
        {
            var verified = await StoreVerification.VerifyAsync(client, organization.BaseCurrency, acceptCurrencyDifference, ct);
            if (verified.Failure is { } failure)
            {
                return failure;
            }

            // Only now that the store accepted the key may the answer say another organization has it.
            if (await StoreChecks.AlreadyConnectedAsync(db, normalized, null, credentialsChecked: true, ct) is { } elsewhere)
            {
                return elsewhere;
            }

            var store = NewRow(entered, publicKey, normalized, verified, organization);
            db.Stores.Add(store);
            try
            {
                // Saved before the webhooks exist so that the store's ping finds it; removed again if they fail.
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (UnitOfWork.IsUniqueViolation(e))
            {
                return ConnectResult.Fail(ConnectFailure.AlreadyConnected, "This store was connected by someone else a moment ago.");
            }

            return await RegisterWebhooksAsync(db, client, store, entered, verified.Currency, ct);
        }
        finally
        {
            clients.Remove(publicKey);
        }
    }

    private ConnectedStore NewRow(NewStore entered, string publicKey, string normalized, StoreVerification.Verified verified, Organization organization) => new()
    {
        PublicKey = publicKey,
        Name = entered.Name,
        Url = entered.Url,
        NormalizedUrl = normalized,
        ConnectionMethod = entered.Method,
        ProtectedConsumerKey = secrets.Protect(entered.ConsumerKey),
        ProtectedConsumerSecret = secrets.Protect(entered.ConsumerSecret),
        ConsumerKeyHint = ConnectedStore.Hint(entered.ConsumerKey),
        KeyPermission = entered.KnownPermission ?? "read_write",
        Currency = verified.Currency,
        CurrencyDifferenceAccepted = !string.Equals(verified.Currency, organization.BaseCurrency, StringComparison.OrdinalIgnoreCase),
        TimeZone = verified.TimeZone,
        WordPressVersion = verified.WordPressVersion,
        WooCommerceVersion = verified.WooCommerceVersion,
        ProtectedWebhookSecret = secrets.Protect(StoreChecks.RandomToken(32)),
        Status = StoreStatus.Connecting,
        ConnectedAtUtc = clock.GetUtcNow().UtcDateTime,
        LastSuccessfulCallAtUtc = clock.GetUtcNow().UtcDateTime,
    };

    private async Task<ConnectResult> RegisterWebhooksAsync(PortalDbContext db, WooClient client, ConnectedStore store, NewStore entered,
        string currency, CancellationToken ct)
    {
        List<long> created;
        try
        {
            created = await webhooks.CreateAllAsync(client, store.PublicKey, secrets.Unprotect(store.ProtectedWebhookSecret), ct);
        }
        catch (WebhookCreationException e)
        {
            db.Stores.Remove(store);
            await db.SaveChangesAsync(CancellationToken.None);
            return e.Result;
        }

        // The store pings each new webhook synchronously; the receiver has recorded it by now if it arrived.
        store.WebhookIds = string.Join(',', created);
        store.WebhooksNotReaching = !await StoreWebhooks.PingedSinceAsync(db, store.Id, null, ct);
        store.Status = StoreStatus.Connected;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Store {StoreId} ({Url}) connected to organization {OrganizationId} by {Method}",
            store.Id, entered.Url, store.OrganizationId, entered.Method);
        return new ConnectResult(ConnectFailure.None, $"{entered.Name} is connected.", store.Id, currency);
    }
}
