using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Integrations;

namespace Portal.Features.StoreCatalog;

/// <summary>Thrown by a handler that saw the user's cancel request; what was done so far is kept (each step is whole).</summary>
public sealed class CatalogOperationCancelledException(string? resultJson) : Exception("The operation was cancelled.")
{
    public string? ResultJson { get; } = resultJson;
}

/// <summary>A running operation's line to its row: progress for the page, and the user's cancel request.</summary>
public sealed class CatalogOperationRun(IPortalDbContextFactory dbFactory, CatalogOperation operation)
{
    public CatalogOperation Operation { get; } = operation;

    public int OrganizationId => Operation.OrganizationId;

    public int StoreId => Operation.StoreId;

    /// <summary>Saves the progress; true when the user asked to cancel.</summary>
    public async Task<bool> ProgressAsync(string phase, int done, int total, CancellationToken ct)
    {
        await using var db = dbFactory.CreateForOrganization(OrganizationId);
        var row = await db.CatalogOperations.SingleAsync(o => o.Id == Operation.Id, ct);
        row.Progress(phase, done, total);
        await db.SaveChangesAsync(ct);
        Operation.Progress(phase, done, total);
        return row.CancelRequested;
    }
}

/// <summary>A kind of catalog operation; the job hands it the run and stores the report it returns.</summary>
public interface ICatalogOperationHandler
{
    CatalogOperationKind Kind { get; }

    /// <returns>The report (JSON).</returns>
    Task<string> RunAsync(CatalogOperationRun run, CancellationToken ct);
}
