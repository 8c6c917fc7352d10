namespace Portal.Domain.Catalog.Download;

public enum PlannedAction
{
    Create = 1,
    Update = 2,
    Skip = 3,
}

/// <summary>What the portal holds that a download matches against, for one organization and one store.</summary>
public sealed class PortalCatalogSnapshot
{
    /// <summary>This store's links: (WooCommerce product id, variation id or 0) → portal product id.</summary>
    public IReadOnlyDictionary<(long WooProductId, long WooVariationId), int> Links { get; init; } =
        new Dictionary<(long, long), int>();

    /// <summary>Portal products by SKU, keyed by <see cref="CatalogDownloadPlanner.SkuKey"/>.</summary>
    public IReadOnlyDictionary<string, int> ProductsBySku { get; init; } = new Dictionary<string, int>();

    /// <summary>Every product name in the organization, upper-cased (names are unique case-insensitively).</summary>
    public IReadOnlySet<string> ProductNames { get; init; } = new HashSet<string>();

    /// <summary>The family of each variant: product id → family id.</summary>
    public IReadOnlyDictionary<int, int> FamilyOfProduct { get; init; } = new Dictionary<int, int>();

    /// <summary>Families by upper-cased name.</summary>
    public IReadOnlyDictionary<string, ExistingFamily> FamiliesByName { get; init; } = new Dictionary<string, ExistingFamily>();
}

/// <param name="LinkedWooProductIds">The store products (of this store) its variants are linked to.</param>
public sealed record ExistingFamily(int Id, string Name, int OptionCount, IReadOnlySet<long> LinkedWooProductIds);

public sealed record PlannedItem
{
    public long WooProductId { get; init; }
    public long WooVariationId { get; init; }
    public string StoreName { get; init; } = "";
    public string? Sku { get; init; }
    public PlannedAction Action { get; init; }
    /// <summary>Why: how it was matched, or why it is skipped.</summary>
    public string Reason { get; init; } = "";
    public int? ProductId { get; init; }
    /// <summary>The name a created product gets.</summary>
    public string? Name { get; init; }
    /// <summary>The name it would have had, when that was taken.</summary>
    public string? RenamedFrom { get; init; }
    public bool MatchedBySku { get; init; }
    public IReadOnlyList<string> OptionValues { get; init; } = [];

    public string Describe() => WooVariationId == 0
        ? $"{StoreName} (WooCommerce id {WooProductId})"
        : $"{StoreName} (WooCommerce variation {WooVariationId} of {WooProductId})";
}

public sealed record PlannedFamily
{
    public int? FamilyId { get; init; }
    public string Name { get; init; } = "";
    public string? RenamedFrom { get; init; }
    public IReadOnlyList<string> OptionNames { get; init; } = [];
    public string Reason { get; init; } = "";
}

public sealed record PlannedProduct(StoreProductData Source, PlannedFamily? Family, IReadOnlyList<PlannedItem> Items);

/// <param name="Where">"store": several store items share the SKU; "portal": the SKU was already a portal product's.</param>
public sealed record SkuDuplicate(string Sku, string Where, IReadOnlyList<string> Items);

/// <summary>What a download would do (a dry run shows it) and, once applied, what it did.</summary>
public sealed class CatalogDownloadPlan
{
    public required IReadOnlyList<PlannedProduct> Products { get; init; }
    public required IReadOnlyList<SkuDuplicate> Duplicates { get; init; }

    public IEnumerable<PlannedItem> Items => Products.SelectMany(p => p.Items);

    public int Count(PlannedAction action) => Items.Count(i => i.Action == action);

    public IEnumerable<PlannedItem> Renamed => Items.Where(i => i.RenamedFrom is not null);

    public IEnumerable<PlannedFamily> RenamedFamilies =>
        Products.Select(p => p.Family).OfType<PlannedFamily>().Where(f => f.RenamedFrom is not null);
}

/// <summary>
/// Decides, before anything is written, what a download does with each store product and variation, in the guide's
/// order: a family by the store product's title, each variant by its WooCommerce variation id, then by SKU (trimmed,
/// case-insensitive). Items without a SKU are skipped; a name already taken is made unique
/// (<see cref="UniqueNames"/>). A family found by title is used only when it is not already another store product's
/// and has as many options; otherwise a family of its own is created, its name made unique with the SKU.
/// </summary>
public static class CatalogDownloadPlanner
{
    public static string SkuKey(string? sku) => (sku ?? "").Trim().ToUpperInvariant();

