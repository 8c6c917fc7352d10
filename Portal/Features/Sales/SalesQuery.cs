using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Sales;

namespace Portal.Features.Sales;

public enum SalesFilter
{
    All,
    Draft,
    AwaitingPick,
    Picked,
    Packed,
    Shipped,
    Invoiced,
    Unpaid,
    Paid,
    Voided,
}

public sealed record SaleRow(
    int Id, string Number, string? Reference, string Customer, DateTime SaleDate, SaleStatus Status, StageStatus InvoiceStatus,
    decimal Total, decimal AmountPaid, SaleSource Source, int? StoreId, string? StoreOrderNumber)
{
    public bool IsPaid => InvoiceStatus == StageStatus.Authorised && AmountPaid >= Total;
}

/// <summary>
/// The sales grid's query. Filtering, searching, sorting and paging all run in the database (money is stored as
/// fixed-point integers, so ordering by total works on SQLite as on SQL Server).
/// </summary>
public static class SalesQuery
{
    public static IReadOnlyList<SalesFilter> Filters { get; } = Enum.GetValues<SalesFilter>();

    public sealed record Request(SalesFilter Filter, string? Search, string? SortBy, bool Descending, int Skip, int Take);

    public sealed record Page(IReadOnlyList<SaleRow> Rows, int Total);

    public static string Describe(SalesFilter filter) => filter switch
    {
        SalesFilter.All => "All",
        SalesFilter.Draft => "Draft",
        SalesFilter.AwaitingPick => "Awaiting pick",
        SalesFilter.Picked => "Picked",
        SalesFilter.Packed => "Packed",
        SalesFilter.Shipped => "Shipped",
        SalesFilter.Invoiced => "Invoiced",
        SalesFilter.Unpaid => "Unpaid",
        SalesFilter.Paid => "Paid",
        SalesFilter.Voided => "Voided",
        _ => filter.ToString(),
    };

    public static async Task<Page> PageAsync(PortalDbContext db, Request request, CancellationToken ct)
    {
        var sales = Filter(db.Sales.AsNoTracking(), request.Filter);
        var rows =
            from s in sales
            join c in db.Customers on s.CustomerId equals c.Id
            select new { Sale = s, Customer = c.Name };
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            // LIKE: case-insensitive on SQLite (ASCII) and under SQL Server's usual case-insensitive collations.
            var pattern = ContainsPattern(request.Search);
            rows = rows.Where(r =>
                EF.Functions.Like(r.Customer, pattern, "\\") ||
                EF.Functions.Like(r.Sale.Reference!, pattern, "\\") ||
                EF.Functions.Like(r.Sale.InvoiceNumber!, pattern, "\\") ||
                EF.Functions.Like(r.Sale.StoreOrderNumber!, pattern, "\\"));
        }

        var total = await rows.CountAsync(ct);
        var ordered = (request.SortBy, request.Descending) switch
        {
            (nameof(SaleRow.Number), false) => rows.OrderBy(r => r.Sale.InvoiceNumber == null).ThenBy(r => r.Sale.InvoiceNumber).ThenBy(r => r.Sale.Id),
            (nameof(SaleRow.Number), true) => rows.OrderBy(r => r.Sale.InvoiceNumber == null).ThenByDescending(r => r.Sale.InvoiceNumber).ThenByDescending(r => r.Sale.Id),
            (nameof(SaleRow.Customer), false) => rows.OrderBy(r => r.Customer).ThenBy(r => r.Sale.Id),
            (nameof(SaleRow.Customer), true) => rows.OrderByDescending(r => r.Customer).ThenByDescending(r => r.Sale.Id),
            (nameof(SaleRow.Status), false) => rows.OrderBy(r => r.Sale.Status).ThenBy(r => r.Sale.Id),
            (nameof(SaleRow.Status), true) => rows.OrderByDescending(r => r.Sale.Status).ThenByDescending(r => r.Sale.Id),
            (nameof(SaleRow.Total), false) => rows.OrderBy(r => r.Sale.Total).ThenBy(r => r.Sale.Id),
            (nameof(SaleRow.Total), true) => rows.OrderByDescending(r => r.Sale.Total).ThenByDescending(r => r.Sale.Id),
            (nameof(SaleRow.Source), false) => rows.OrderBy(r => r.Sale.Source).ThenBy(r => r.Sale.StoreOrderNumber).ThenBy(r => r.Sale.Id),
            (nameof(SaleRow.Source), true) => rows.OrderByDescending(r => r.Sale.Source).ThenByDescending(r => r.Sale.StoreOrderNumber).ThenByDescending(r => r.Sale.Id),
            (nameof(SaleRow.SaleDate), false) => rows.OrderBy(r => r.Sale.SaleDate).ThenBy(r => r.Sale.Id),
            _ => rows.OrderByDescending(r => r.Sale.SaleDate).ThenByDescending(r => r.Sale.Id),
        };
        var page = await ordered.Skip(request.Skip).Take(request.Take)
            .Select(r => new SaleRow(
                r.Sale.Id, r.Sale.InvoiceNumber ?? "#" + r.Sale.Id, r.Sale.Reference, r.Customer, r.Sale.SaleDate, r.Sale.Status,
                r.Sale.InvoiceStatus, r.Sale.Total, r.Sale.AmountPaid, r.Sale.Source, r.Sale.StoreId, r.Sale.StoreOrderNumber))
            .ToListAsync(ct);
        return new Page(page, total);
    }

    private static IQueryable<Sale> Filter(IQueryable<Sale> sales, SalesFilter filter) => filter switch
    {
        SalesFilter.Draft => sales.Where(s => s.Status == SaleStatus.Draft),
        SalesFilter.AwaitingPick => sales.Where(s => s.Status == SaleStatus.Ordered),
        SalesFilter.Picked => sales.Where(s => s.Status == SaleStatus.Picked),
        SalesFilter.Packed => sales.Where(s => s.Status == SaleStatus.Packed),
        SalesFilter.Shipped => sales.Where(s => s.Status == SaleStatus.Shipped),
        SalesFilter.Invoiced => sales.Where(s => !s.IsVoided && s.InvoiceStatus == StageStatus.Authorised),
        SalesFilter.Unpaid => sales.Where(s => !s.IsVoided && s.InvoiceStatus == StageStatus.Authorised && s.AmountPaid < s.Total),
        SalesFilter.Paid => sales.Where(s => !s.IsVoided && s.InvoiceStatus == StageStatus.Authorised && s.AmountPaid >= s.Total),
        SalesFilter.Voided => sales.Where(s => s.IsVoided),
        _ => sales,
    };

    /// <summary>A LIKE pattern (escape character '\') matching values that contain the trimmed search text.</summary>
    public static string ContainsPattern(string search) =>
        "%" + search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
