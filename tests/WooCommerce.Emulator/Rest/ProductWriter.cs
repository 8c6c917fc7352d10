using System.Globalization;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;

namespace WooCommerce.Emulator.Rest;

/// <summary>Applies a products or variations request body to the model, with WooCommerce's validation.</summary>
public sealed class ProductWriter(Store store, TimeProvider clock)
{
    private static readonly string[] ProductTypes = ["simple", "grouped", "external", "variable"];
    private static readonly string[] Statuses = ["draft", "pending", "private", "publish", "future", "auto-draft", "trash"];

    /// <param name="lenient">Batch items store a non-numeric stock_quantity as 0 instead of rejecting it, as WooCommerce does.</param>
    public void Apply(Product p, JsonObject body, bool lenient)
    {
        if (body["type"] is JsonNode typeNode && !p.IsVariation)
        {
            var type = typeNode.Str();
            if (!ProductTypes.Contains(type))
                throw WooException.InvalidParam("type", "rest_not_in_enum", "type is not one of simple, grouped, external, and variable.");
            p.Type = type;
        }
        if (body["status"] is JsonNode statusNode)
        {
            var status = statusNode.Str();
            if (!Statuses.Contains(status))
                throw WooException.InvalidParam("status", "rest_not_in_enum", "status is not one of draft, pending, private, publish, future, auto-draft, and trash.");
            p.Status = status;
        }
        if (body.ContainsKey("stock_quantity"))
        {
            var node = body["stock_quantity"];
            if (node is null) p.StockQuantity = null;
            else if (lenient) p.StockQuantity = TryInt(node) ?? 0;
            else p.StockQuantity = TryInt(node) ?? throw WooException.InvalidParam("stock_quantity", "rest_invalid_type",
                "stock_quantity is not of type integer.", new JsonObject { ["param"] = "stock_quantity" });
        }
        if (body["sku"] is JsonNode skuNode)
        {
            var sku = skuNode.Str().Trim();
            if (sku.Length > 0)
            {
                var owner = store.Products.FirstOrDefault(o => o.Id != p.Id && o.Sku.Equals(sku, StringComparison.OrdinalIgnoreCase));
                if (owner is not null) throw DuplicateSku(owner, sku);
            }
            p.Sku = sku;
        }
        if (body["name"] is JsonNode name)
        {
            p.Name = name.Str();
            if (string.IsNullOrEmpty(p.Slug) || body["slug"] is null) p.Slug = UniqueSlug(Slugs.Make(p.Name), p.Id);
        }
        if (body["slug"] is JsonNode slug) p.Slug = UniqueSlug(Slugs.Make(slug.Str()), p.Id);
        if (body["description"] is JsonNode d) p.Description = d.Str();
        if (body["short_description"] is JsonNode sd) p.ShortDescription = sd.Str();
        if (body.ContainsKey("regular_price")) (p.RegularPrice, p.RegularPriceText) = Price(body["regular_price"]);
        if (body.ContainsKey("sale_price")) (p.SalePrice, p.SalePriceText) = Price(body["sale_price"]);
        if (body["post_password"] is JsonNode pw) p.PostPassword = pw.Str();
        if (body["grouped_products"] is JsonArray grouped)
            p.GroupedIds = [.. grouped.Select(g => g.Int("grouped_products")).Where(id => store.Product(id) is { IsVariation: false })];
        if (ReadDate(body, "date_created") is DateTime created) p.CreatedUtc = created;
        if (body["featured"] is JsonNode f) p.Featured = f.Bool();
        if (body["catalog_visibility"] is JsonNode cv) p.CatalogVisibility = cv.Str();
        if (body["virtual"] is JsonNode v) p.Virtual = v.Bool();
        if (body["downloadable"] is JsonNode dl) p.Downloadable = dl.Bool();
        if (body["tax_status"] is JsonNode ts) p.TaxStatus = ts.Str();
        if (body["tax_class"] is JsonNode tc) p.TaxClass = tc.Str();
        if (body["manage_stock"] is JsonNode ms) p.ManageStock = ms.Bool();
        if (body["stock_status"] is JsonNode ss) p.ManualStockStatus = ss.Str();
        if (body["backorders"] is JsonNode bo) p.Backorders = bo.Str();
        if (body.ContainsKey("low_stock_amount")) p.LowStockAmount = body["low_stock_amount"] is JsonNode l ? TryInt(l) : null;
        if (body["sold_individually"] is JsonNode si) p.SoldIndividually = si.Bool();
        if (body["weight"] is JsonNode w) p.Weight = w.Str();
        if (body["dimensions"] is JsonObject dim)
        {
            if (dim["length"] is JsonNode len) p.Length = len.Str();
            if (dim["width"] is JsonNode wid) p.Width = wid.Str();
            if (dim["height"] is JsonNode hei) p.Height = hei.Str();
        }
        if (body["shipping_class"] is JsonNode sc)
            p.ShippingClassId = store.ShippingClasses.FirstOrDefault(c => c.Slug == sc.Str())?.Id ?? 0;
        if (body["reviews_allowed"] is JsonNode ra) p.ReviewsAllowed = ra.Bool();
        if (body["purchase_note"] is JsonNode pn) p.PurchaseNote = pn.Str();
        if (body["menu_order"] is JsonNode mo) p.MenuOrder = mo.Int("menu_order");
        if (body["categories"] is JsonArray cats)
            p.CategoryIds = [.. cats.Select(c => c?["id"].Int("categories")).OfType<int>().Where(id => store.CategoryById(id) is not null)];
        if (body["tags"] is JsonArray tags)
            p.TagIds = [.. tags.Select(t => t?["id"].Int("tags")).OfType<int>().Where(id => store.TagById(id) is not null)];
        if (body["attributes"] is JsonArray attrs)
        {
            if (p.IsVariation) p.VariationAttributes = [.. attrs.OfType<JsonObject>().Select(VariationAttribute)];
            else p.Attributes = [.. attrs.OfType<JsonObject>().Select((a, i) => ProductAttribute(a, i))];
        }
        if (body["default_attributes"] is JsonArray defaults) p.DefaultAttributes = [.. defaults.OfType<JsonObject>().Select(VariationAttribute)];
        if (body["images"] is JsonArray images)
            p.Images = [.. images.OfType<JsonObject>().Select(i => NewImage(i["src"].Str(), i["alt"].Str()))];
        if (body["image"] is JsonObject image) p.Images = [NewImage(image["src"].Str(), image["alt"].Str())];
        if (body["meta_data"] is JsonArray meta) MergeMeta(store, p.MetaData, meta);
    }

