using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Domain.Organizations;
using Portal.Features.Common;
using Portal.Features.Integrations;
using Portal.Features.Stock;
using Portal.Features.StoreCatalog;
using Portal.WooCommerce;

namespace Portal.Features.StockSync;

public enum StockPushMode
{
    /// <summary>The products of the store's unacknowledged stock-change markers, only where the quantity changed.</summary>
    Changes,

    /// <summary>"Push all stock now": every listed, sync-enabled product, changed or not.</summary>
    Everything,
}

public enum StockPushStatus
{
    /// <summary>Every item was answered (some may have been refused; see the summary).</summary>
    Done,
    NothingToDo,
    /// <summary>Update Stock Levels is off for the store.</summary>
    Off,
    /// <summary>The store failed before and its next try is not due yet.</summary>
    Waiting,
    /// <summary>The store could not be reached or refused the requests; the backlog waits.</summary>
    Failed,
    NotFound,
}

/// <summary>What one push did.</summary>
/// <param name="Sent">Quantities sent in requests.</param>
/// <param name="Changed">Quantities that differed from the last value the store was told.</param>
/// <param name="Confirmed">Quantities the store confirmed.</param>
/// <param name="Summary">The sentence of the activity log.</param>
public sealed record StockPushOutcome(StockPushStatus Status, int Sent, int Changed, int Confirmed, int Requests, string Summary);

