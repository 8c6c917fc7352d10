using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Tenancy;
using Quartz;

namespace Portal.Features.StockSync;

/// <summary>
/// Asks for a stock push soon. Any feature may call it after it committed a stock change (order capture, a refund's
/// restock); changes saved through EF are noticed without it (<see cref="StockChangeCommitInterceptor"/>). The push
/// reads the store's markers itself, so a request carries no data and asking twice costs nothing.
/// </summary>
public interface IStockPushTrigger
{
    /// <summary>Push soon to every store of the organization, or only to <paramref name="storeId"/>. Never blocks, never throws.</summary>
    void Request(int organizationId, int? storeId = null);
}

/// <summary>
/// Turns requests into one-shot Quartz triggers of the store's <see cref="PushStockJob"/>, <see cref="StockSyncOptions.CoalesceDelay"/>
/// ahead: requests arriving before that trigger fires ride on it (its run reads their markers), a request after it
/// fired gets a new trigger, which waits for the running job (one run per store at a time) and then reads what the
/// running one missed. Requests are queued so that a committing unit of work never waits for the scheduler.
/// </summary>
public sealed class StockPushTrigger(
    ISchedulerFactory schedulers,
    IPortalDbContextFactory contexts,
    IOptions<StockSyncOptions> options,
    TimeProvider clock,
    ILogger<StockPushTrigger> logger) : BackgroundService, IStockPushTrigger
{
    private readonly Channel<(int OrganizationId, int? StoreId)> _requests =
        Channel.CreateUnbounded<(int, int?)>(new UnboundedChannelOptions { SingleReader = true });

    // Only the reading loop touches it: when each store's pending trigger fires.
    private readonly Dictionary<(int OrganizationId, int StoreId), DateTimeOffset> _due = [];

    public void Request(int organizationId, int? storeId = null) => _requests.Writer.TryWrite((organizationId, storeId));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await _requests.Reader.WaitToReadAsync(stoppingToken))
        {
            var asked = new HashSet<(int OrganizationId, int? StoreId)>();
            while (_requests.Reader.TryRead(out var request))
            {
                asked.Add(request);
            }

            try
            {
                await ScheduleAsync(asked, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The sweep pushes what this missed.
                logger.LogWarning(e, "Stock pushes could not be scheduled; the periodic sweep will run them");
            }
        }
    }

    private async Task ScheduleAsync(HashSet<(int OrganizationId, int? StoreId)> asked, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        foreach (var organization in asked.GroupBy(a => a.OrganizationId))
        {
            IEnumerable<int> stores = organization.Any(a => a.StoreId is null)
                ? await StoresAsync(organization.Key, ct)
                : organization.Select(a => a.StoreId!.Value).Distinct();
            foreach (var storeId in stores)
            {
                var now = clock.GetUtcNow();
                var key = (organization.Key, storeId);
                if (_due.TryGetValue(key, out var due) && due > now)
                {
                    continue;
                }

                var at = now + options.Value.CoalesceDelay;
                var job = PushStockJob.KeyFor(organization.Key, storeId);
                if (!await scheduler.Exists(job, ct))
                {
                    await scheduler.AddJob(PushStockJob.Detail(organization.Key, storeId), new AddJobOptions { Replace = true }, ct);
                }

                await scheduler.ScheduleJob(TriggerBuilder.Create().ForJob(job).StartAt(at).Build(), new ScheduleJobOptions(), ct);
                _due[key] = at;
            }
        }
    }

    private async Task<List<int>> StoresAsync(int organizationId, CancellationToken ct)
    {
        await using var db = contexts.Create(FixedTenant.For(organizationId));
        return await db.Stores.AsNoTracking().Select(s => s.Id).ToListAsync(ct);
    }
}