    /// <summary>A price is kept as sent (wc_format_decimal does not pad): "25" stays "25".</summary>
    private static (decimal?, string?) Price(JsonNode? node) => node.Money() is decimal d ? (d, node.Str().Trim()) : (null, null);

    /// <summary>A writable date: <c>{name}_gmt</c> is UTC, <c>{name}</c> is site-local, as WooCommerce reads them.</summary>
    public DateTime? ReadDate(JsonObject body, string name)
    {
        DateTime? Parse(string field)
        {
            var raw = body[field].Str();
            if (raw.Length == 0) return null;
            if (!DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
                throw WooException.InvalidParam(field, "rest_invalid_date", "Invalid date.");
            return d;
        }
        if (Parse(name + "_gmt") is DateTime gmt) return DateTime.SpecifyKind(gmt, DateTimeKind.Utc);
        if (Parse(name) is not DateTime local) return null;
        var hasOffset = System.Text.RegularExpressions.Regex.IsMatch(body[name].Str(), @"([Zz]|[+-]\d{2}:?\d{2})$");
        return hasOffset ? DateTime.SpecifyKind(local, DateTimeKind.Utc) : store.Settings.ToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
    }

    public Image NewImage(string src, string alt) => new()
    {
        Id = store.TakePostId(),
        CreatedUtc = clock.GetUtcNow().UtcDateTime,
        Src = src,
        Name = Path.GetFileName(src),
        Alt = alt,
    };

    public static void MergeMeta(Store store, List<MetaEntry> target, JsonArray changes)
    {
        foreach (var change in changes.OfType<JsonObject>())
        {
            var key = change["key"].Str();
            var id = change["id"] is JsonNode idNode ? idNode.Int("meta_data") : 0;
            var existing = target.FirstOrDefault(m => id > 0 ? m.Id == id : m.Key == key);
            if (change.ContainsKey("value") && change["value"] is null && existing is not null)
            {
                target.Remove(existing);
                continue;
            }
            if (existing is null)
            {
                target.Add(new MetaEntry { Id = store.TakeMetaId(), Key = key, Value = change["value"]?.DeepClone() });
            }
            else
            {
                if (key.Length > 0) existing.Key = key;
                existing.Value = change["value"]?.DeepClone();
            }
        }
    }

    private ProductAttribute ProductAttribute(JsonObject a, int index)
    {
        var id = a["id"] is JsonNode idNode ? idNode.Int("attributes") : 0;
        var global = id > 0 ? store.Attributes.FirstOrDefault(x => x.Id == id) : null;
        return new ProductAttribute
        {
            Id = global?.Id ?? 0,
            Name = global?.Name ?? a["name"].Str(),
            Position = a["position"] is JsonNode pos ? pos.Int("position") : index,
            Visible = a["visible"] is not JsonNode vis || vis.Bool(),
            Variation = a["variation"] is JsonNode va && va.Bool(),
            Options = a["options"] is JsonArray opts ? [.. opts.Select(o => o.Str())] : [],
        };
    }

    private VariationAttribute VariationAttribute(JsonObject a)
    {
        var id = a["id"] is JsonNode idNode ? idNode.Int("attributes") : 0;
        var global = id > 0 ? store.Attributes.FirstOrDefault(x => x.Id == id) : null;
        return new VariationAttribute { Id = global?.Id ?? 0, Name = global?.Name ?? a["name"].Str(), Option = a["option"].Str() };
    }

    private static int? TryInt(JsonNode node) => node is JsonValue v
        ? v.TryGetValue<int>(out var i) ? i
        : v.TryGetValue<long>(out var l) ? (int)l
        : v.TryGetValue<double>(out var d) && d == Math.Floor(d) ? (int)d
        : v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p
        : null
        : null;

    private string UniqueSlug(string slug, int selfId)
    {
        if (slug.Length == 0) slug = "product";
        var candidate = slug;
        for (var n = 2; store.Products.Any(o => o.Id != selfId && !o.IsVariation && o.Slug == candidate); n++) candidate = $"{slug}-{n}";
        return candidate;
    }

    public WooException DuplicateSku(Product owner, string sku)
    {
        var n = 1;
        while (store.Products.Any(o => o.Sku.Equals($"{sku}-{n}", StringComparison.OrdinalIgnoreCase))) n++;
        return new WooException(400, new JsonObject
        {
            ["code"] = "product_invalid_sku",
            ["message"] = "Invalid or duplicated SKU.",
            ["data"] = new JsonObject { ["status"] = 400, ["resource_id"] = owner.Id, ["unique_sku"] = $"{sku}-{n}" },
        });
    }
}
