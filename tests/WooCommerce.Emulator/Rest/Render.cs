using System.Globalization;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;

namespace WooCommerce.Emulator.Rest;

/// <summary>
/// Turns model objects into the JSON WooCommerce 11 sends. Property order follows the real store so that a diff
/// against a capture reads naturally; the fidelity tests check names and types.
/// </summary>
public sealed class Render(Store store, string origin)
{
    private static readonly string[] AllMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    // A Render lives for one request inside the store lock, so these indexes built on first use stay valid and
    // keep a 100-product page of a 10,000-product catalogue from scanning the catalogue once per product. Building
    // one costs a pass over the whole catalogue, so a request that needs only a few look-ups (a variations listing
    // names one parent) scans for them instead: an index per request made each variations listing of a large
    // catalogue cost milliseconds inside the store lock.
    private const int ScansBeforeIndex = 8;
    private ILookup<int, Product>? _variationsByParent;
    private Dictionary<int, Product>? _byId;
    private readonly Dictionary<int, Product?> _scannedById = [];
    private ILookup<int, int>? _publishedByCategory;

    private IEnumerable<Product> VariationsOf(Product p) =>
        // A variation has no variations of its own; its parent's index is not needed to say so.
        p.IsVariation ? [] : (_variationsByParent ??= store.Products.Where(v => v.IsVariation).ToLookup(v => v.ParentId))[p.Id];

    private Product? ProductById(int id)
    {
        if (_byId is not null) return _byId.GetValueOrDefault(id);
        if (_scannedById.TryGetValue(id, out var scanned)) return scanned;
        if (_scannedById.Count < ScansBeforeIndex) return _scannedById[id] = store.Product(id);
        _byId = store.Products.ToDictionary(p => p.Id);
        return _byId.GetValueOrDefault(id);
    }

    public string Origin { get; } = origin;
    public string Api => Origin + "/wp-json/wc/v3";
    private SiteSettings Site => store.Settings;

