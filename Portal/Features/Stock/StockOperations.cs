using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Domain.Organizations;
using Portal.Domain.Stock;
using Portal.Features.Common;

namespace Portal.Features.Stock;

/// <summary>Stock adjustments and transfers: each one ledger unit of work, saved in one transaction.</summary>
public sealed class StockOperations(UnitOfWork unitOfWork, TimeProvider clock)
{
    /// <summary>
    /// Adds (positive) or takes off (negative) stock of a product at a location, with a mandatory reason. On hand
    /// never goes below zero. A concurrent change of the same balance is re-read and this adjustment applied on top.
    /// </summary>
    public Task<OperationResult<StockMovement>> AdjustAsync(
        ITenantContext tenant, int productId, int locationId, decimal quantity, string? reason,
        CancellationToken ct = default, SubmissionToken? submission = null) =>
        unitOfWork.RunOnceAsync(tenant, submission, "Stock.Adjust", Permissions.Sales, "stock", async (db, organizationId, token) =>
        {
            var ledger = await LoadAsync(db, organizationId, [productId], [locationId], token);
            var movement = ledger.Adjust(productId, locationId, quantity, reason ?? "");
            LedgerLoading.Stage(db, ledger);
            await db.SaveChangesAsync(token);
            return movement;
        }, ct);

    /// <summary>Moves stock of a product from one location to another (two ledger rows, one transfer id).</summary>
    public Task<OperationResult<Guid>> TransferAsync(
        ITenantContext tenant, int productId, int fromLocationId, int toLocationId, decimal quantity, string? reason,
        CancellationToken ct = default, SubmissionToken? submission = null) =>
        unitOfWork.RunOnceAsync(tenant, submission, "Stock.Transfer", Permissions.Sales, "stock", async (db, organizationId, token) =>
        {
            var ledger = await LoadAsync(db, organizationId, [productId], [fromLocationId, toLocationId], token);
            var (outRow, _) = ledger.Transfer(productId, fromLocationId, toLocationId, quantity, reason);
            LedgerLoading.Stage(db, ledger);
            await db.SaveChangesAsync(token);
            return outRow.TransferId!.Value;
        }, ct);

    /// <summary>
    /// Assembles <paramref name="quantity"/> of a kit at a location from its components (AssemblyOut rows, one
    /// AssemblyIn), in one transaction; refuses, naming each short component, and then saves nothing.
    /// </summary>
    public Task<OperationResult<AssembledKit>> AssembleAsync(
        ITenantContext tenant, int productId, int locationId, decimal quantity, string? reason,
        CancellationToken ct = default, SubmissionToken? submission = null) =>
        unitOfWork.RunOnceAsync(tenant, submission, "Stock.Assemble", Permissions.Sales, "stock", async (db, organizationId, token) =>
        {
            var kit = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == productId, token)
                ?? throw new Domain.DomainException($"Product {productId} does not exist.");
            if (!await db.Locations.AnyAsync(l => l.Id == locationId, token))
            {
                throw new Domain.DomainException("The location does not exist.");
            }

            var componentIds = kit.BillOfMaterials.Select(b => b.ComponentProductId).ToList();
            var products = await db.Products.AsNoTracking().Where(p => componentIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, token);
            products[kit.Id] = kit;
            var ledger = await LedgerLoading.LoadAsync(
                db, organizationId, clock.GetUtcNow().UtcDateTime, products.Keys.ToList(), [locationId], id => products[id].Label, token);
            ledger.Assemble(kit, quantity, locationId, products, reason);
            LedgerLoading.Stage(db, ledger);
            await db.SaveChangesAsync(token);
            return new AssembledKit(kit.Label, quantity);
        }, ct);

    private async Task<StockLedger> LoadAsync(
        PortalDbContext db, int organizationId, int[] productIds, int[] locationIds, CancellationToken ct)
    {
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, ct);
        foreach (var id in productIds)
        {
            if (!products.TryGetValue(id, out var product))
            {
                throw new Domain.DomainException($"Product {id} does not exist.");
            }

            if (product.Type != ProductType.Stock)
            {
                throw new Domain.DomainException($"{product.Label} is a service: it has no stock.");
            }
        }

        var locations = await db.Locations.CountAsync(l => locationIds.Contains(l.Id), ct);
        if (locations != locationIds.Distinct().Count())
        {
            throw new Domain.DomainException("The location does not exist.");
        }

        return await LedgerLoading.LoadAsync(
            db, organizationId, clock.GetUtcNow().UtcDateTime, productIds, locationIds, id => products[id].Label, ct);
    }
}

/// <summary>What an assembly on the stock page made.</summary>
public sealed record AssembledKit(string Kit, decimal Quantity);
