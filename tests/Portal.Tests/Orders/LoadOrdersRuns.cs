using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Integrations;
using Portal.Features.Orders;
using Portal.Features.StoreCatalog;

namespace Portal.Tests.Orders;

/// <summary>Load Orders the way the page does it: queued through the command, then run by the operation job's runner
/// (the scheduler is off in tests, so the test runs what the job would).</summary>
public static class LoadOrdersRuns
{
    public static async Task<long> QueueAsync(OrderWorld world, DateTime fromUtc, int? storeId = null)
    {
        var queued = await world.WithAsync(sp => sp.GetRequiredService<OrderLogCommands>()
            .QueueLoadOrdersAsync(world.Tenant, storeId ?? world.Store.Id, fromUtc, "test@example.test"));
        queued.Succeeded.ShouldBeTrue(queued.Error);
        return queued.Value;
    }

    public static Task<bool> RunQueuedAsync(OrderWorld world, long operationId) =>
        world.WithAsync(async sp =>
        {
            await sp.GetRequiredService<RunCatalogOperation>().RunAsync(world.OrganizationId, operationId, CancellationToken.None);
            return true;
        });

    /// <summary>Queues and runs one Load Orders to its end; its result as the page shows it.</summary>
    public static async Task<LoadOrdersResult> RunAsync(OrderWorld world, DateTime fromUtc, int? storeId = null)
    {
        var id = await QueueAsync(world, fromUtc, storeId);
        await RunQueuedAsync(world, id);
        var operation = await OperationAsync(world, id);
        operation.Status.ShouldBe(CatalogOperationStatus.Completed, operation.Error);
        return LoadOrdersResult.FromJson(operation.ResultJson).ShouldNotBeNull();
    }

    public static async Task<CatalogOperation> OperationAsync(OrderWorld world, long id)
    {
        await using var db = world.Db();
        return await db.CatalogOperations.AsNoTracking().SingleAsync(o => o.Id == id);
    }

    public static async Task<List<CatalogOperation>> OperationsAsync(OrderWorld world)
    {
        await using var db = world.Db();
        return await db.CatalogOperations.AsNoTracking().Where(o => o.Kind == CatalogOperationKind.LoadOrders).ToListAsync();
    }
}
