using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain;
using Portal.Domain.Catalog;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using Portal.Features.Stock;
using Portal.WooCommerce;

namespace Portal.Features.StoreCatalog;

public enum BulkListingAction
{
    /// <summary>Create what is not listed, update what is.</summary>
    List = 1,
    /// <summary>Move the store products to the trash and forget the links.</summary>
    Unlist = 2,
    /// <summary>Forget the links; the store products stay.</summary>
    Unlink = 3,
}

/// <summary>The Use Buffer Inventory menu of a bulk listing.</summary>
public enum BulkBufferChoice
{
    /// <summary>Don't update existing: each product keeps the buffer it has.</summary>
    KeepExisting = 0,
    /// <summary>Turn the product-level buffer on with <see cref="BulkListingRequest.BufferValue"/>.</summary>
    SetProductLevel = 1,
    /// <summary>Remove the product-level buffer: the store's buffer applies again.</summary>
    RemoveProductLevel = 2,
}

/// <summary>What a bulk listing acts on and does; kept as the operation's request.</summary>
public sealed record BulkListingRequest
{
    public CatalogFilter Filter { get; init; } = new();
    public BulkListingAction Action { get; init; } = BulkListingAction.List;
    public BulkBufferChoice Buffer { get; init; }
    public int? BufferValue { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static BulkListingRequest? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<BulkListingRequest>(json);

    /// <summary>Why the request cannot run on a store with these settings, or null when it can.</summary>
    public string? Problem(int storeId, StoreSettings settings)
    {
        if (!Enum.IsDefined(Action))
        {
            return "Choose what to do with the matching products: List, Unlist or Unlink.";
        }

        if (Filter.ListedInStoreId == storeId)
        {
            return "\"Listed in\" must be another store than this one.";
        }

        if (Action != BulkListingAction.List || Buffer == BulkBufferChoice.KeepExisting)
        {
            return null;
        }

        if (!settings.Buffer.BufferApplies)
        {
            return "Turn on Update Stock Levels and Use Buffer Inventory in the store's settings to change product buffers.";
        }

        return Buffer == BulkBufferChoice.SetProductLevel && BufferValue is null or < 0
            ? "The product level buffer is a whole number of units, 0 or more."
            : null;
    }
}

public sealed record BulkListingFailure(string Sku, string Name, string Reason);

/// <summary>What a bulk listing did. <see cref="Failures"/> holds at most <see cref="BulkListing.MaxFailureLines"/>
/// lines; <see cref="FailedCount"/> counts them all.</summary>
public sealed record BulkListingReport(
    BulkListingAction Action, int Matched, int Created, int Updated, int Unlisted, int Unlinked, int BuffersChanged,
    int FailedCount, IReadOnlyList<BulkListingFailure> Failures)
{
    public static BulkListingReport? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<BulkListingReport>(json);
}

/// <summary>
/// Bulk listing: List, Unlist or Unlink every stock product the filter matches, with the Use Buffer Inventory menu.
/// Listing sends 100 items a request — simple products and families' variable products through
/// <c>products/batch</c>, variants through <c>products/{parent}/variations/batch</c> — with the same fields as the
/// product dialog (brand never). A variant brings its whole family, as in the dialog. A batch answers 200 with
/// per-item errors: every item is checked, a failure is listed and the run goes on. Links are saved after each
/// request, so a run cut short keeps what the store accepted, and a run again finds a product the store already has
/// (a create refused for its duplicate SKU) by its SKU and links it instead of creating it twice.
/// </summary>
public sealed class BulkListing(IPortalDbContextFactory dbFactory, StoreClients clients, AvailabilityQuery availability,
    TimeProvider clock) : ICatalogOperationHandler
{
    public const int PerRequest = 100;
    public const int MaxFailureLines = 2000;

    public CatalogOperationKind Kind => CatalogOperationKind.BulkListing;

    public async Task<string> RunAsync(CatalogOperationRun run, CancellationToken ct)
    {
        var request = BulkListingRequest.FromJson(run.Operation.RequestJson)
                      ?? throw new DomainException("The bulk listing has no request.");
        await using var db = dbFactory.CreateForOrganization(run.OrganizationId);
        var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == run.StoreId, ct)
                    ?? throw new DomainException("This store does not exist in your organization.");
        var settings = StoreSettings.FromJson(store.SettingsJson);
        if (request.Problem(store.Id, settings) is { } problem)
        {
            throw new DomainException(problem);
        }

        var ids = await request.Filter.Apply(db, store.Id).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var state = new RunState(request.Action, ids.Count);
        switch (request.Action)
        {
            case BulkListingAction.Unlink:
                await UnlinkAsync(db, run, ids, state, ct);
                break;
            case BulkListingAction.Unlist:
                await UnlistAsync(db, run, store, ids, state, ct);
                break;
            default:
                await ListAsync(db, run, store, settings, request, ids, state, ct);
                break;
        }

        return state.ToJson();
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Counts as it goes; the report of a cancelled run says what was done before it stopped.</summary>
    private sealed class RunState(BulkListingAction action, int matched)
    {
        public int Done;
        public int Created;
        public int Updated;
        public int Unlisted;
        public int Unlinked;
        public int BuffersChanged;
        public int FailedCount;
        public readonly List<BulkListingFailure> Failures = [];

        public void Fail(Product product, string reason) => Fail(product.Sku, product.Name, reason);

        public void Fail(string sku, string name, string reason)
        {
            FailedCount++;
            if (Failures.Count < MaxFailureLines)
            {
                Failures.Add(new BulkListingFailure(sku, name, reason));
            }
        }

        public string ToJson() => JsonSerializer.Serialize(new BulkListingReport(action, matched, Created, Updated, Unlisted,
            Unlinked, BuffersChanged, FailedCount, Failures));
    }

    private static async Task ProgressAsync(CatalogOperationRun run, string phase, RunState state, int total, CancellationToken ct)
    {
        if (await run.ProgressAsync(phase, state.Done, total, ct))
        {
            throw new CatalogOperationCancelledException(state.ToJson());
        }
    }

    private static async Task UnlinkAsync(PortalDbContext db, CatalogOperationRun run, List<int> ids, RunState state, CancellationToken ct)
    {
        foreach (var chunk in ids.Chunk(500))
        {
            await ProgressAsync(run, "Unlinking", state, ids.Count, ct);
            var links = await db.StoreProductLinks
                .Where(l => l.StoreId == run.StoreId && l.ProductId != null && chunk.Contains(l.ProductId!.Value)).ToListAsync(ct);
            db.StoreProductLinks.RemoveRange(links);
            await db.SaveChangesAsync(ct);
            state.Unlinked += links.Count;
            state.Done += chunk.Length;
        }
    }

    /// <summary>
    /// Trashes the store products and forgets the links. WooCommerce's batch delete is permanent and a variation has no
    /// trash, so: a simple product, or a family whose every linked variant is matched, goes to the trash one request
    /// each (the parent takes its variations with it); the variations of a family only partly matched are deleted
    /// through the family's variations batch. A product already gone from the store is simply unlinked.
    /// </summary>
    private async Task UnlistAsync(PortalDbContext db, CatalogOperationRun run, ConnectedStore store, List<int> ids, RunState state,
        CancellationToken ct)
    {
        var client = clients.For(store);
        var matched = ids.ToHashSet();
        var links = await db.StoreProductLinks.Where(l => l.StoreId == store.Id && l.ProductId != null).ToListAsync(ct);
        var names = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var selected = links.Where(l => matched.Contains(l.ProductId!.Value)).ToList();
        state.Done = ids.Count - selected.Count;
        var byParent = links.Where(l => l.WooVariationId != 0).ToLookup(l => l.WooProductId);

        foreach (var link in selected.Where(l => l.WooVariationId == 0))
        {
            await ProgressAsync(run, "Removing from WooCommerce", state, ids.Count, ct);
            if (await TrashAsync(client, link.WooProductId, ct) is { } refused)
            {
                state.Fail(link.Sku, names.GetValueOrDefault(link.ProductId!.Value, ""), refused);
            }
            else
            {
                db.StoreProductLinks.Remove(link);
                state.Unlisted++;
                await db.SaveChangesAsync(ct);
            }

            state.Done++;
        }

        foreach (var family in selected.Where(l => l.WooVariationId != 0).GroupBy(l => l.WooProductId))
        {
            await ProgressAsync(run, "Removing from WooCommerce", state, ids.Count, ct);
            var chosen = family.ToList();
            if (byParent[family.Key].All(l => matched.Contains(l.ProductId!.Value)))
            {
                if (await TrashAsync(client, family.Key, ct) is { } refused)
                {
                    foreach (var link in chosen)
                    {
                        state.Fail(link.Sku, names.GetValueOrDefault(link.ProductId!.Value, ""), refused);
                    }
                }
                else
                {
                    db.StoreProductLinks.RemoveRange(chosen);
                    state.Unlisted += chosen.Count;
                }
            }
            else
            {
                foreach (var part in chosen.Chunk(PerRequest))
                {
                    await DeleteVariationsAsync(db, client, family.Key, part, names, state, ct);
                }
            }

            await db.SaveChangesAsync(ct);
            state.Done += chosen.Count;
        }

        await ProgressAsync(run, "Removing from WooCommerce", state, ids.Count, ct);
    }

    /// <summary>Moves the store product to the trash; null when done (or already gone), else why not.</summary>
    /// <summary>One <c>products/batch</c> request creating and updating store products (simple ones or parents).</summary>
    private static Task<WooBatchAnswers<WooProduct>> SendProductBatchAsync(WooClient client, IEnumerable<WooProduct> create,
        IEnumerable<WooProduct> update, Func<WooProduct, string?> createKey, CancellationToken ct) =>
        client.SendProductsAsync(new WooBatch<WooProduct> { Create = create.ToList(), Update = update.ToList() }, createKey, ct);

    private static async Task<string?> TrashAsync(WooClient client, long wooProductId, CancellationToken ct)
    {
        try
        {
            await client.DeleteProductAsync(wooProductId, force: false, ct);
            return null;
        }
        catch (WooApiException gone) when (gone.StatusCode is 404 or 410 || gone.WooCode?.EndsWith("_invalid_id", StringComparison.Ordinal) == true)
        {
            return null;
        }
        catch (WooApiException failed)
        {
            return failed.Message;
        }
    }

    private static async Task DeleteVariationsAsync(PortalDbContext db, WooClient client, long parentId, StoreProductLink[] part,
        Dictionary<int, string> names, RunState state, CancellationToken ct)
    {
        WooBatchAnswers<WooVariation> result;
        try
        {
            result = await client.SendVariationsAsync(parentId, new WooBatch<WooVariation> { Delete = part.Select(l => l.WooVariationId).ToList() }, ct);
        }
        catch (WooApiException failed)
        {
            foreach (var link in part)
            {
                state.Fail(link.Sku, names.GetValueOrDefault(link.ProductId!.Value, ""), failed.Message);
            }

            return;
        }

        foreach (var (link, answer) in part.Zip(result.Deleted))
        {
            if (answer.Error is { } error && !error.IsGone())
            {
                state.Fail(link.Sku, names.GetValueOrDefault(link.ProductId!.Value, ""), error.Message ?? error.Code ?? "refused");
                continue;
            }

            if (answer.Unanswered)
            {
                state.Fail(link.Sku, names.GetValueOrDefault(link.ProductId!.Value, ""),
                    "The store did not confirm the removal; run it again (what the store no longer has is skipped).");
                continue;
            }

            db.StoreProductLinks.Remove(link);
            state.Unlisted++;
        }
    }

    private async Task ListAsync(PortalDbContext db, CatalogOperationRun run, ConnectedStore store, StoreSettings settings,
        BulkListingRequest request, List<int> ids, RunState state, CancellationToken ct)
    {
        var client = clients.For(store);
        var terms = new StoreTerms(client);
        var tenant = FixedTenant.For(run.OrganizationId);
        var matched = ids.ToHashSet();

        // A variant brings its whole family, as listing one from the dialog does.
        var familyIds = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id) && p.FamilyId != null)
            .Select(p => p.FamilyId!.Value).Distinct().ToListAsync(ct);
        var simpleIds = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id) && p.FamilyId == null)
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var variantCount = await db.Products.CountAsync(p => p.FamilyId != null && familyIds.Contains(p.FamilyId!.Value) &&
                                                            p.Type == ProductType.Stock, ct);
        var total = simpleIds.Count + variantCount;

        foreach (var chunk in simpleIds.Chunk(PerRequest))
        {
            await ProgressAsync(run, "Listing products", state, total, ct);
            var products = await db.Products.Include(p => p.Category).Where(p => chunk.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(ct);
            var links = await LinksAsync(db, store.Id, chunk, ct);
            ApplyBuffer(request, links.Values, state);
            var quantities = await QuantitiesAsync(tenant, settings, products, links, request, ct);
            await ListSimpleAsync(db, client, terms, store, settings, products, links, quantities, request, state, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            state.Done += chunk.Length;
        }

        foreach (var chunk in familyIds.Chunk(PerRequest))
        {
            await ProgressAsync(run, "Listing families", state, total, ct);
            var families = await db.ProductFamilies.Include(f => f.Variants).ThenInclude(v => v.Category)
                .Where(f => chunk.Contains(f.Id)).OrderBy(f => f.Id).ToListAsync(ct);
            var variants = families.SelectMany(f => f.Variants).Where(v => v.Type == ProductType.Stock).ToList();
            var links = await LinksAsync(db, store.Id, variants.Select(v => v.Id).ToList(), ct);
            ApplyBuffer(request, links.Values.Where(l => matched.Contains(l.ProductId!.Value)), state);
            var quantities = await QuantitiesAsync(tenant, settings, variants, links, request, ct);
            await ListFamiliesAsync(db, client, terms, store, settings, families, links, quantities, request, matched, state, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            state.Done += variants.Count;
        }

        await ProgressAsync(run, "Listing done", state, total, ct);
    }

    private static async Task<Dictionary<int, StoreProductLink>> LinksAsync(PortalDbContext db, int storeId, IReadOnlyCollection<int> productIds,
        CancellationToken ct) =>
        await db.StoreProductLinks.Where(l => l.StoreId == storeId && l.ProductId != null && productIds.Contains(l.ProductId!.Value))
            .ToDictionaryAsync(l => l.ProductId!.Value, ct);

    private static void ApplyBuffer(BulkListingRequest request, IEnumerable<StoreProductLink> links, RunState state)
    {
        if (request.Buffer == BulkBufferChoice.KeepExisting)
        {
            return;
        }

        var value = request.Buffer == BulkBufferChoice.SetProductLevel ? request.BufferValue : null;
        foreach (var link in links.Where(l => l.ProductBuffer != value))
        {
            link.SetProductBuffer(value);
            state.BuffersChanged++;
        }
    }

    /// <summary>The sync quantity of each product: a product not linked yet starts with the menu's product buffer, so its
    /// first stock level in the store already holds that buffer back.</summary>
    private async Task<Dictionary<int, int>> QuantitiesAsync(ITenantContext tenant, StoreSettings settings, IReadOnlyList<Product> products,
        Dictionary<int, StoreProductLink> links, BulkListingRequest request, CancellationToken ct)
    {
        var stock = await CatalogStock.ForAsync(availability, tenant, settings, products.Select(p => p.Id).ToList(), ct);
        return products.ToDictionary(p => p.Id, p =>
            stock(p.Id, links.TryGetValue(p.Id, out var link) ? link.ProductBuffer : NewLinkBuffer(request)).SyncQuantity);
    }

    /// <summary>The product buffer a new link starts with: the menu's value, else none.</summary>
    private static int? NewLinkBuffer(BulkListingRequest request) =>
        request.Buffer == BulkBufferChoice.SetProductLevel ? request.BufferValue : null;

    private StoreProductLink AddLink(PortalDbContext db, ConnectedStore store, Product product, long wooProductId, long wooVariationId,
        BulkListingRequest request, RunState state)
    {
        var link = new StoreProductLink
        {
            OrganizationId = store.OrganizationId,
            StoreId = store.Id,
            WooProductId = wooProductId,
            WooVariationId = wooVariationId,
            Sku = product.Sku,
            ProductId = product.Id,
            LinkedAtUtc = Now,
        };
        if (NewLinkBuffer(request) is { } buffer)
        {
            link.SetProductBuffer(buffer);
            state.BuffersChanged++;
        }

        db.StoreProductLinks.Add(link);
        return link;
    }

    private async Task ListSimpleAsync(PortalDbContext db, WooClient client, StoreTerms terms, ConnectedStore store, StoreSettings settings,
        List<Product> products, Dictionary<int, StoreProductLink> links, Dictionary<int, int> quantities, BulkListingRequest request,
        RunState state, CancellationToken ct)
    {
        var master = settings.WooCommerceIsMasterForCategoriesAndDescriptions;
        var toCreate = new List<(Product Product, WooProduct Body)>();
        var toUpdate = new List<(Product Product, WooProduct Body)>();
        foreach (var product in products)
        {
            var quantity = quantities[product.Id];
            var categories = master ? null : await terms.CategoryAsync(product.Category?.Name, ct);
            var tags = await terms.TagsAsync(product.Tags, ct);
            if (links.TryGetValue(product.Id, out var link))
            {
                toUpdate.Add((product, ListingFields.Simple(product, settings, quantity, categories, tags) with { Id = link.WooProductId }));
            }
            else
            {
                toCreate.Add((product, ListingFields.NewSimple(product, settings, quantity, categories, tags)));
            }
        }

        WooBatchAnswers<WooProduct> result;
        try
        {
            result = await SendProductBatchAsync(client, toCreate.Select(c => c.Body), toUpdate.Select(u => u.Body), p => p.Sku, ct);
        }
        catch (WooApiException failed)
        {
            foreach (var product in products)
            {
                state.Fail(product, Unanswered(failed));
            }

            return;
        }

        foreach (var ((product, body), answer) in toCreate.Zip(result.Created))
        {
            if (answer.Answer is { } created)
            {
                AddLink(db, store, product, created.Id, 0, request, state).RecordPush(quantities[product.Id], Now);
                state.Created++;
            }
            else if (answer.Error?.Code != "product_invalid_sku" || !await AdoptBySkuAsync(db, client, store, product, body, request, state, ct))
            {
                state.Fail(product, Reason(answer.Error));
            }
        }

        foreach (var ((product, _), answer) in toUpdate.Zip(result.Updated))
        {
            var link = links[product.Id];
            if (answer.Error is { } error)
            {
                if (error.IsGone())
                {
                    link.MissingSinceUtc ??= Now;
                    state.Fail(product, "The product is no longer in the store (deleted there); unlink it or list it again after unlinking.");
                }
                else
                {
                    state.Fail(product, Reason(error));
                }

                continue;
            }

            if (answer.Unanswered)
            {
                state.Fail(product, Reason(null));
                continue;
            }

            link.MissingSinceUtc = null;
            link.RecordPush(quantities[product.Id], Now);
            state.Updated++;
        }
    }

    /// <summary>
    /// The store refused a create for its duplicate SKU: a product with that SKU is already there (created by an earlier
    /// run the portal did not hear back from, or by the merchant). A simple product with the same SKU is linked and
    /// updated instead of failing; anything else stays a failure.
    /// </summary>
    private async Task<bool> AdoptBySkuAsync(PortalDbContext db, WooClient client, ConnectedStore store, Product product, WooProduct body,
        BulkListingRequest request, RunState state, CancellationToken ct)
    {
        try
        {
            var existing = await client.FindProductBySkuAsync(product.Sku, ct);
            if (existing is not { Type: "simple" } || await db.StoreProductLinks.AnyAsync(l => l.StoreId == store.Id && l.WooProductId == existing.Id, ct))
            {
                return false;
            }

            await client.UpdateProductAsync(existing.Id, body with { Type = null, Status = null }, ct);
            AddLink(db, store, product, existing.Id, 0, request, state).RecordPush(body.StockQuantity ?? 0, Now);
            state.Updated++;
            return true;
        }
        catch (WooApiException)
        {
            return false;
        }
    }

    private async Task ListFamiliesAsync(PortalDbContext db, WooClient client, StoreTerms terms, ConnectedStore store, StoreSettings settings,
        List<ProductFamily> families, Dictionary<int, StoreProductLink> links, Dictionary<int, int> quantities, BulkListingRequest request,
        HashSet<int> matched, RunState state, CancellationToken ct)
    {
        var master = settings.WooCommerceIsMasterForCategoriesAndDescriptions;
        var parents = new Dictionary<int, long>();
        var toCreate = new List<(ProductFamily Family, WooProduct Body)>();
        var toUpdate = new List<(ProductFamily Family, WooProduct Body)>();
        var variantsOf = families.ToDictionary(f => f.Id, f => f.Variants.Where(v => v.Type == ProductType.Stock).OrderBy(v => v.Id).ToList());
        foreach (var family in families.Where(f => variantsOf[f.Id].Count > 0))
        {
            var variants = variantsOf[family.Id];
            var categories = master ? null : await terms.CategoryAsync(variants[0].Category?.Name, ct);
            var tags = await terms.TagsAsync(variants.SelectMany(v => v.Tags), ct);
            var parentId = variants.Select(v => links.GetValueOrDefault(v.Id)?.WooProductId ?? 0).FirstOrDefault(id => id != 0);
            if (parentId != 0)
            {
                parents[family.Id] = parentId;
                toUpdate.Add((family, ListingFields.Parent(family, variants, settings, categories, tags) with { Id = parentId }));
            }
            else
            {
                toCreate.Add((family, ListingFields.NewParent(family, variants, settings, categories, tags)));
            }
        }

        WooBatchAnswers<WooProduct> result;
        try
        {
            // The store answers a parent's name HTML-escaped.
            result = await SendProductBatchAsync(client, toCreate.Select(c => c.Body), toUpdate.Select(u => u.Body),
                p => p.Name is null ? null : System.Net.WebUtility.HtmlDecode(p.Name), ct);
        }
        catch (WooApiException failed)
        {
            foreach (var variant in variantsOf.Values.SelectMany(v => v))
            {
                state.Fail(variant, Unanswered(failed));
            }

            return;
        }

        foreach (var ((family, _), answer) in toCreate.Zip(result.Created))
        {
            if (answer.Answer is { } created)
            {
                parents[family.Id] = created.Id;
                continue;
            }

            var reason = Reason(answer.Error);
            foreach (var variant in variantsOf[family.Id])
            {
                state.Fail(variant, reason);
            }
        }

        foreach (var ((family, _), answer) in toUpdate.Zip(result.Updated))
        {
            if (answer.Error is { } error)
            {
                parents.Remove(family.Id);
                var gone = error.IsGone();
                foreach (var variant in variantsOf[family.Id])
                {
                    if (gone && links.TryGetValue(variant.Id, out var link))
                    {
                        link.MissingSinceUtc ??= Now;
                    }

                    state.Fail(variant, gone ? "The variable product is no longer in the store (deleted there)." : Reason(error));
                }
            }
        }

        foreach (var family in families.Where(f => parents.ContainsKey(f.Id)))
        {
            await ListVariationsAsync(db, client, store, settings, family, parents[family.Id], variantsOf[family.Id], links, quantities,
                request, state, ct);
        }
    }

    private async Task ListVariationsAsync(PortalDbContext db, WooClient client, ConnectedStore store, StoreSettings settings,
        ProductFamily family, long parentId, List<Product> variants, Dictionary<int, StoreProductLink> links, Dictionary<int, int> quantities,
        BulkListingRequest request, RunState state, CancellationToken ct)
    {
        var toCreate = variants.Where(v => !links.ContainsKey(v.Id)).ToList();
        var toUpdate = variants.Where(v => links.ContainsKey(v.Id)).ToList();
        WooBatchAnswers<WooVariation> result;
        try
        {
            result = await client.SendVariationsAsync(parentId, new WooBatch<WooVariation>
            {
                Create = toCreate.Select(v => ListingFields.Variation(v, settings, quantities[v.Id], family)).ToList(),
                Update = toUpdate.Select(v => ListingFields.Variation(v, settings, quantities[v.Id], family) with
                {
                    Id = links[v.Id].WooVariationId,
                }).ToList(),
            }, ct);
        }
        catch (WooApiException failed)
        {
            foreach (var variant in variants)
            {
                state.Fail(variant, Unanswered(failed));
            }

            return;
        }

        foreach (var (variant, answer) in toCreate.Zip(result.Created))
        {
            if (answer.Answer is { } created)
            {
                AddLink(db, store, variant, parentId, created.Id, request, state)
                    .RecordPush(quantities[variant.Id], Now);
                state.Created++;
            }
            else
            {
                state.Fail(variant, Reason(answer.Error));
            }
        }

        foreach (var (variant, answer) in toUpdate.Zip(result.Updated))
        {
            var link = links[variant.Id];
            if (answer.Error is { } error)
            {
                if (error.IsGone())
                {
                    link.MissingSinceUtc ??= Now;
                }

                state.Fail(variant, Reason(error));
                continue;
            }

            if (answer.Unanswered)
            {
                state.Fail(variant, Reason(null));
                continue;
            }

            link.MissingSinceUtc = null;
            link.RecordPush(quantities[variant.Id], Now);
            state.Updated++;
        }
    }

    private static string Reason(WooBatchItemError? error) =>
        error is null
            ? "The store did not confirm this item; run the listing again (what the store already has is found by SKU)."
            : $"{error.Message ?? error.Code ?? "Refused by the store"}{(error.Code is { } code ? $" ({code})" : "")}";

    private static string Unanswered(WooApiException failed) =>
        failed.IsAmbiguous
            ? "The store did not answer this request clearly; run the listing again (what the store already has is found by SKU)."
            : failed.Message;
}

internal static class WooBatchItemErrors
{
    /// <summary>The item is not in the store (any more): WooCommerce answers an unknown id with a <c>…_invalid_id</c>
    /// code, 400 or 404 depending on the route.</summary>
    public static bool IsGone(this WooBatchItemError error) =>
        error.Status is 404 or 410 || error.Code?.EndsWith("_invalid_id", StringComparison.Ordinal) == true;
}
