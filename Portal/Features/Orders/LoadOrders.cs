using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Integrations;
using Portal.Features.StoreCatalog;
using Portal.WooCommerce;

namespace Portal.Features.Orders;

public sealed record LoadOrdersRequest(DateTime FromUtc)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static LoadOrdersRequest? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<LoadOrdersRequest>(json);
}

public sealed record LoadOrdersResult(int Read, int Captured, int Waiting, int Skipped, int Linked, int NotCaptured)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static LoadOrdersResult? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<LoadOrdersResult>(json);

    public LoadOrdersResult Add(IReadOnlyCollection<CaptureOutcome> outcomes) => new(
        Read + outcomes.Count,
        Captured + outcomes.Count(o => o == CaptureOutcome.Captured),
        Waiting + outcomes.Count(o => o == CaptureOutcome.Waiting),
        Skipped + outcomes.Count(o => o == CaptureOutcome.AlreadyLogged),
        Linked + outcomes.Count(o => o == CaptureOutcome.LinkedToSale),
        NotCaptured + outcomes.Count(o => o == CaptureOutcome.NotCaptured));
}

/// <summary>
/// Load Orders as a background operation of the store (the catalog operations' row, job, heartbeat and sweep): the
/// store's orders created from the requested date, oldest first, a page of <see cref="CaptureOrders.IncludeLimit"/> at
/// a time through the capture path, which skips orders already in the Log. Each page is whole before the next is read,
/// so a cancel or a crash keeps what was captured and a second run only picks up the rest.
/// </summary>
public sealed class LoadOrders(IPortalDbContextFactory dbFactory, StoreClients clients, CaptureOrders capture) : ICatalogOperationHandler
{
    public const string Phase = "Loading orders";

    public CatalogOperationKind Kind => CatalogOperationKind.LoadOrders;

    public async Task<string> RunAsync(CatalogOperationRun run, CancellationToken ct)
    {
        var request = LoadOrdersRequest.FromJson(run.Operation.RequestJson)
                      ?? throw new DomainException("The operation does not say from which date to load orders.");
        ConnectedStore store;
        await using (var db = dbFactory.CreateForOrganization(run.OrganizationId))
        {
            store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == run.StoreId, ct)
                    ?? throw new DomainException("This store does not exist in your organization.");
        }

        var client = clients.For(store);
        // Oldest first: an order placed while loading lands on the last page instead of pushing the rest down a page.
        var query = new WooOrderQuery { After = request.FromUtc, OrderBy = "date", Order = "asc" };
        var result = new LoadOrdersResult(0, 0, 0, 0, 0, 0);
        await run.ProgressAsync(Phase, 0, 0, ct);
        for (var page = 1; ; page++)
        {
            var orders = await client.ListOrdersAsync(query, page, CaptureOrders.IncludeLimit, ct);
            result = result.Add(await capture.ApplyAsync(store, orders.Items, live: false, ct));
            var total = Math.Max(orders.Total ?? 0, result.Read);
            var last = orders.Items.Count == 0 || (orders.TotalPages is { } pages ? page >= pages : orders.Items.Count < CaptureOrders.IncludeLimit);
            if (await run.ProgressAsync(last ? "Done" : Phase, result.Read, last ? result.Read : total, ct) && !last)
            {
                throw new CatalogOperationCancelledException(result.ToJson());
            }

            if (last)
            {
                return result.ToJson();
            }
        }
    }
}
