using System.Text.Json;
using Portal.Domain.Catalog.Download;

namespace Portal.Features.StoreCatalog;

/// <summary>One line of a download's report: what happened (or would happen) to a store item, and why.</summary>
public sealed record DownloadReportLine(string Action, string Item, string? Sku, string? Name, string Reason, string? RenamedFrom = null);

/// <summary>
/// A products download's report, shown by the dry run before anything is written and by the result page after:
/// counts, every skipped and renamed item with the reason, the created and updated ones (the first
/// <see cref="MaxLines"/> of each), and the duplicate SKUs.
/// </summary>
public sealed record DownloadReport
{
    public const int MaxLines = 1000;

    public bool DryRun { get; init; }
    public int Created { get; init; }
    public int Updated { get; init; }
    public int Unchanged { get; init; }
    public int Skipped { get; init; }
    public int FamiliesCreated { get; init; }
    public IReadOnlyList<DownloadReportLine> Renamed { get; init; } = [];
    public IReadOnlyList<DownloadReportLine> SkippedLines { get; init; } = [];
    public IReadOnlyList<DownloadReportLine> CreatedLines { get; init; } = [];
    public IReadOnlyList<DownloadReportLine> UpdatedLines { get; init; } = [];
    public IReadOnlyList<SkuDuplicate> Duplicates { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this);

    public static DownloadReport? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<DownloadReport>(json);

    public static DownloadReport From(CatalogDownloadPlan plan, bool dryRun, IReadOnlySet<(long, long)> unchanged,
        IReadOnlyList<string> notes)
    {
        static DownloadReportLine Line(PlannedItem i, string action) =>
            new(action, i.Describe(), i.Sku, i.Name, i.Reason, i.RenamedFrom);
        var items = plan.Items.ToList();
        var updates = items.Where(i => i.Action == PlannedAction.Update && !unchanged.Contains((i.WooProductId, i.WooVariationId))).ToList();
        return new DownloadReport
        {
            DryRun = dryRun,
            Created = items.Count(i => i.Action == PlannedAction.Create),
            Updated = updates.Count,
            Unchanged = items.Count(i => i.Action == PlannedAction.Update) - updates.Count,
            Skipped = items.Count(i => i.Action == PlannedAction.Skip),
            FamiliesCreated = plan.Products.Count(p => p.Family is { FamilyId: null }),
            Renamed = plan.RenamedFamilies
                .Select(f => new DownloadReportLine("Family", f.RenamedFrom!, null, f.Name, f.Reason, f.RenamedFrom))
                .Concat(plan.Renamed.Select(i => Line(i, "Create"))).ToList(),
            SkippedLines = items.Where(i => i.Action == PlannedAction.Skip).Select(i => Line(i, "Skip")).ToList(),
            CreatedLines = items.Where(i => i.Action == PlannedAction.Create).Take(MaxLines).Select(i => Line(i, "Create")).ToList(),
            UpdatedLines = updates.Take(MaxLines).Select(i => Line(i, "Update")).ToList(),
            Duplicates = plan.Duplicates,
            Notes = notes,
        };
    }
}