    public static CatalogDownloadPlan Plan(IEnumerable<StoreProductData> storeProducts, PortalCatalogSnapshot portal)
    {
        var planning = Start(portal);
        foreach (var product in storeProducts)
        {
            planning.Add(product);
        }

        return planning.Plan();
    }

    /// <summary>Plans store products one at a time as they are read, so a download can write the first ones while it
    /// reads the rest: each decision depends only on the snapshot and the products added before it.</summary>
    public static CatalogDownloadPlanning Start(PortalCatalogSnapshot portal) => new(new PlanState(portal));

    internal sealed class PlanState(PortalCatalogSnapshot portal)
    {
        private readonly HashSet<string> _names = new(portal.ProductNames);
        private readonly HashSet<string> _familyNames = new(portal.FamiliesByName.Keys);
        private readonly Dictionary<string, List<string>> _storeSkus = [];
        private readonly Dictionary<string, List<string>> _portalSkus = [];
        private readonly Dictionary<int, (long, long)> _linkOfProduct = portal.Links
            .GroupBy(l => l.Value).ToDictionary(g => g.Key, g => g.First().Key);
        private readonly HashSet<int> _claimed = [];
        private readonly HashSet<int> _claimedFamilies = [];
        private readonly Dictionary<int, ExistingFamily> _familiesById = portal.FamiliesByName.Values.ToDictionary(f => f.Id);

        public PlannedProduct PlanSimple(StoreProductData product)
        {
            var item = Match(product.WooProductId, 0, product.Name, product.Sku);
            if (item.Action == PlannedAction.Create)
            {
                item = Named(item, product.Name, [], product.WooProductId);
            }

            return new PlannedProduct(product, null, [item]);
        }

        public PlannedProduct PlanVariable(StoreProductData product)
        {
            var optionNames = StoreAttributes.OptionNames(product);
            if (product.Variations.Count == 0 || optionNames.Count == 0)
            {
                var reason = product.Variations.Count == 0 ? "a variable product without variations" : "no attribute is used for variations";
                return new PlannedProduct(product, null,
                [
                    new PlannedItem
                    {
                        WooProductId = product.WooProductId, StoreName = product.Name, Sku = product.Sku,
                        Action = PlannedAction.Skip, Reason = reason,
                    },
                ]);
            }

            var items = product.Variations.Select(v =>
            {
                var values = StoreAttributes.OptionValues(product, v);
                var item = Match(product.WooProductId, v.WooVariationId, StoreVariantNaming.Name(product.Name, values), v.Sku) with
                {
                    OptionValues = values,
                };
                return item.Action == PlannedAction.Create
                    ? Named(item, StoreVariantNaming.Name(product.Name, values), StoreAttributes.RemainingValues(product, v), v.WooVariationId)
                    : item;
            }).ToList();

            var family = items.Any(i => i.Action != PlannedAction.Skip) ? ChooseFamily(product, optionNames, items) : null;
            return new PlannedProduct(product, family, items);
        }

