using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.WooCommerce;

namespace Portal.Features.Integrations;

public sealed class StoreMaintenanceOptions
{
    public const string SectionName = "StoreMaintenance";

    /// <summary>How often every store's webhooks are checked and interrupted connections cleaned up.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "StoreMaintenance:Interval must be between 00:01:00 and 1.00:00:00 (1 day).")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first run after start-up: soon, but not while the portal is still warming up.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "StoreMaintenance:FirstRunAfter must be between 00:00:00 and 1.00:00:00 (1 day).")]
    public TimeSpan FirstRunAfter { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Keeps every store's webhooks as the portal expects them, and removes stores whose connection was interrupted.
/// Each step is safe to repeat and to interrupt: the store is read afresh on every run, webhooks are found by their
/// delivery URL as well as by the ids the portal saved, and creating one first looks it up by topic and URL.
/// </summary>
public sealed class MaintainStores(
    IPortalDbContextFactory dbFactory,
    StoreClients clients,
    StoreWebhooks webhooks,
    StoreSecrets secrets,
    TimeProvider clock,
    ILogger<MaintainStores> logger)
{
    /// <summary>A connection takes seconds; one still Connecting after this was interrupted.</summary>
    public static readonly TimeSpan StaleConnectingAfter = TimeSpan.FromMinutes(10);

    /// <summary>An interrupted connection whose store never answers is removed anyway after this.</summary>
    public static readonly TimeSpan GiveUpOnUnreachableAfter = TimeSpan.FromHours(24);

    // One check per store at a time in this process; across nodes a duplicate that slips through is removed by the
    // next check.
    private static readonly ConcurrentDictionary<int, SemaphoreSlim> Gates = new();

    /// <summary>Every store of every organization, one after the other. A store that fails unexpectedly does not stop
    /// the others; the failures are thrown together at the end.</summary>
    public async Task RunAsync(CancellationToken ct = default)
    {
        List<(int OrganizationId, int StoreId)> stores;
        await using (var lookup = dbFactory.Create(FixedTenant.None))
        {
            // Across organizations on purpose; each store is then worked on in its own organization's context.
            stores = (await lookup.Stores.IgnoreQueryFilters().AsNoTracking().OrderBy(s => s.Id)
                .Select(s => new { s.OrganizationId, s.Id }).ToListAsync(ct))
                .Select(s => (s.OrganizationId, s.Id)).ToList();
        }

        var failures = new List<Exception>();
        foreach (var (organizationId, storeId) in stores)
        {
            try
            {
                await CheckStoreAsync(organizationId, storeId, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Maintenance of store {StoreId} (organization {OrganizationId}) failed", storeId, organizationId);
                failures.Add(e);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("The maintenance of some stores failed.", failures);
        }
    }

    /// <summary>One store: cleans it up if its connection was interrupted, else checks and repairs its webhooks.
    /// False when the store does not exist (any more) in the organization.</summary>
    public async Task<bool> CheckStoreAsync(int organizationId, int storeId, CancellationToken ct = default)
    {
        // "Check now" may meet the periodic run: both would see a missing webhook and create it twice.
        var gate = Gates.GetOrAdd(storeId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return await CheckStoreInsideGateAsync(organizationId, storeId, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<bool> CheckStoreInsideGateAsync(int organizationId, int storeId, CancellationToken ct)
    {
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var store = await db.Stores.SingleOrDefaultAsync(s => s.Id == storeId, ct);
        if (store is null)
        {
            return false;
        }

        if (store.Status == StoreStatus.Connecting)
        {
            await CleanUpInterruptedAsync(db, store, ct);
            return true;
        }

        await CheckWebhooksAsync(db, store, ct);
        return true;
    }

    private async Task CleanUpInterruptedAsync(PortalDbContext db, ConnectedStore store, CancellationToken ct)
    {
        var age = clock.GetUtcNow().UtcDateTime - store.ConnectedAtUtc;
        if (age < StaleConnectingAfter)
        {
            return; // Possibly still connecting right now.
        }

        var suffix = StorePaths.WebhookPathPrefix + store.PublicKey;
        try
        {
            var client = clients.For(store);
            var left = new List<long>();
            await foreach (var webhook in client.IterateWebhooksAsync(ct))
            {
                if (webhook.DeliveryUrl?.EndsWith(suffix, StringComparison.Ordinal) == true)
                {
                    left.Add(webhook.Id);
                }
            }

            foreach (var id in left)
            {
                await DeleteWebhookAsync(client, id, ct);
            }
        }
        catch (WooApiException e)
        {
            if (age < GiveUpOnUnreachableAfter)
            {
                logger.LogInformation("Interrupted connection of store {StoreId} ({Url}) not cleaned up yet, the store did not answer or refused the key: {Reason}",
                    store.Id, store.Url, e.Message);
                return;
            }

            // Webhooks left behind get 404s from the portal and WooCommerce disables them.
            logger.LogWarning("Interrupted connection of store {StoreId} ({Url}) removed without its webhooks: the store has not let the portal remove them for {Hours:0} hours ({Reason})",
                store.Id, store.Url, age.TotalHours, e.Message);
        }

        // Everything the store owns is deleted with it (cascade). Only while still Connecting: a connection that
        // finished after all, however late, is kept.
        if (await db.Stores.Where(s => s.Id == store.Id && s.Status == StoreStatus.Connecting).ExecuteDeleteAsync(ct) == 0)
        {
            return;
        }

        clients.Forget(store.PublicKey);
        logger.LogInformation("Interrupted connection of store {StoreId} ({Url}) in organization {OrganizationId} cleaned up",
            store.Id, store.Url, store.OrganizationId);
    }

    private static async Task DeleteWebhookAsync(WooClient client, long id, CancellationToken ct)
    {
        try
        {
            await client.DeleteWebhookAsync(id, ct);
        }
        catch (WooApiException e) when (e.Kind == WooErrorKind.NotFound)
        {
            // Gone already (an earlier, interrupted run, or the merchant).
        }
    }

    private async Task CheckWebhooksAsync(PortalDbContext db, ConnectedStore store, CancellationToken ct)
    {
        var report = new WebhookReport();
        var ids = store.GetWebhookIds();
        var (checkedUrl, checkedKey) = (store.Url, store.ProtectedConsumerKey);
        try
        {
            var expectedUrl = webhooks.WebhookUrl(store.PublicKey);
            if (expectedUrl is null)
            {
                report.Failure = "The portal's public address is not configured, so the store's webhooks cannot be checked. Ask your administrator to set it.";
            }
            else
            {
                ids = await RepairAsync(clients.For(store), store, expectedUrl, report, ct);
            }
        }
        catch (WooApiException e)
        {
            report.Failure = Explain(e, store);
            logger.LogInformation("Webhooks of store {StoreId} ({Url}) could not be checked: {Reason}", store.Id, store.Url, e.Message);
        }

        // Saved only if the store still has the address and key that were checked: a change of credentials in the
        // meantime made new webhooks, whose ids must not be overwritten with the old store's (the next check sees them).
        var (webhookIds, checkedAt, problem) = (string.Join(',', ids), clock.GetUtcNow().UtcDateTime, report.ToText());
        var saved = await db.Stores.Where(s => s.Id == store.Id && s.Url == checkedUrl && s.ProtectedConsumerKey == checkedKey)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.WebhookIds, webhookIds).SetProperty(s => s.WebhooksCheckedAtUtc, checkedAt)
                .SetProperty(s => s.WebhookProblem, problem), ct);
        if (saved == 0)
        {
            logger.LogInformation("Store {StoreId} changed credentials during its webhook check; the result was dropped", store.Id);
        }
        else if (problem is not null)
        {
            logger.LogInformation("Webhooks of store {StoreId}: {Problem}", store.Id, problem);
        }
    }

    /// <summary>Brings the store's webhooks to one active webhook per topic at the expected URL; returns their ids.</summary>
    private async Task<IReadOnlyList<long>> RepairAsync(WooClient client, ConnectedStore store, string expectedUrl, WebhookReport report,
        CancellationToken ct)
    {
        var saved = store.GetWebhookIds().ToHashSet();
        var suffix = StorePaths.WebhookPathPrefix + store.PublicKey;
        var ours = new List<WooWebhook>();
        await foreach (var webhook in client.IterateWebhooksAsync(ct))
        {
            if (saved.Contains(webhook.Id) || webhook.DeliveryUrl?.EndsWith(suffix, StringComparison.Ordinal) == true)
            {
                ours.Add(webhook);
            }
        }

        var kept = new List<long>();
        foreach (var topic in StoreWebhooks.Topics)
        {
            // Prefer the one the portal knows, then one that works; any other of the topic would deliver twice.
            var candidates = ours.Where(w => w.Topic == topic)
                .OrderByDescending(w => saved.Contains(w.Id)).ThenByDescending(w => w.Status == "active").ThenBy(w => w.Id).ToList();
            if (candidates.Count == 0)
            {
                var created = await webhooks.CreateAsync(client, topic, store.PublicKey, secrets.Unprotect(store.ProtectedWebhookSecret), ct);
                report.Missing.Add(topic);
                kept.Add(created.Id);
                continue;
            }

            var webhook = candidates[0];
            if (webhook.Status != "active" || webhook.DeliveryUrl != expectedUrl)
            {
                await client.UpdateWebhookAsync(webhook.Id, new WooWebhook { Status = "active", DeliveryUrl = expectedUrl }, ct);
                if (webhook.Status != "active")
                {
                    report.Inactive.Add($"{topic} ({webhook.Status})");
                }

                if (webhook.DeliveryUrl != expectedUrl)
                {
                    report.Moved.Add(topic);
                }
            }

            kept.Add(webhook.Id);
            foreach (var extra in candidates.Skip(1))
            {
                await DeleteWebhookAsync(client, extra.Id, ct);
                report.Duplicates++;
            }
        }

        foreach (var stray in ours.Where(w => !StoreWebhooks.Topics.Contains(w.Topic)))
        {
            await DeleteWebhookAsync(client, stray.Id, ct);
            report.Duplicates++;
        }

        report.ExpectedUrl = expectedUrl;
        return kept;
    }

    private static string Explain(WooApiException e, ConnectedStore store) => e.Kind switch
    {
        WooErrorKind.BadCredentials => $"The store refused the key (revoked?) — change credentials. The key in use is {store.ConsumerKeyHint}; "
            + "until it is replaced the portal can neither read the store nor check its webhooks.",
        WooErrorKind.MissingPermission => $"The key {store.ConsumerKeyHint} may not change webhooks (its permission is no longer Read/Write) — change credentials.",
        WooErrorKind.AuthorizationHeaderStripped => "The store's web server now removes the Authorization header, so the portal's key is refused. "
            + "Ask the host to pass the header on.",
        WooErrorKind.Transport or WooErrorKind.Timeout or WooErrorKind.CircuitOpen or WooErrorKind.ServerError or WooErrorKind.RateLimited
            or WooErrorKind.NotJson => $"The store did not answer at {store.Url} ({e.Message}), so its webhooks were not checked. "
            + "The portal tries again at its next check.",
        _ => $"The store's webhooks could not be checked: {e.Message}",
    };

    /// <summary>What a check found and did, as one short text for the merchant; null when nothing was wrong.</summary>
    private sealed class WebhookReport
    {
        public List<string> Missing { get; } = [];
        public List<string> Inactive { get; } = [];
        public List<string> Moved { get; } = [];
        public int Duplicates { get; set; }
        public string? ExpectedUrl { get; set; }
        public string? Failure { get; set; }

        public string? ToText()
        {
            var done = new List<string>();
            if (Inactive.Count > 0)
            {
                done.Add($"WooCommerce had stopped delivering {string.Join(", ", Inactive)} (it disables a webhook after repeated failed deliveries, "
                    + "e.g. while the portal was unreachable); reactivated, and orders from the gap are picked up by polling");
            }

            if (Missing.Count > 0)
            {
                done.Add($"{string.Join(", ", Missing)} {(Missing.Count == 1 ? "was" : "were")} missing in the store; recreated");
            }

            if (Moved.Count > 0)
            {
                done.Add($"{string.Join(", ", Moved)} still pointed at an old portal address; now {ExpectedUrl}");
            }

            if (Duplicates > 0)
            {
                done.Add($"{Duplicates} surplus webhook{(Duplicates == 1 ? "" : "s")} of the portal removed");
            }

            var text = done.Count == 0 ? "" : WebhookFindings.RepairedPrefix + string.Join("; ", done) + ".";
            if (Failure is not null)
            {
                text = text.Length == 0 ? Failure : text + WebhookFindings.ThenSeparator + Failure;
            }

            return text.Length == 0 ? null : Truncate(text, 1000);
        }

        private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
    }
}

/// <summary>Reads what the webhook check wrote: a repair that worked is news, not a problem.</summary>
public static class WebhookFindings
{
    public const string RepairedPrefix = "Webhooks repaired: ";
    public const string ThenSeparator = " Then: ";

    /// <summary>The check found something wrong and fixed all of it: nothing is left for the merchant to do.</summary>
    public static bool IsRepaired(string? finding) =>
        finding is not null && finding.StartsWith(RepairedPrefix, StringComparison.Ordinal)
        && !finding.Contains(ThenSeparator, StringComparison.Ordinal);
}