/// <summary>
/// Tells one store the sync quantity of its listed products (issue 13): the products of its unacknowledged markers
/// whose quantity differs from the last value pushed to the link, or — "Push all stock now" — every listed product.
/// Requests are the fewest WooCommerce allows (<see cref="StockPushPlan"/>); every item of a batch answer is checked
/// (a batch answers 200 with errors per item).
/// <para>
/// Safe to stop at any line: a link's pushed quantity is recorded only after the store confirmed it, right after each
/// request; markers are acknowledged only after all their products were confirmed or deliberately skipped. A run
/// stopped in between sends again only what was not confirmed. A store that fails keeps its markers, and its next
/// try waits (doubling, or what Retry-After asks); the other stores are pushed by their own runs.
/// </para>
/// One run per store at a time in this process (the scheduler runs one job per store; the button shares the gate).
/// </summary>
public sealed class PushStock(
    IPortalDbContextFactory contexts,
    StockChangeFeed feed,
    AvailabilityQuery availability,
    StoreClients clients,
    IOptions<StockSyncOptions> options,
    TimeProvider clock,
    ILogger<PushStock> logger)
{
    public const string ActivityMethod = "SYNC";
    private const string What = "the store's stock";
    private const int MarkersPerRound = 20_000;
    private const int MaxRounds = 10;
    private static readonly ConcurrentDictionary<int, SemaphoreSlim> Gates = new();

    /// <summary>"Push all stock now" for a user: refused for a user without the integration permission.</summary>
    public async Task<OperationResult<StockPushOutcome>> PushEverythingAsync(ITenantContext tenant, int storeId, CancellationToken ct = default)
    {
        if (ActingUserChecks.Refusal(tenant, Permissions.IntegrationWooCommerce | Permissions.Administrator, What) is { } refusal)
        {
            return OperationResult<StockPushOutcome>.From(refusal);
        }

        if (tenant.Access != TenantAccess.Organization || tenant.OrganizationId is not { } organizationId)
        {
            return OperationResult<StockPushOutcome>.From(OperationResult.Fail("Sign in to an organization first."));
        }

        var outcome = await PushAsync(organizationId, storeId, StockPushMode.Everything, ct);
        return outcome.Status switch
        {
            StockPushStatus.NotFound => OperationResult<StockPushOutcome>.From(OperationResult.Fail("This store does not exist in your organization.")),
            StockPushStatus.Off => OperationResult<StockPushOutcome>.From(OperationResult.Fail(
                "Update Stock Levels is off for this store: turn it on in the store's settings (Catalog) first.")),
            StockPushStatus.Failed => OperationResult<StockPushOutcome>.From(OperationResult.Fail(outcome.Summary)),
            _ => OperationResult<StockPushOutcome>.Done(outcome),
        };
    }

    public async Task<StockPushOutcome> PushAsync(int organizationId, int storeId, StockPushMode mode, CancellationToken ct = default)
    {
        var gate = Gates.GetOrAdd(storeId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var outcome = await RoundAsync(FixedTenant.For(organizationId), storeId, mode, ct);
            // A backlog larger than one round (a stock take of the whole catalog) goes out in further rounds.
            for (var round = 1; round < MaxRounds && mode == StockPushMode.Changes && outcome.More; round++)
            {
                outcome = await RoundAsync(FixedTenant.For(organizationId), storeId, mode, ct);
            }

            return outcome.Outcome;
        }
        finally
        {
            gate.Release();
        }
    }

    private sealed record Round(StockPushOutcome Outcome, bool More);

    private sealed record LinkRow(long Id, int ProductId, string Sku, long WooProductId, long WooVariationId, int? ProductBuffer, int? LastPushedQuantity);

    private async Task<Round> RoundAsync(ITenantContext tenant, int storeId, StockPushMode mode, CancellationToken ct)
    {
        ConnectedStore? store;
        await using (var db = contexts.Create(tenant))
        {
            store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, ct);
        }

        if (store is null)
        {
            return Quiet(StockPushStatus.NotFound, "The store does not exist.");
        }

        var settings = StoreSettings.FromJson(store.SettingsJson);
        if (!settings.UpdateStockLevels)
        {
            if (store.StockChangesFollowedSinceUtc is not null)
            {
                await feed.StopFollowingAsync(tenant, storeId, ct);
            }

            return Quiet(StockPushStatus.Off, $"Update Stock Levels is off for {store.Name}.");
        }

        var started = clock.GetTimestamp();
        if (mode == StockPushMode.Changes && store.StockPushNextTryAtUtc > Now)
        {
            return Quiet(StockPushStatus.Waiting, $"{store.Name} failed before; next try at {store.StockPushNextTryAtUtc:u}.");
        }

        StockChangeBatch? batch = null;
        if (mode == StockPushMode.Changes)
        {
            batch = await feed.ReadAsync(tenant, storeId, MarkersPerRound, ct);
            if (batch.IsEmpty)
            {
                return Quiet(StockPushStatus.NothingToDo, "No stock change waiting.");
            }
        }

        // Read after the markers: the quantities are at least as new as every change they stand for.
        var links = await LinksAsync(tenant, storeId, batch is { FullPush: false } ? batch.ProductIds : null, ct);
        var stock = await CatalogStock.ForAsync(availability, tenant, settings, links.Select(l => l.ProductId).Distinct().ToList(), ct);
        var items = new List<StockPushItem>();
        var changed = 0;
        foreach (var link in links)
        {
            var quantity = stock(link.ProductId, link.ProductBuffer).SyncQuantity;
            var differs = link.LastPushedQuantity != quantity;
            changed += differs ? 1 : 0;
            if (differs || mode == StockPushMode.Everything)
            {
                items.Add(new StockPushItem(link.Id, link.ProductId, link.Sku, link.WooProductId, link.WooVariationId, quantity));
            }
        }

        var (requests, refused) = StockPushPlan.Build(items);
        var report = new PushReport(store.Name);
        foreach (var refusal in refused)
        {
            report.Problem($"{refusal.Item.Sku} not sent: {refusal.Reason}");
        }

        var pending = new HashSet<int>(requests.SelectMany(r => r.Items).Select(i => i.ProductId));
        WooApiException? failure = null;
        var client = clients.For(store);
        using var tally = new SemaphoreSlim(1, 1);
        // A few requests in flight (a real store answers a batch of 100 in 2-3 s and serves 4-8 at once); after a
        // failure no further request starts, and those in flight are still recorded.
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = options.Value.RequestsInFlightPerStore, CancellationToken = ct },
            async (request, token) =>
            {
                if (Volatile.Read(ref failure) is not null)
                {
                    return;
                }

                ItemAnswers answers;
                try
                {
                    answers = await SendAsync(client, request, token);
                }
                catch (WooApiException parentGone) when (request.ParentId is not null && parentGone.StatusCode == 404
                                                         && parentGone.WooCode == "woocommerce_rest_product_invalid_id")
                {
                    answers = new ItemAnswers();
                    answers.Missing.AddRange(request.Items);
                }
                catch (WooApiException e) when (!token.IsCancellationRequested)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                    return;
                }

                await tally.WaitAsync(CancellationToken.None);
                try
                {
                    await RecordAsync(tenant, answers);
                    Count(report, pending, request, answers);
                }
                finally
                {
                    tally.Release();
                }
            });

        if (batch is not null)
        {
            await feed.AcknowledgeAsync(tenant, pending.Count == 0 ? batch : batch.OnlyDone(p => !pending.Contains(p)), ct);
        }

        var took = clock.GetElapsedTime(started);
        var summary = failure is null
            ? report.Done(took, changed)
            : report.Failed(took, pending.Count, Describe(failure));
        var outcome = new StockPushOutcome(failure is null ? StockPushStatus.Done : StockPushStatus.Failed,
            report.Sent, changed, report.Confirmed, report.Requests, summary);
        if (failure is not null || report.Requests > 0 || report.HasProblems || mode == StockPushMode.Everything)
        {
            await RecordRunAsync(tenant, storeId, outcome, failure, report, took);
        }

        if (failure is not null)
        {
            logger.LogWarning("Stock push to store {StoreId} failed ({Kind}); {Pending} products wait", storeId, failure.Kind, pending.Count);
        }

        return new Round(outcome, failure is null && batch is not null && batch.ChangeIds.Count >= MarkersPerRound);
    }

    private static void Count(PushReport report, HashSet<int> pending, StockPushRequest request, ItemAnswers answers)
    {
        report.Requests++;
        report.Sent += request.Items.Count;
        report.Confirmed += answers.Confirmed.Count;
        foreach (var item in answers.Confirmed)
        {
            pending.Remove(item.ProductId);
        }

        foreach (var item in answers.Missing)
        {
            pending.Remove(item.ProductId);
            report.Problem($"{item.Sku} is no longer in the store (deleted or in the trash): reported in the catalog and skipped");
        }

        foreach (var (item, reason, retry) in answers.Refused)
        {
            if (!retry)
            {
                pending.Remove(item.ProductId);
            }

            report.Problem($"{item.Sku} refused by the store: {reason}");
        }
    }

    private static Round Quiet(StockPushStatus status, string summary) => new(new StockPushOutcome(status, 0, 0, 0, 0, summary), false);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<List<LinkRow>> LinksAsync(ITenantContext tenant, int storeId, IReadOnlyList<int>? productIds, CancellationToken ct)
    {
        await using var db = contexts.Create(tenant);
        // Turned off or missing in the store: deliberately not sent (the catalog shows why).
        var query = db.StoreProductLinks.AsNoTracking()
            .Where(l => l.StoreId == storeId && l.ProductId != null && !l.StockSyncOff && l.MissingSinceUtc == null);
        if (productIds is not null)
        {
            query = query.Where(l => productIds.Contains(l.ProductId!.Value));
        }

        return await query.OrderBy(l => l.Id)
            .Select(l => new LinkRow(l.Id, l.ProductId!.Value, l.Sku, l.WooProductId, l.WooVariationId, l.ProductBuffer, l.LastPushedQuantity))
            .ToListAsync(ct);
    }

    private sealed class ItemAnswers
    {
        public List<StockPushItem> Confirmed { get; } = [];
        public List<StockPushItem> Missing { get; } = [];
        /// <summary>Refused items; <c>Retry</c> when the store failed on the item (5xx) rather than refusing it.</summary>
        public List<(StockPushItem Item, string Reason, bool Retry)> Refused { get; } = [];
    }

    /// <summary>One batch request, and what the store answered for each of its items.</summary>
    private static async Task<ItemAnswers> SendAsync(WooClient client, StockPushRequest request, CancellationToken ct)
    {
        var answers = new ItemAnswers();
        IReadOnlyList<(int? Quantity, string? Status, WooBatchItemError? Error, bool Unanswered)> updated;
        if (request.ParentId is { } parent)
        {
            var result = await client.SendVariationsAsync(parent, new WooBatch<WooVariation>
            {
                Update = request.Items.Select(i => new WooVariation
                {
                    Id = i.WooVariationId, ManageStock = WooStockManagement.On, StockQuantity = i.Quantity,
                }).ToList(),
            }, ct);
            updated = result.Updated.Select(a => (a.Answer?.StockQuantity, a.Answer?.Status, a.Error, a.Unanswered)).ToList();
        }
        else
        {
            var result = await client.SendProductsAsync(new WooBatch<WooProduct>
            {
                Update = request.Items.Select(i => new WooProduct { Id = i.WooProductId, ManageStock = true, StockQuantity = i.Quantity }).ToList(),
            }, p => p.Sku, ct);
            updated = result.Updated.Select(a => (a.Answer?.StockQuantity, a.Answer?.Status, a.Error, a.Unanswered)).ToList();
        }

        foreach (var (item, answer) in request.Items.Zip(updated))
        {
            if (answer.Error is { } error)
            {
                if (error.Code?.EndsWith("_invalid_id", StringComparison.Ordinal) == true)
                {
                    answers.Missing.Add(item);
                }
                else
                {
                    answers.Refused.Add((item, $"{error.Message ?? error.Code} ({error.Code})", error.Status is null or >= 500));
                }
            }
            else if (!answer.Unanswered)
            {
                if (answer.Status == "trash")
                {
                    answers.Missing.Add(item);
                }
                else if (answer.Quantity != item.Quantity)
                {
                    answers.Refused.Add((item, $"it kept {answer.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "no quantity"} "
                                              + $"instead of {item.Quantity.ToString(CultureInfo.InvariantCulture)}", false));
                }
                else
                {
                    answers.Confirmed.Add(item);
                }
            }
            else
            {
                // Not in the answer at all: not confirmed, so sent again next time.
                answers.Refused.Add((item, "no answer for this item", true));
            }
        }

        return answers;
    }

    /// <summary>Records what the store confirmed and what it no longer has, at once, before anything else is sent.</summary>
    private async Task RecordAsync(ITenantContext tenant, ItemAnswers answers)
    {
        if (answers.Confirmed.Count == 0 && answers.Missing.Count == 0)
        {
            return;
        }

        var now = Now;
        var ids = answers.Confirmed.Concat(answers.Missing).Select(i => i.LinkId).ToList();
        await using var db = contexts.Create(tenant);
        // Not the run's token: what the store confirmed is written even when the portal is stopping.
        var links = await db.StoreProductLinks.Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, CancellationToken.None);
        foreach (var item in answers.Confirmed)
        {
            links.GetValueOrDefault(item.LinkId)?.RecordPush(item.Quantity, now);
        }

        foreach (var item in answers.Missing)
        {
            if (links.GetValueOrDefault(item.LinkId) is { } link)
            {
                link.MissingSinceUtc ??= now;
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The store's sync state for its page, and the run in words in its activity log.</summary>
    private async Task RecordRunAsync(ITenantContext tenant, int storeId, StockPushOutcome outcome, WooApiException? failure,
        PushReport report, TimeSpan took)
    {
        await using var db = contexts.Create(tenant);
        var store = await db.Stores.SingleOrDefaultAsync(s => s.Id == storeId, CancellationToken.None);
        if (store is null)
        {
            return;
        }

        var now = Now;
        var settings = options.Value;
        if (failure is null)
        {
            store.StockPushSucceeded(now, report.ProblemsText);
        }
        else
        {
            store.StockPushFailed(now, Describe(failure), failure.RetryAfter, settings.RetryBaseDelay, settings.RetryMaxDelay);
        }

        var summary = outcome.Summary;
        if (store.StockPushNextTryAtUtc is { } next)
        {
            summary += $" Next try at {next:u}.";
        }

        db.StoreActivity.Add(new StoreActivity
        {
            StoreId = storeId,
            AtUtc = now,
            Method = ActivityMethod,
            Path = summary.Length > 1000 ? summary[..997] + "…" : summary,
            Status = failure is null ? 200 : failure.StatusCode,
            DurationMs = (int)Math.Min(int.MaxValue, took.TotalMilliseconds),
            Attempt = store.StockPushFailures,
            ErrorKind = failure?.Kind.ToString(),
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Why a store could not be told, in words for the store page.</summary>
    public static string Describe(WooApiException failure) => failure.Kind switch
    {
        WooErrorKind.Transport => "The store did not answer (it may be down or unreachable).",
        WooErrorKind.Timeout => "The store did not answer in time.",
        WooErrorKind.ServerError => $"The store failed with HTTP {failure.StatusCode}.",
        WooErrorKind.RateLimited => "The store asked the portal to slow down (HTTP 429"
                                    + (failure.RetryAfter is { } wait ? $", retry after {wait.TotalSeconds:0} s)." : ")."),
        WooErrorKind.BadCredentials or WooErrorKind.MissingPermission =>
            $"The store refused the portal's key (HTTP {failure.StatusCode}): it may have been revoked or be read-only; change the credentials.",
        WooErrorKind.CircuitOpen => "The store failed repeatedly; the portal waits before trying again.",
        WooErrorKind.NotJson => "The store answered with something other than the WooCommerce API (a maintenance or firewall page?).",
        WooErrorKind.BatchTooLarge => "The store refused the batch as too large.",
        WooErrorKind.Validation => $"The store refused the request: {failure.WooCode}.",
        _ => $"The store answered HTTP {failure.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "nothing"} ({failure.Kind}).",
    };

    private sealed class PushReport(string storeName)
    {
        private readonly List<string> _problems = [];

        public int Requests { get; set; }
        public int Sent { get; set; }
        public int Confirmed { get; set; }
        public bool HasProblems => _problems.Count > 0;

        public string? ProblemsText => _problems.Count == 0
            ? null
            : Cap(string.Join("; ", _problems.Take(5)) + (_problems.Count > 5 ? $"; and {_problems.Count - 5} more." : "."));

        public void Problem(string text) => _problems.Add(text);

        public string Done(TimeSpan took, int changed) =>
            Cap($"Stock push to {storeName}: {Items(Sent)} sent in {Plural(Requests, "request")} ({changed} changed), "
                + $"{Confirmed} confirmed, in {Ms(took)}." + (ProblemsText is { } problems ? " " + problems : ""));

        public string Failed(TimeSpan took, int waiting, string why) =>
            Cap($"Stock push to {storeName} stopped after {Ms(took)}: {why} {Confirmed} confirmed before it stopped; "
                + $"{Plural(waiting, "product")} {(waiting == 1 ? "waits" : "wait")} for the next try.");

        private static string Items(int count) => Plural(count, "quantity", "quantities");

        private static string Plural(int count, string one, string? many = null) =>
            count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many ?? one + "s");

        private static string Ms(TimeSpan took) => took.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

        private static string Cap(string text) => text.Length > 900 ? text[..899] + "…" : text;
    }
}
