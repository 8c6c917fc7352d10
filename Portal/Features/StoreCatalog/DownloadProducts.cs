using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Conventions;
using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Download;
using Portal.Domain.Integrations;
using Portal.Domain.Stock;
using Portal.Features.Integrations;
using Portal.Features.Stock;
using Portal.WooCommerce;

namespace Portal.Features.StoreCatalog;

/// <summary>
/// Downloads a store's products into the portal (the guide's "Download → Products"): reads the whole catalogue in
/// the fewest requests (product pages of 100, one variations listing per variable product, category pages), plans
/// every item (<see cref="CatalogDownloadPlanner"/>), and — unless it is a dry run — writes the plan 100 store
/// products at a time, each batch in one transaction with its links and opening stock, so a cancelled or failed run
/// leaves whole products behind and the next run carries on from them.
/// </summary>
public sealed class DownloadProducts(IPortalDbContextFactory dbFactory, StoreClients clients, TimeProvider clock)
    : ICatalogOperationHandler
{
    public const int WriteBatch = 100;

    /// <summary>Store products written per transaction: fewer commits and look-ups than one per page, while a run cut
    /// short keeps whole chunks (a run again finds them by their links).</summary>
    public const int WriteChunk = 500;
    public const string OpeningStockReason = "Opening stock from WooCommerce";

    /// <summary>Activities "read", "plan" and "write" (one per chunk): where a download's time goes, for tracing and
    /// the catalog-download benchmark.</summary>
    public static readonly ActivitySource Telemetry = new("Portal.CatalogDownload");

    public CatalogOperationKind Kind => CatalogOperationKind.DownloadProducts;

    /// <summary>Store products a chunk (<see cref="WriteChunk"/>; tests make it small to write many chunks while reading).</summary>
    public int ChunkSize { get; init; } = WriteChunk;

    public async Task<string> RunAsync(CatalogOperationRun run, CancellationToken ct)
    {
        ConnectedStore store;
        await using (var db = dbFactory.CreateForOrganization(run.OrganizationId))
        {
            store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == run.StoreId, ct);
        }

        var settings = StoreSettings.FromJson(store.SettingsJson);
        var client = clients.For(store);

        await run.ProgressAsync("Reading categories", 0, 0, ct);
        var categories = await ReadCategoriesAsync(client, ct);

        var planning = CatalogDownloadPlanner.Start(await SnapshotAsync(run.OrganizationId, run.StoreId, ct));
        if (run.Operation.DryRun)
        {
            await foreach (var item in client.ReadCatalogAsync(ct: ct))
            {
                planning.Add(StoreProductReading.From(item, categories));
                if (planning.Count % WriteBatch == 0 && await run.ProgressAsync("Reading products", planning.Count, 0, ct))
                {
                    throw new CatalogOperationCancelledException(null);
                }
            }

            return DownloadReport.From(planning.Plan(), dryRun: true, new HashSet<(long, long)>(), []).ToJson();
        }

        using var writer = new ChunkWriter(this, run, await WriteContextAsync(run.OrganizationId, settings, ct), ct);
        await writer.RunAsync(client, categories, planning);
        var plan = planning.Plan();
        await run.ProgressAsync("Done", plan.Products.Count, plan.Products.Count, ct);
        return DownloadReport.From(plan, dryRun: false, writer.Unchanged, writer.Context.Notes).ToJson();
    }

    /// <summary>
    /// Writes chunks of planned products while the store is still being read: the reader plans each product as it
    /// arrives and hands over every <see cref="WriteChunk"/>; one writer saves them in order, one transaction a chunk.
    /// Only the writer touches the operation's row (progress and the user's cancel request), between its
    /// transactions, so the two never wait for each other's database lock. A failed write stops the reading; a
    /// failed read or a cancel stops the writing after the chunk it is saving, so whole chunks stay behind and a run
    /// again carries on from their links.
    /// </summary>
    private sealed class ChunkWriter(DownloadProducts handler, CatalogOperationRun run, WriteContext context, CancellationToken ct)
        : IDisposable
    {
        private readonly Channel<PlannedProduct[]> _chunks = Channel.CreateBounded<PlannedProduct[]>(
            new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        private readonly CancellationTokenSource _stopReading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        private readonly List<PlannedProduct> _written = [];
        private int _read;
        private volatile bool _stopWriting;
        private bool _cancelled;

        public WriteContext Context => context;

        public HashSet<(long, long)> Unchanged { get; } = [];

        public void Dispose() => _stopReading.Dispose();

        public async Task RunAsync(WooClient client, IReadOnlyDictionary<long, (string Name, long Parent)> categories,
            CatalogDownloadPlanning planning)
        {
            var writing = WriteAllAsync();
            ExceptionDispatchInfo? readFailure = null;
            try
            {
                using (Telemetry.StartActivity("read"))
                {
                    var pending = new List<PlannedProduct>(handler.ChunkSize);
                    await foreach (var item in client.ReadCatalogAsync(ct: _stopReading.Token))
                    {
                        pending.Add(planning.Add(StoreProductReading.From(item, categories)));
                        Interlocked.Increment(ref _read);
                        if (pending.Count == handler.ChunkSize)
                        {
                            await _chunks.Writer.WriteAsync([.. pending], _stopReading.Token);
                            pending.Clear();
                        }
                    }

                    if (pending.Count > 0)
                    {
                        await _chunks.Writer.WriteAsync([.. pending], _stopReading.Token);
                    }
                }
            }
            catch (OperationCanceledException) when (_stopReading.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                // The writer stopped the reading: it failed (its exception follows) or the user cancelled.
            }
            catch (Exception e)
            {
                readFailure = ExceptionDispatchInfo.Capture(e);
                _stopWriting = true;
            }

            _chunks.Writer.Complete();
            await writing;
            readFailure?.Throw();
            if (_cancelled)
            {
                var done = new CatalogDownloadPlan { Products = _written, Duplicates = planning.Plan().Duplicates };
                throw new CatalogOperationCancelledException(DownloadReport.From(done, false, Unchanged, context.Notes).ToJson());
            }
        }

        private async Task WriteAllAsync()
        {
            try
            {
                await foreach (var chunk in _chunks.Reader.ReadAllAsync(CancellationToken.None))
                {
                    if (_stopWriting || _cancelled)
                    {
                        continue;
                    }

                    if (await run.ProgressAsync("Downloading products", _written.Count, Volatile.Read(ref _read), ct))
                    {
                        _cancelled = true;
                        await _stopReading.CancelAsync();
                        continue;
                    }

                    await handler.WriteAsync(run.OrganizationId, run.StoreId, chunk, context, Unchanged, ct);
                    _written.AddRange(chunk);
                }
            }
            catch
            {
                await _stopReading.CancelAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Downloads a few store products with the same rules as a full download (an order's product missing in the
    /// portal): planned against the whole portal catalog, written in one batch with links and opening stock.
    /// </summary>
    public async Task DownloadItemsAsync(ConnectedStore store, IReadOnlyList<WooCatalogItem> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (items.Count == 0)
        {
            return;
        }

        var categories = await ReadCategoriesAsync(clients.For(store), ct);
        var products = items.Select(i => StoreProductReading.From(i, categories)).ToList();
        var plan = CatalogDownloadPlanner.Plan(products, await SnapshotAsync(store.OrganizationId, store.Id, ct));
        var context = await WriteContextAsync(store.OrganizationId, StoreSettings.FromJson(store.SettingsJson), ct);
        foreach (var batch in plan.Products.Chunk(WriteBatch))
        {
            await WriteAsync(store.OrganizationId, store.Id, batch, context, [], ct);
        }
    }

    private static async Task<Dictionary<long, (string Name, long Parent)>> ReadCategoriesAsync(WooClient client, CancellationToken ct)
    {
        var categories = new Dictionary<long, (string Name, long Parent)>();
        await foreach (var category in client.IterateCategoriesAsync(ct))
        {
            categories[category.Id] = (category.Name ?? "", category.Parent ?? 0);
        }

        return categories;
    }

    private async Task<PortalCatalogSnapshot> SnapshotAsync(int organizationId, int storeId, CancellationToken ct)
    {
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var links = await db.StoreProductLinks.AsNoTracking()
            .Where(l => l.StoreId == storeId && l.ProductId != null)
            .Select(l => new { l.WooProductId, l.WooVariationId, ProductId = l.ProductId!.Value })
            .ToListAsync(ct);
        var products = await db.Products.AsNoTracking()
            .Select(p => new { p.Id, p.Sku, p.Name, p.FamilyId })
            .ToListAsync(ct);
        var families = await db.ProductFamilies.AsNoTracking()
            .Select(f => new { f.Id, f.Name, f.Option1Name, f.Option2Name, f.Option3Name })
            .ToListAsync(ct);
        var familyOf = products.Where(p => p.FamilyId != null).ToDictionary(p => p.Id, p => p.FamilyId!.Value);
        var linkedWooProducts = links
            .Where(l => familyOf.ContainsKey(l.ProductId))
            .GroupBy(l => familyOf[l.ProductId])
            .ToDictionary(g => g.Key, g => (IReadOnlySet<long>)g.Select(l => l.WooProductId).ToHashSet());
        return new PortalCatalogSnapshot
        {
            Links = links.GroupBy(l => (l.WooProductId, l.WooVariationId)).ToDictionary(g => g.Key, g => g.First().ProductId),
            ProductsBySku = products.GroupBy(p => CatalogDownloadPlanner.SkuKey(p.Sku)).ToDictionary(g => g.Key, g => g.First().Id),
            ProductNames = products.Select(p => CaseInsensitiveKey.Normalize(p.Name)).ToHashSet(),
            FamilyOfProduct = familyOf,
            FamiliesByName = families.ToDictionary(
                f => CaseInsensitiveKey.Normalize(f.Name),
                f => new ExistingFamily(f.Id, f.Name, new[] { f.Option1Name, f.Option2Name, f.Option3Name }.Count(n => n != null),
                    linkedWooProducts.GetValueOrDefault(f.Id) ?? new HashSet<long>())),
        };
    }

    private sealed record WriteContext(
        DownloadSettings Settings, int? TaxFreeRuleId, IReadOnlyList<(string, int?)> TaxRates, int? DefaultTaxRuleId,
        int? LocationId, List<string> Notes);

    private async Task<WriteContext> WriteContextAsync(int organizationId, StoreSettings settings, CancellationToken ct)
    {
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var notes = new List<string>();
        var locationId = settings.LocationId
                         ?? await db.Locations.Where(l => l.IsDefault).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct);
        if (locationId is null)
        {
            notes.Add("No location is set for the store and the organization has no default location: opening stock was not recorded.");
        }

        var defaultTaxRule = await db.SalesSettings.Select(s => s.DefaultSaleTaxRuleId).FirstOrDefaultAsync(ct);
        return new WriteContext(
            new DownloadSettings(StoreSettings.TierOf(settings.RegularPriceTier), StoreSettings.TierOf(settings.SalePriceTier),
                settings.WooCommerceIsMasterForCategoriesAndDescriptions),
            settings.TaxFreeRuleId,
            settings.TaxRates.Select(r => (r.TaxClass, r.TaxRuleId)).ToList(),
            defaultTaxRule,
            locationId,
            notes);
    }

    private async Task WriteAsync(int organizationId, int storeId, PlannedProduct[] batch, WriteContext context,
        HashSet<(long, long)> unchanged, CancellationToken ct)
    {
        using var activity = Telemetry.StartActivity("write");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = dbFactory.CreateForOrganization(organizationId);
        // Thousands of entities are added here: changes are detected once before each save, not on every add.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var categories = await db.Categories.ToDictionaryAsync(c => CaseInsensitiveKey.Normalize(c.Name), ct);
        Category? CategoryFor(string? name)
        {
            if (name is null)
            {
                return null;
            }

            var key = CaseInsensitiveKey.Normalize(Names(name));
            if (!categories.TryGetValue(key, out var category))
            {
                category = Category.Create(organizationId, Names(name));
                db.Categories.Add(category);
                categories[key] = category;
            }

            return category;
        }

        var productIds = batch.SelectMany(p => p.Items).Where(i => i.ProductId != null).Select(i => i.ProductId!.Value).ToList();
        var familyIds = batch.Select(p => p.Family?.FamilyId).OfType<int>().ToList();
        var families = await db.ProductFamilies.Include(f => f.Variants)
            .Where(f => familyIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        var existing = await db.Products.Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);

        var created = new List<(Product Product, PlannedItem Item, ItemFields Fields)>();
        var linksToAdd = new List<(Product Product, PlannedItem Item)>();
        foreach (var planned in batch)
        {
            var source = planned.Source;
            var category = CategoryFor(source.RootCategory);
            ProductFamily? family = null;
            if (planned.Family is { } plannedFamily)
            {
                family = plannedFamily.FamilyId is { } familyId
                    ? families[familyId]
                    : ProductFamily.CreateFromStore(organizationId, plannedFamily.Name, plannedFamily.OptionNames);
                if (plannedFamily.FamilyId is null)
                {
                    db.ProductFamilies.Add(family);
                }
                else if (family.OptionNames.Count == plannedFamily.OptionNames.Count &&
                         !family.OptionNames.SequenceEqual(plannedFamily.OptionNames))
                {
                    family.SetOptionNames(plannedFamily.OptionNames);
                }
            }

            foreach (var item in planned.Items.Where(i => i.Action != PlannedAction.Skip))
            {
                var fields = source.IsVariable
                    ? ItemFields.ForVariation(source, source.Variations.Single(v => v.WooVariationId == item.WooVariationId))
                    : ItemFields.ForSimple(source);
                var taxRule = StoreTaxRules.SaleTaxRule(fields.Values.TaxStatus, fields.Values.TaxClass, context.TaxFreeRuleId,
                    context.TaxRates, context.DefaultTaxRuleId);
                if (item.Action == PlannedAction.Create)
                {
                    var product = family is null
                        ? Product.Create(organizationId, item.Sku, item.Name)
                        : family.AddVariant(item.Sku, item.OptionValues, item.Name);
                    DownloadedFields.Apply(product, fields, category, taxRule, context.Settings, created: true);
                    db.Products.Add(product);
                    created.Add((product, item, fields));
                    linksToAdd.Add((product, item));
                    continue;
                }

                var linked = existing[item.ProductId!.Value];
                var changed = DownloadedFields.Apply(linked, fields, category, taxRule, context.Settings, created: false);
                if (family is not null && linked.FamilyId == family.Id && family.Id > 0 &&
                    family.OptionNames.Count == item.OptionValues.Count &&
                    !new[] { linked.Option1Value, linked.Option2Value, linked.Option3Value }.OfType<string>()
                        .SequenceEqual(item.OptionValues))
                {
                    family.ChangeVariantValues(linked, item.OptionValues);
                    changed = true;
                }

                if (item.MatchedBySku)
                {
                    linksToAdd.Add((linked, item));
                    changed = true;
                }

                if (!changed)
                {
                    unchanged.Add((item.WooProductId, item.WooVariationId));
                }
            }
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);

        foreach (var (product, item) in linksToAdd)
        {
            db.StoreProductLinks.Add(new StoreProductLink
            {
                OrganizationId = organizationId,
                StoreId = storeId,
                WooProductId = item.WooProductId,
                WooVariationId = item.WooVariationId,
                Sku = item.Sku ?? "",
                ProductId = product.Id,
                LinkedAtUtc = now,
            });
        }

        if (context.LocationId is { } locationId)
        {
            var ledger = new StockLedger(organizationId, now, [], []);
            foreach (var (product, _, fields) in created)
            {
                if (DownloadedFields.OpeningStock(fields) is { } quantity)
                {
                    ledger.Adjust(product.Id, locationId, quantity, OpeningStockReason);
                }
            }

            LedgerLoading.Stage(db, ledger);
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static string Names(string name) => name.Trim().Length > 100 ? name.Trim()[..100] : name.Trim();
}