    public string? Date(DateTime? utc) => utc is DateTime u ? Site.ToLocal(u).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) : null;

    public static string? DateGmt(DateTime? utc) => utc?.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public string Money(decimal value) => value.ToString("F" + Site.PriceDecimals, CultureInfo.InvariantCulture);

    public static string Plain(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private static JsonArray Href(string href) => [new JsonObject { ["href"] = href }];

    public static JsonObject Self(string href, params string[] allow) => new()
    {
        ["href"] = href,
        ["targetHints"] = new JsonObject { ["allow"] = new JsonArray([.. (allow.Length == 0 ? AllMethods : allow).Select(m => (JsonNode)m)]) },
    };

    public JsonObject Links(string self, string collection, string? up = null, string[]? allow = null)
    {
        var links = new JsonObject
        {
            ["self"] = new JsonArray(Self(self, allow ?? [])),
            ["collection"] = Href(collection),
        };
        if (up is not null) links["up"] = Href(up);
        return links;
    }

    public static JsonArray Ints(IEnumerable<int> ids) => [.. ids.Select(i => (JsonNode)i)];

    public static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(s => (JsonNode)s)];

    public static JsonArray Meta(IEnumerable<MetaEntry> meta) =>
        [.. meta.Select(m => (JsonNode)new JsonObject { ["id"] = m.Id, ["key"] = m.Key, ["value"] = m.Value?.DeepClone() })];

    public JsonObject Error(string code, string message, int status) =>
        new() { ["code"] = code, ["message"] = message, ["data"] = new JsonObject { ["status"] = status } };

    public JsonObject ImageJson(Image i) => new()
    {
        ["id"] = i.Id,
        ["date_created"] = Date(i.CreatedUtc),
        ["date_created_gmt"] = DateGmt(i.CreatedUtc),
        ["date_modified"] = Date(i.CreatedUtc),
        ["date_modified_gmt"] = DateGmt(i.CreatedUtc),
        ["src"] = i.Src,
        ["name"] = i.Name,
        ["alt"] = i.Alt,
        ["srcset"] = i.Src + " 400w",
        ["sizes"] = "(max-width: 400px) 100vw, 400px",
        ["thumbnail"] = i.Src,
    };

    private string PriceHtml(Product p)
    {
        string Amount(decimal v) => $"<span class=\"woocommerce-Price-amount amount\"><bdi><span class=\"woocommerce-Price-currencySymbol\" translate=\"no\">{Site.CurrencySymbol}</span>{Money(v)}</bdi></span>";
        if (p.Type is "variable" or "grouped")
        {
            var prices = (p.Type == "variable" ? VariationsOf(p) : GroupedChildren(p)).Select(v => v.Price).OfType<decimal>().ToList();
            if (prices.Count == 0) return "";
            return prices.Min() == prices.Max() ? Amount(prices.Min()) : $"{Amount(prices.Min())} &ndash; {Amount(prices.Max())}";
        }
        if (p.Price is not decimal price) return "";
        return p.OnSale ? $"<del aria-hidden=\"true\">{Amount(p.RegularPrice!.Value)}</del> <ins aria-hidden=\"true\">{Amount(price)}</ins>" : Amount(price);
    }

    private string ShippingClassSlug(int id) => store.ShippingClasses.FirstOrDefault(c => c.Id == id)?.Slug ?? "";

    private string Permalink(Product p)
    {
        if (!p.IsVariation) return $"{Origin}/product/{p.Slug}/";
        var parent = ProductById(p.ParentId);
        var query = string.Join("&", p.VariationAttributes.Select(a => $"attribute_{AttributeSlug(a)}={Slugs.Make(a.Option)}"));
        return $"{Origin}/product/{parent?.Slug}/?{query}";
    }

    private string AttributeSlug(VariationAttribute a) =>
        a.Id > 0 ? store.Attributes.FirstOrDefault(x => x.Id == a.Id)?.Slug ?? Slugs.Make(a.Name) : Slugs.Make(a.Name);

    private string PriceText(decimal? value, string? sent) => value is decimal v ? sent ?? Money(v) : "";

    /// <summary>What a grouped product is priced from: its published children that have a price.</summary>
    private List<Product> GroupedChildren(Product p) =>
        [.. p.GroupedIds.Select(ProductById).OfType<Product>().Where(c => c.Status == "publish" && c.Price is not null)];

    /// <summary>
    /// The price a variable product shows is its cheapest variation's; a grouped product shows its cheapest child's
    /// (no regular or sale price of its own); other products echo their prices as they were sent.
    /// </summary>
    private (string Price, string Regular, string Sale) Prices(Product p)
    {
        if (p.Type == "variable")
        {
            var vars = VariationsOf(p).ToList();
            var min = vars.Select(v => v.Price).OfType<decimal>().DefaultIfEmpty().Min();
            var regular = vars.Select(v => v.RegularPrice).OfType<decimal>().DefaultIfEmpty().Min();
            var sale = vars.Where(v => v.OnSale).Select(v => v.SalePrice).OfType<decimal>().ToList();
            return (vars.Count == 0 ? "" : Money(min), vars.Count == 0 ? "" : Money(regular), sale.Count == 0 ? "" : Money(sale.Min()));
        }
        if (p.Type == "grouped")
        {
            var cheapest = GroupedChildren(p).MinBy(c => c.Price);
            return (cheapest is null ? "" : PriceText(cheapest.Price, cheapest.SalePrice is not null ? cheapest.SalePriceText : cheapest.RegularPriceText), "", "");
        }
        return (PriceText(p.Price, p.SalePrice is not null ? p.SalePriceText : p.RegularPriceText), PriceText(p.RegularPrice, p.RegularPriceText), PriceText(p.SalePrice, p.SalePriceText));
    }

    /// <param name="edit">Batch answers use the edit context, which adds the permalink template and generated slug.</param>
    public JsonObject Product(Product p, bool edit = false)
    {
        var (price, regular, sale) = Prices(p);
        var stockOwner = store.StockOwner(p, ProductById);
        var json = new JsonObject
        {
            ["id"] = p.Id,
            ["name"] = p.IsVariation ? VariationFullName(p) : p.Name,
            ["slug"] = p.Slug,
            ["permalink"] = Permalink(p),
            ["date_created"] = Date(p.CreatedUtc),
            ["date_created_gmt"] = DateGmt(p.CreatedUtc),
            ["date_modified"] = Date(p.ModifiedUtc),
            ["date_modified_gmt"] = DateGmt(p.ModifiedUtc),
            ["type"] = p.Type,
            ["status"] = p.Status,
            ["featured"] = p.Featured,
            ["catalog_visibility"] = p.CatalogVisibility,
            ["description"] = p.Description,
            ["short_description"] = p.ShortDescription,
            ["sku"] = p.Sku,
            ["price"] = price,
            ["regular_price"] = regular,
            ["sale_price"] = sale,
            ["date_on_sale_from"] = null,
            ["date_on_sale_from_gmt"] = null,
            ["date_on_sale_to"] = null,
            ["date_on_sale_to_gmt"] = null,
            ["on_sale"] = p.OnSale,
            ["purchasable"] = p.Status == "publish" && (p.Price is not null || p.Type == "variable"),
            // A variation read through /products keeps total_sales as the raw meta string, as WooCommerce does.
            ["total_sales"] = p.IsVariation ? JsonValue.Create(p.TotalSales.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(p.TotalSales),
            ["virtual"] = p.Virtual,
            ["downloadable"] = p.Downloadable,
            ["downloads"] = new JsonArray(),
            ["download_limit"] = -1,
            ["download_expiry"] = -1,
            ["external_url"] = "",
            ["button_text"] = "",
            ["tax_status"] = p.TaxStatus,
            ["tax_class"] = p.TaxClass,
            ["manage_stock"] = stockOwner == p ? JsonValue.Create(true) : stockOwner is not null ? JsonValue.Create("parent") : JsonValue.Create(false),
            ["stock_quantity"] = stockOwner?.StockQuantity,
            ["backorders"] = p.Backorders,
            ["backorders_allowed"] = p.Backorders != "no",
            ["backordered"] = stockOwner?.StockQuantity < 0 && p.Backorders != "no",
            ["low_stock_amount"] = p.LowStockAmount,
            ["sold_individually"] = p.SoldIndividually,
            ["weight"] = p.Weight,
            ["dimensions"] = new JsonObject { ["length"] = p.Length, ["width"] = p.Width, ["height"] = p.Height },
            ["shipping_required"] = !p.Virtual,
            ["shipping_taxable"] = p.TaxStatus is "taxable" or "shipping",
            ["shipping_class"] = ShippingClassSlug(p.ShippingClassId),
            ["shipping_class_id"] = p.ShippingClassId,
            ["reviews_allowed"] = p.ReviewsAllowed,
            ["average_rating"] = "0.00",
            ["rating_count"] = 0,
            ["upsell_ids"] = new JsonArray(),
            ["cross_sell_ids"] = new JsonArray(),
            ["parent_id"] = p.ParentId,
            ["purchase_note"] = p.PurchaseNote,
            ["categories"] = new JsonArray([.. p.CategoryIds.Select(store.CategoryById).OfType<Category>()
                .Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["name"] = c.Name, ["slug"] = c.Slug })]),
            ["brands"] = new JsonArray(),
            ["tags"] = new JsonArray([.. p.TagIds.Select(store.TagById).OfType<Tag>()
                .Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["name"] = t.Name, ["slug"] = t.Slug })]),
            ["images"] = new JsonArray([.. p.Images.Select(i => (JsonNode)ImageJson(i))]),
            ["attributes"] = p.IsVariation ? VariationAttributes(p) : ProductAttributes(p),
            ["default_attributes"] = new JsonArray([.. p.DefaultAttributes.Select(a => (JsonNode)new JsonObject { ["id"] = a.Id, ["name"] = a.Name, ["option"] = a.Option })]),
            ["variations"] = Ints(VariationsOf(p).Select(v => v.Id)),
            ["grouped_products"] = Ints(p.GroupedIds),
            ["menu_order"] = p.MenuOrder,
            ["price_html"] = PriceHtml(p),
            ["related_ids"] = Ints(p.IsVariation ? [] : RelatedIds(p)),
            ["meta_data"] = Meta(p.MetaData),
            ["stock_status"] = (stockOwner ?? p).StockStatus,
            ["has_options"] = p.Type == "variable",
            ["post_password"] = p.PostPassword,
            ["global_unique_id"] = "",
        };
        if (edit)
        {
            json["permalink_template"] = $"{Origin}/product/%pagename%/";
            json["generated_slug"] = p.Slug;
        }
        json["_links"] = Links($"{Api}/products/{p.Id}", $"{Api}/products", p.ParentId > 0 ? $"{Api}/products/{p.ParentId}" : null);
        return json;
    }

    private IEnumerable<int> RelatedIds(Product p)
    {
        _publishedByCategory ??= store.Products.Where(o => !o.IsVariation && o.Status == "publish")
            .SelectMany(o => o.CategoryIds.Select(c => (Category: c, o.Id))).ToLookup(x => x.Category, x => x.Id);
        return p.CategoryIds.SelectMany(c => _publishedByCategory[c]).Where(id => id != p.Id).Distinct().Take(5);
    }

    private string VariationFullName(Product v)
    {
        var parent = ProductById(v.ParentId);
        return $"{parent?.Name} - {string.Join(", ", v.VariationAttributes.Select(a => a.Option))}";
    }

    private JsonArray ProductAttributes(Product p) => [.. p.Attributes.Select(a => (JsonNode)new JsonObject
    {
        ["id"] = a.Id,
        ["name"] = a.Name,
        ["slug"] = a.Id > 0 ? store.Attributes.FirstOrDefault(x => x.Id == a.Id)?.Slug ?? Slugs.Make(a.Name) : Slugs.Make(a.Name),
        ["position"] = a.Position,
        ["visible"] = a.Visible,
        ["variation"] = a.Variation,
        ["options"] = Strings(a.Options),
    })];

    private JsonArray VariationAttributes(Product v) => [.. v.VariationAttributes.Select(a => (JsonNode)new JsonObject
    {
        ["id"] = a.Id,
        ["name"] = a.Name,
        ["slug"] = AttributeSlug(a),
        ["option"] = a.Option,
    })];

    /// <summary>Property order of a variation read through /products/{id}/variations.</summary>
    private static readonly string[] VariationKeys =
    [
        "id", "type", "date_created", "date_created_gmt", "date_modified", "date_modified_gmt", "description", "permalink", "sku",
        "global_unique_id", "price", "regular_price", "sale_price", "date_on_sale_from", "date_on_sale_from_gmt", "date_on_sale_to",
        "date_on_sale_to_gmt", "on_sale", "status", "purchasable", "virtual", "downloadable", "downloads", "download_limit",
        "download_expiry", "tax_status", "tax_class", "manage_stock", "stock_quantity", "stock_status", "backorders",
        "backorders_allowed", "backordered", "low_stock_amount", "weight", "dimensions", "shipping_class", "shipping_class_id",
        "image", "gallery_image_ids", "attributes", "menu_order", "meta_data", "name", "parent_id", "_links",
    ];

    /// <summary>
    /// The variations endpoint shows a subset of what /products/{id} shows for the same variation, plus its own
    /// image, name and links; deriving it keeps the two views from drifting apart.
    /// </summary>
    public JsonObject Variation(Product v)
    {
        var full = Product(v);
        var json = new JsonObject();
        foreach (var key in VariationKeys)
        {
            json[key] = key switch
            {
                "image" => v.Images.Count > 0 ? ImageJson(v.Images[0]) : null,
                "gallery_image_ids" => new JsonArray(),
                "name" => string.Join(", ", v.VariationAttributes.Select(a => a.Option)),
                "_links" => Links($"{Api}/products/{v.ParentId}/variations/{v.Id}", $"{Api}/products/{v.ParentId}/variations", $"{Api}/products/{v.ParentId}"),
                _ => full[key]?.DeepClone(),
            };
        }
        return json;
    }

    public JsonObject CategoryJson(Category c)
    {
        var links = Links($"{Api}/products/categories/{c.Id}", $"{Api}/products/categories", c.Parent > 0 ? $"{Api}/products/categories/{c.Parent}" : null);
        return new JsonObject
        {
            ["id"] = c.Id,
            ["name"] = c.Name,
            ["slug"] = c.Slug,
            ["parent"] = c.Parent,
            ["description"] = c.Description,
            ["display"] = c.Display,
            ["image"] = c.Image is null ? null : ImageJson(c.Image),
            ["menu_order"] = c.MenuOrder,
            ["count"] = store.Products.Count(p => !p.IsVariation && p.CategoryIds.Contains(c.Id)),
            ["_links"] = links,
        };
    }

    public JsonObject TagJson(Tag t) => new()
    {
        ["id"] = t.Id,
        ["name"] = t.Name,
        ["slug"] = t.Slug,
        ["description"] = t.Description,
        ["count"] = store.Products.Count(p => p.TagIds.Contains(t.Id)),
        ["_links"] = Links($"{Api}/products/tags/{t.Id}", $"{Api}/products/tags"),
    };

    public JsonObject ShippingClassJson(ShippingClass c) => new()
    {
        ["id"] = c.Id,
        ["name"] = c.Name,
        ["slug"] = c.Slug,
        ["description"] = c.Description,
        ["count"] = store.Products.Count(p => p.ShippingClassId == c.Id),
        ["_links"] = Links($"{Api}/products/shipping_classes/{c.Id}", $"{Api}/products/shipping_classes"),
    };

    public JsonObject AttributeJson(GlobalAttribute a) => new()
    {
        ["id"] = a.Id,
        ["name"] = a.Name,
        ["slug"] = a.Slug,
        ["type"] = a.Type,
        ["order_by"] = a.OrderBy,
        ["has_archives"] = a.HasArchives,
        ["_links"] = Links($"{Api}/products/attributes/{a.Id}", $"{Api}/products/attributes"),
    };

    public JsonObject TermJson(AttributeTerm t)
    {
        var attribute = store.Attributes.FirstOrDefault(a => a.Id == t.AttributeId);
        return new JsonObject
        {
            ["id"] = t.Id,
            ["name"] = t.Name,
            ["slug"] = t.Slug,
            ["description"] = t.Description,
            ["menu_order"] = t.MenuOrder,
            ["count"] = store.Products.Count(p => !p.IsVariation && p.Attributes.Any(a => a.Id == t.AttributeId && a.Options.Contains(t.Name))),
            ["_links"] = Links($"{Api}/products/attributes/{attribute?.Id}/terms/{t.Id}", $"{Api}/products/attributes/{attribute?.Id}/terms"),
        };
    }

    public static JsonObject AddressJson(Address a, bool withEmail)
    {
        var json = new JsonObject
        {
            ["first_name"] = a.FirstName,
            ["last_name"] = a.LastName,
            ["company"] = a.Company,
            ["address_1"] = a.Address1,
            ["address_2"] = a.Address2,
            ["city"] = a.City,
            ["state"] = a.State,
            ["postcode"] = a.Postcode,
            ["country"] = a.Country,
        };
        if (withEmail) json["email"] = a.Email;
        json["phone"] = a.Phone;
        return json;
    }

    public JsonObject CustomerJson(Customer c) => new()
    {
        ["id"] = c.Id,
        ["date_created"] = Date(c.CreatedUtc),
        ["date_created_gmt"] = DateGmt(c.CreatedUtc),
        ["date_modified"] = Date(c.ModifiedUtc),
        ["date_modified_gmt"] = DateGmt(c.ModifiedUtc),
        ["email"] = c.Email,
        ["first_name"] = c.FirstName,
        ["last_name"] = c.LastName,
        ["role"] = c.Role,
        ["username"] = c.Username,
        ["billing"] = AddressJson(c.Billing, withEmail: true),
        ["shipping"] = AddressJson(c.Shipping, withEmail: false),
        ["is_paying_customer"] = c.IsPayingCustomer,
        ["avatar_url"] = "https://secure.gravatar.com/avatar/" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(c.Email.ToLowerInvariant()))) + "?s=96&d=mm&r=g",
        ["meta_data"] = Meta(c.MetaData),
        ["_links"] = Links($"{Api}/customers/{c.Id}", $"{Api}/customers"),
    };

    private JsonArray ItemTaxes(OrderItem i) => [.. i.Taxes.Select(t => (JsonNode)new JsonObject
    {
        ["id"] = t.RateId,
        ["total"] = Money(t.Total),
        ["subtotal"] = t.Subtotal is decimal s ? Money(s) : "",
    })];

    private static JsonArray ItemMetaJson(OrderItem i) => [.. i.MetaData.Select(m => (JsonNode)new JsonObject
    {
        ["id"] = m.Id, ["key"] = m.Key, ["value"] = m.Value, ["display_key"] = m.DisplayKey, ["display_value"] = m.DisplayValue,
    })];

    public JsonObject LineItemJson(OrderItem i)
    {
        var product = ProductById(i.VariationId > 0 ? i.VariationId : i.ProductId);
        var parent = i.VariationId > 0 ? ProductById(i.ProductId) : null;
        var image = product?.Images.FirstOrDefault() ?? parent?.Images.FirstOrDefault();
        return new JsonObject
        {
            ["id"] = i.Id,
            ["name"] = i.Name,
            ["product_id"] = i.ProductId,
            ["variation_id"] = i.VariationId,
            ["quantity"] = i.Quantity,
            ["tax_class"] = i.TaxClass,
            ["subtotal"] = Money(i.Subtotal),
            ["subtotal_tax"] = Money(i.SubtotalTax),
            ["total"] = Money(i.Total),
            ["total_tax"] = Money(i.TotalTax),
            ["taxes"] = ItemTaxes(i),
            ["meta_data"] = ItemMetaJson(i),
            ["sku"] = i.Sku,
            ["global_unique_id"] = "",
            ["price"] = i.Quantity == 0 ? 0 : JsonValue.Create(Math.Round(i.Total / i.Quantity, 6)),
            // WooCommerce sends the attachment id as a string when there is an image, 0 when there is none.
            ["image"] = image is null
                ? new JsonObject { ["id"] = 0, ["src"] = "" }
                : new JsonObject { ["id"] = image.Id.ToString(CultureInfo.InvariantCulture), ["src"] = image.Src },
            ["parent_name"] = parent?.Name,
        };
    }

    public JsonObject TaxLineJson(OrderItem i) => new()
    {
        ["id"] = i.Id,
        ["rate_code"] = i.Code,
        ["rate_id"] = i.RateId,
        ["label"] = i.Name,
        ["compound"] = i.Compound,
        ["tax_total"] = Money(i.TaxTotal),
        ["shipping_tax_total"] = Money(i.ShippingTaxTotal),
        ["rate_percent"] = JsonValue.Create((double)(i.RatePercent ?? store.TaxRates.FirstOrDefault(r => r.Id == i.RateId)?.Rate ?? 0m)),
        ["meta_data"] = new JsonArray(),
    };

    public JsonObject ShippingLineJson(OrderItem i) => new()
    {
        ["id"] = i.Id,
        ["method_title"] = i.Name,
        ["method_id"] = i.MethodId,
        ["instance_id"] = i.InstanceId,
        ["total"] = Money(i.Total),
        ["total_tax"] = Money(i.TotalTax),
        ["taxes"] = ItemTaxes(i),
        ["tax_status"] = "taxable",
        ["meta_data"] = ItemMetaJson(i),
    };

    public JsonObject FeeLineJson(OrderItem i) => new()
    {
        ["id"] = i.Id,
        ["name"] = i.Name,
        ["tax_class"] = i.TaxClass,
        ["tax_status"] = "taxable",
        ["amount"] = "",
        ["total"] = Money(i.Total),
        ["total_tax"] = Money(i.TotalTax),
        ["taxes"] = ItemTaxes(i),
        ["meta_data"] = ItemMetaJson(i),
    };

    public JsonObject CouponLineJson(OrderItem i) => new()
    {
        ["id"] = i.Id,
        ["code"] = i.Code,
        ["discount"] = Plain(i.Total),
        ["discount_tax"] = Plain(i.TotalTax),
        ["meta_data"] = ItemMetaJson(i),
        ["discount_type"] = i.DiscountType,
        ["nominal_amount"] = JsonValue.Create(i.NominalAmount),
        ["free_shipping"] = false,
    };

    public JsonObject OrderJson(Order o)
    {
        var totals = OrderTotals.Of(o);
        var refunds = store.RefundsOf(o.Id).OrderByDescending(r => r.Id).ToList();
        var links = Links($"{Api}/orders/{o.Id}", $"{Api}/orders");
        links["email_templates"] = new JsonArray(new JsonObject { ["embeddable"] = true, ["href"] = $"{Api}/orders/{o.Id}/actions/email_templates" });
        if (o.CustomerId > 0) links["customer"] = Href($"{Api}/customers/{o.CustomerId}");
        var editable = o.Status is "pending" or "on-hold" or "auto-draft" or "checkout-draft";
        return new JsonObject
        {
            ["id"] = o.Id,
            ["parent_id"] = o.ParentId,
            ["status"] = o.Status,
            ["currency"] = o.Currency,
            ["version"] = Site.WooCommerceVersion,
            ["prices_include_tax"] = o.PricesIncludeTax,
            ["date_created"] = Date(o.CreatedUtc),
            ["date_modified"] = Date(o.ModifiedUtc),
            ["discount_total"] = Money(totals.DiscountTotal),
            ["discount_tax"] = Money(totals.DiscountTax),
            ["shipping_total"] = Money(totals.ShippingTotal),
            ["shipping_tax"] = Money(totals.ShippingTax),
            ["cart_tax"] = Money(totals.CartTax),
            ["total"] = Money(totals.Total),
            ["total_tax"] = Money(totals.TotalTax),
            ["customer_id"] = o.CustomerId,
            ["order_key"] = o.OrderKey,
            ["billing"] = AddressJson(o.Billing, withEmail: true),
            ["shipping"] = AddressJson(o.Shipping, withEmail: false),
            ["payment_method"] = o.PaymentMethod,
            ["payment_method_title"] = o.PaymentMethodTitle,
            ["transaction_id"] = o.TransactionId,
            ["customer_ip_address"] = "",
            ["customer_user_agent"] = "",
            ["created_via"] = o.CreatedVia,
            ["customer_note"] = o.CustomerNote,
            ["date_completed"] = Date(o.CompletedUtc),
            ["date_paid"] = Date(o.PaidUtc),
            ["cart_hash"] = "",
            ["number"] = o.Id.ToString(CultureInfo.InvariantCulture),
            ["meta_data"] = Meta(o.MetaData),
            ["line_items"] = new JsonArray([.. o.OfKind("line_item").Select(i => (JsonNode)LineItemJson(i))]),
            ["tax_lines"] = new JsonArray([.. o.OfKind("tax").Select(i => (JsonNode)TaxLineJson(i))]),
            ["shipping_lines"] = new JsonArray([.. o.OfKind("shipping").Select(i => (JsonNode)ShippingLineJson(i))]),
            ["fee_lines"] = new JsonArray([.. o.OfKind("fee").Select(i => (JsonNode)FeeLineJson(i))]),
            ["coupon_lines"] = new JsonArray([.. o.OfKind("coupon").Select(i => (JsonNode)CouponLineJson(i))]),
            ["refunds"] = new JsonArray([.. refunds.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id, ["reason"] = r.Reason, ["total"] = "-" + Money(r.Amount),
                ["total_tax"] = Money(r.Items.Where(i => i.Kind == "tax").Sum(i => i.TaxTotal + i.ShippingTaxTotal)),
            })]),
            ["payment_url"] = $"{Origin}/checkout/order-pay/{o.Id}/?pay_for_order=true&key={o.OrderKey}",
            ["is_editable"] = editable,
            ["needs_payment"] = o.Status is "pending" or "failed" && totals.Total > 0,
            ["needs_processing"] = o.OfKind("line_item").Any(),
            ["date_created_gmt"] = DateGmt(o.CreatedUtc),
            ["date_modified_gmt"] = DateGmt(o.ModifiedUtc),
            ["date_completed_gmt"] = DateGmt(o.CompletedUtc),
            ["date_paid_gmt"] = DateGmt(o.PaidUtc),
            ["currency_symbol"] = o.Currency == Site.Currency ? System.Net.WebUtility.HtmlDecode(Site.CurrencySymbol) : o.Currency,
            ["_links"] = links,
        };
    }

    public JsonObject RefundJson(Refund r, bool withParent)
    {
        var json = new JsonObject { ["id"] = r.Id };
        if (withParent) json["parent_id"] = r.OrderId;
        json["date_created"] = Date(r.CreatedUtc);
        json["date_created_gmt"] = DateGmt(r.CreatedUtc);
        json["amount"] = Money(r.Amount);
        json["reason"] = r.Reason;
        json["refunded_by"] = r.RefundedBy;
        json["refunded_payment"] = r.RefundedPayment;
        json["meta_data"] = Meta(r.MetaData);
        json["line_items"] = new JsonArray([.. r.Items.Where(i => i.Kind == "line_item").Select(i => (JsonNode)LineItemJson(i))]);
        json["shipping_lines"] = new JsonArray([.. r.Items.Where(i => i.Kind == "shipping").Select(i => (JsonNode)ShippingLineJson(i))]);
        json["tax_lines"] = new JsonArray([.. r.Items.Where(i => i.Kind == "tax").Select(i => (JsonNode)TaxLineJson(i))]);
        json["fee_lines"] = new JsonArray([.. r.Items.Where(i => i.Kind == "fee").Select(i => (JsonNode)FeeLineJson(i))]);
        json["_links"] = Links($"{Api}/orders/{r.OrderId}/refunds/{r.Id}", $"{Api}/orders/{r.OrderId}/refunds", $"{Api}/orders/{r.OrderId}", ["GET", "DELETE"]);
        return json;
    }

    public JsonObject NoteJson(OrderNote n) => new()
    {
        ["id"] = n.Id,
        ["author"] = n.Author,
        ["date_created"] = Date(n.CreatedUtc),
        ["date_created_gmt"] = DateGmt(n.CreatedUtc),
        ["note"] = n.Note,
        ["customer_note"] = n.CustomerNote,
        ["_links"] = Links($"{Api}/orders/{n.OrderId}/notes/{n.Id}", $"{Api}/orders/{n.OrderId}/notes", $"{Api}/orders/{n.OrderId}", ["GET", "DELETE"]),
    };

    public JsonObject CouponJson(Coupon c) => new()
    {
        ["id"] = c.Id,
        ["code"] = c.Code,
        ["amount"] = Money(c.Amount),
        ["status"] = c.Status,
        ["date_created"] = Date(c.CreatedUtc),
        ["date_created_gmt"] = DateGmt(c.CreatedUtc),
        ["date_modified"] = Date(c.ModifiedUtc),
        ["date_modified_gmt"] = DateGmt(c.ModifiedUtc),
        ["discount_type"] = c.DiscountType,
        ["description"] = c.Description,
        ["date_expires"] = Date(c.ExpiresUtc),
        ["date_expires_gmt"] = DateGmt(c.ExpiresUtc),
        ["usage_count"] = c.UsageCount,
        ["individual_use"] = c.IndividualUse,
        ["product_ids"] = Ints(c.ProductIds),
        ["excluded_product_ids"] = Ints(c.ExcludedProductIds),
        ["usage_limit"] = c.UsageLimit,
        ["usage_limit_per_user"] = c.UsageLimitPerUser,
        ["limit_usage_to_x_items"] = c.LimitUsageToXItems,
        ["free_shipping"] = c.FreeShipping,
        ["product_categories"] = Ints(c.ProductCategories),
        ["excluded_product_categories"] = Ints(c.ExcludedProductCategories),
        ["exclude_sale_items"] = c.ExcludeSaleItems,
        ["minimum_amount"] = Money(c.MinimumAmount),
        ["maximum_amount"] = Money(c.MaximumAmount),
        ["email_restrictions"] = Strings(c.EmailRestrictions),
        ["used_by"] = Strings(c.UsedBy),
        ["meta_data"] = Meta(c.MetaData),
        ["_links"] = Links($"{Api}/coupons/{c.Id}", $"{Api}/coupons"),
    };

    public JsonObject TaxRateJson(TaxRate r) => new()
    {
        ["id"] = r.Id,
        ["country"] = r.Country,
        ["state"] = r.State,
        ["postcode"] = r.Postcodes.LastOrDefault() ?? "",
        ["city"] = r.Cities.LastOrDefault() ?? "",
        ["rate"] = r.Rate.ToString("F4", CultureInfo.InvariantCulture),
        ["name"] = r.Name,
        ["priority"] = r.Priority,
        ["compound"] = r.Compound,
        ["shipping"] = r.Shipping,
        ["order"] = r.Order,
        ["class"] = r.Class,
        ["postcodes"] = Strings(r.Postcodes),
        ["cities"] = Strings(r.Cities),
        ["_links"] = Links($"{Api}/taxes/{r.Id}", $"{Api}/taxes"),
    };

    public JsonObject TaxClassJson(TaxClass c) => new()
    {
        ["slug"] = c.Slug,
        ["name"] = c.Name,
        ["_links"] = new JsonObject { ["collection"] = Href($"{Api}/taxes/classes") },
    };

    public static string[] HooksOf(string topic) => topic switch
    {
        "order.created" => ["woocommerce_new_order"],
        "order.updated" => ["woocommerce_update_order", "woocommerce_order_refunded"],
        "order.deleted" => ["wp_trash_post"],
        "order.restored" => ["untrashed_post"],
        "product.created" => ["woocommerce_process_product_meta", "woocommerce_new_product", "woocommerce_new_product_variation"],
        "product.updated" => ["woocommerce_process_product_meta", "woocommerce_update_product", "woocommerce_update_product_variation"],
        "product.deleted" => ["wp_trash_post"],
        "product.restored" => ["untrashed_post"],
        "customer.created" => ["user_register", "woocommerce_created_customer", "woocommerce_new_customer"],
        "customer.updated" => ["profile_update", "woocommerce_update_customer"],
        "customer.deleted" => ["delete_user"],
        "coupon.created" => ["woocommerce_process_shop_coupon_meta", "woocommerce_new_coupon"],
        "coupon.updated" => ["woocommerce_process_shop_coupon_meta", "woocommerce_update_coupon"],
        "coupon.deleted" => ["wp_trash_post"],
        _ => [],
    };

    public JsonObject WebhookJson(Webhook w) => new()
    {
        ["id"] = w.Id,
        ["name"] = w.Name,
        ["status"] = w.Status,
        ["topic"] = w.Topic,
        ["resource"] = w.Resource,
        ["event"] = w.Event,
        ["hooks"] = Strings(HooksOf(w.Topic)),
        ["delivery_url"] = w.DeliveryUrl,
        ["date_created"] = Date(w.CreatedUtc),
        ["date_created_gmt"] = DateGmt(w.CreatedUtc),
        ["date_modified"] = Date(w.ModifiedUtc),
        ["date_modified_gmt"] = DateGmt(w.ModifiedUtc),
        ["_links"] = Links($"{Api}/webhooks/{w.Id}", $"{Api}/webhooks"),
    };
}