        private PlannedFamily ChooseFamily(StoreProductData product, IReadOnlyList<string> optionNames, List<PlannedItem> items)
        {
            foreach (var item in items.Where(i => i.Action == PlannedAction.Update && !i.MatchedBySku))
            {
                if (portal.FamilyOfProduct.TryGetValue(item.ProductId!.Value, out var linkedFamily))
                {
                    _claimedFamilies.Add(linkedFamily);
                    var existing = _familiesById.GetValueOrDefault(linkedFamily);
                    return new PlannedFamily
                    {
                        FamilyId = linkedFamily, Name = existing?.Name ?? product.Name, OptionNames = optionNames,
                        Reason = "linked to this store product",
                    };
                }
            }

            var title = product.Name.Trim();
            if (portal.FamiliesByName.TryGetValue(title.ToUpperInvariant(), out var byTitle) &&
                byTitle.OptionCount == optionNames.Count &&
                byTitle.LinkedWooProductIds.All(id => id == product.WooProductId) &&
                _claimedFamilies.Add(byTitle.Id))
            {
                return new PlannedFamily
                {
                    FamilyId = byTitle.Id, Name = byTitle.Name, OptionNames = optionNames, Reason = "matched by the product title",
                };
            }

            var sku = product.Sku ?? items.Select(i => i.Sku).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s));
            var (name, renamed) = UniqueNames.Choose(title, [], sku, product.WooProductId, n => _familyNames.Contains(n.ToUpperInvariant()));
            _familyNames.Add(name.ToUpperInvariant());
            return new PlannedFamily
            {
                Name = name, RenamedFrom = renamed ? title : null, OptionNames = optionNames,
                Reason = renamed ? $"the name '{title}' is another family's" : "new family",
            };
        }

        private PlannedItem Match(long wooProductId, long wooVariationId, string storeName, string? sku)
        {
            var item = new PlannedItem
            {
                WooProductId = wooProductId, WooVariationId = wooVariationId, StoreName = storeName, Sku = sku?.Trim(),
            };
            if (string.IsNullOrWhiteSpace(sku))
            {
                return item with { Action = PlannedAction.Skip, Reason = "no SKU in WooCommerce" };
            }

            var key = SkuKey(sku);
            var firstInStore = Remember(_storeSkus, key, item.Describe()) == 1;
            if (portal.Links.TryGetValue((wooProductId, wooVariationId), out var linked) && _claimed.Add(linked))
            {
                return item with { Action = PlannedAction.Update, ProductId = linked, Reason = "linked to this WooCommerce item" };
            }

            if (ProductRules.CheckSku(sku) is { } invalid)
            {
                return item with { Action = PlannedAction.Skip, Reason = invalid.Message };
            }

            if (!firstInStore)
            {
                return item with
                {
                    Action = PlannedAction.Skip,
                    Reason = $"the SKU '{item.Sku}' is also {_storeSkus[key][0]}'s in this store",
                };
            }

            if (portal.ProductsBySku.TryGetValue(key, out var bySku))
            {
                Remember(_portalSkus, key, item.Describe());
                if (_linkOfProduct.TryGetValue(bySku, out var other) && other != (wooProductId, wooVariationId))
                {
                    return item with
                    {
                        Action = PlannedAction.Skip,
                        Reason = $"the SKU '{item.Sku}' is a portal product already linked to WooCommerce item {Describe(other)}",
                    };
                }

                if (!_claimed.Add(bySku))
                {
                    return item with { Action = PlannedAction.Skip, Reason = $"the SKU '{item.Sku}' matched a portal product already matched" };
                }

                return item with
                {
                    Action = PlannedAction.Update, ProductId = bySku, MatchedBySku = true,
                    Reason = "matched a portal product by SKU",
                };
            }

            return item with { Action = PlannedAction.Create, Reason = "new product" };
        }

        private PlannedItem Named(PlannedItem item, string name, IReadOnlyList<string> remainingValues, long wooId)
        {
            var (chosen, renamed) = UniqueNames.Choose(name, remainingValues, item.Sku, wooId, n => _names.Contains(n.ToUpperInvariant()));
            _names.Add(chosen.ToUpperInvariant());
            return item with
            {
                Name = chosen,
                RenamedFrom = renamed ? name.Trim() : null,
                Reason = renamed ? $"new product; the name '{name.Trim()}' was taken" : item.Reason,
            };
        }

        public IReadOnlyList<SkuDuplicate> Duplicates() =>
            _storeSkus.Where(s => s.Value.Count > 1).Select(s => new SkuDuplicate(s.Key, "store", s.Value))
                .Concat(_portalSkus.Select(s => new SkuDuplicate(s.Key, "portal", s.Value)))
                .ToList();

        private static int Remember(Dictionary<string, List<string>> seen, string key, string item)
        {
            if (!seen.TryGetValue(key, out var list))
            {
                seen[key] = list = [];
            }

            list.Add(item);
            return list.Count;
        }

        private static string Describe((long Product, long Variation) link) =>
            link.Variation == 0 ? $"{link.Product}" : $"{link.Variation} (of {link.Product})";
    }
}

/// <summary>A plan being made in the store's order (<see cref="CatalogDownloadPlanner.Start"/>).</summary>
public sealed class CatalogDownloadPlanning
{
    private readonly CatalogDownloadPlanner.PlanState _state;
    private readonly List<PlannedProduct> _products = [];

    internal CatalogDownloadPlanning(CatalogDownloadPlanner.PlanState state) => _state = state;

    public int Count => _products.Count;

    public PlannedProduct Add(StoreProductData product)
    {
        ArgumentNullException.ThrowIfNull(product);
        var planned = product.IsVariable ? _state.PlanVariable(product) : _state.PlanSimple(product);
        _products.Add(planned);
        return planned;
    }

    /// <summary>The plan of every product added so far.</summary>
    public CatalogDownloadPlan Plan() => new() { Products = _products.ToList(), Duplicates = _state.Duplicates() };
}
