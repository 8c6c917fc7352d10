using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Webhooks;

namespace WooCommerce.Emulator.Rest;

public static class ProductsApi
{
    private static readonly string[] ListStatuses = ["any", "future", "trash", "draft", "pending", "private", "publish"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/products", (Delegate)List);
        api.MapPost("/products", (Delegate)Create);
        api.MapBatch("/products/batch", (Delegate)BatchProducts);
        api.MapGet("/products/{id:int}", (Delegate)Get);
        api.MapMethods("/products/{id:int}", ["PUT", "PATCH", "POST"], (Delegate)Update);
        api.MapDelete("/products/{id:int}", (Delegate)Delete);

        api.MapGet("/products/{parent:int}/variations", (Delegate)ListVariations);
        api.MapPost("/products/{parent:int}/variations", (Delegate)CreateVariation);
        api.MapBatch("/products/{parent:int}/variations/batch", (Delegate)BatchVariations);
        api.MapGet("/products/{parent:int}/variations/{id:int}", (Delegate)GetVariation);
        api.MapMethods("/products/{parent:int}/variations/{id:int}", ["PUT", "PATCH", "POST"], (Delegate)UpdateVariation);
        api.MapDelete("/products/{parent:int}/variations/{id:int}", (Delegate)DeleteVariation);
    }

    private static WooException UseVariationsEndpoint() => WooException.Of("woocommerce_rest_invalid_product_id",
        "To manipulate product variations you should use the /products/&lt;product_id&gt;/variations/&lt;id&gt; endpoint.", 404);

    private static ProductWriter Writer(HttpContext c) => new(c.Store(), c.RequestServices.GetRequiredService<TimeProvider>());

    private static DateTime Now(HttpContext c) => c.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    private static IResult List(HttpContext c)
    {
        var store = c.Store();
        lock (store.Sync)
        {
            var status = c.Param("status") ?? "any";
            if (!ListStatuses.Contains(status))
                throw WooException.InvalidParam("status", "rest_not_in_enum", "status is not one of any, future, trash, draft, pending, private, and publish.");
            IEnumerable<Product> q = store.Products.Where(p => !p.IsVariation);
            q = status == "any" ? q.Where(p => p.Status != "trash") : q.Where(p => p.Status == status);
            if (c.Param("search") is string search) q = q.Where(p => p.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                || p.Description.Contains(search, StringComparison.OrdinalIgnoreCase) || p.ShortDescription.Contains(search, StringComparison.OrdinalIgnoreCase));
            if (c.Param("sku") is string sku)
            {
                var skus = sku.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                // A SKU search also finds variations, which the plain listing leaves out.
                var listed = q.ToHashSet();
                q = store.Products.Where(p => p.Status != "trash" && skus.Contains(p.Sku, StringComparer.OrdinalIgnoreCase) && (p.IsVariation || listed.Contains(p)));
            }
            if (c.Param("type") is string type) q = q.Where(p => p.Type == type);
            if (c.ParamIds("category") is { Count: > 0 } cats)
            {
                // WordPress's tax_query includes child categories (include_children), at every depth.
                var withChildren = new HashSet<int>(cats);
                for (var level = cats; level.Count > 0;)
                    level = [.. store.Categories.Where(x => level.Contains(x.Parent) && withChildren.Add(x.Id)).Select(x => x.Id)];
                q = q.Where(p => p.CategoryIds.Any(withChildren.Contains));
            }
            if (c.Param("slug") is string slugs)
            {
                var wanted = slugs.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                q = q.Where(p => wanted.Contains(p.Slug));
            }
            // min_price/max_price match the price range in wc_product_meta_lookup (a variable product's cheapest to
            // dearest variation): the product is listed when its range overlaps the filter's.
            if (c.Params()["min_price"].Money() is decimal min)
                q = q.Where(p => PriceRange(store, p) is { Max: decimal max } && max >= min);
            if (c.Params()["max_price"].Money() is decimal maxPrice)
                q = q.Where(p => PriceRange(store, p) is { Min: decimal lo } && lo <= maxPrice);
            if (c.ParamIds("tag") is { Count: > 0 } tags) q = q.Where(p => p.TagIds.Intersect(tags).Any());
            if (c.ParamIds("include") is { Count: > 0 } include) q = q.Where(p => include.Contains(p.Id));
            if (c.ParamIds("exclude") is { Count: > 0 } exclude) q = q.Where(p => !exclude.Contains(p.Id));
            if (c.Param("parent") is not null) { var parents = c.ParamIds("parent"); q = q.Where(p => parents.Contains(p.ParentId)); }
            if (c.Param("stock_status") is string ss) q = q.Where(p => p.StockStatus == ss);
            if (c.Param("featured") is not null) { var f = c.ParamBool("featured"); q = q.Where(p => p.Featured == f); }
            if (c.Param("on_sale") is not null) { var s = c.ParamBool("on_sale"); q = q.Where(p => p.OnSale == s); }
            if (c.ParamDateUtc("after") is DateTime after) q = q.Where(p => p.CreatedUtc > after);
            if (c.ParamDateUtc("before") is DateTime before) q = q.Where(p => p.CreatedUtc < before);
            if (c.ParamDateUtc("modified_after") is DateTime mafter) q = q.Where(p => p.ModifiedUtc > mafter);
            if (c.ParamDateUtc("modified_before") is DateTime mbefore) q = q.Where(p => p.ModifiedUtc < mbefore);
            var list = c.Ordered(q, by => by switch
            {
                "date" => p => (p.CreatedUtc, p.Id),
                "modified" => p => (p.ModifiedUtc, p.Id),
                "id" => p => p.Id,
                "include" => p => p.Id,
                "title" => p => p.Name,
                "slug" => p => p.Slug,
                "price" => p => p.Price ?? 0m,
                "popularity" => p => p.TotalSales,
                "rating" => p => 0,
                "menu_order" => p => p.MenuOrder,
                _ => null,
            }, "date").ToList();
            var render = c.Render();
            return c.Page(list, p => render.Product(p));
        }
    }

    private static (decimal? Min, decimal? Max) PriceRange(Store store, Product p)
    {
        var prices = p.Type switch
        {
            "variable" => store.VariationsOf(p.Id).Select(v => v.Price).OfType<decimal>().ToList(),
            "grouped" => p.GroupedIds.Select(store.Product).Select(g => g?.Price).OfType<decimal>().ToList(),
            _ => p.Price is decimal price ? [price] : [],
        };
        return prices.Count == 0 ? (null, null) : (prices.Min(), prices.Max());
    }

    private static Product Find(Store store, int id, int status = 404) =>
        store.Product(id) is { } p && p.Status != "deleted" ? p : throw WooException.InvalidId("woocommerce_rest_product_invalid_id", status);

    private static IResult Get(HttpContext c, int id) => c.Locked(store => Http.Json(c.Render().Product(Find(store, id))));

    private static async Task<IResult> Create(HttpContext c)
    {
        var body = await c.BodyAsync();
        return c.Locked(store => Http.Json(c.Render().Product(CreateProduct(c, body, lenient: false)), 201));
    }

    private static Product CreateProduct(HttpContext c, JsonObject body, bool lenient)
    {
        var store = c.Store();
        var now = Now(c);
        var p = new Product { CreatedUtc = now, ModifiedUtc = now };
        Writer(c).Apply(p, body, lenient);
        if (string.IsNullOrEmpty(p.Slug)) p.Slug = "product";
        p.Id = store.TakePostId();
        store.Products.Add(p);
        c.Raise("product.created", p.Id);
        return p;
    }

    private static async Task<IResult> Update(HttpContext c, int id)
    {
        var body = await c.BodyAsync();
        return c.Locked(store => Http.Json(c.Render().Product(UpdateProduct(c, id, body, lenient: false))));
    }

    private static Product UpdateProduct(HttpContext c, int id, JsonObject body, bool lenient)
    {
        var p = Find(c.Store(), id, 400);
        if (p.IsVariation) throw UseVariationsEndpoint();
        Writer(c).Apply(p, body, lenient);
        p.ModifiedUtc = Now(c);
        c.Raise("product.updated", p.Id);
        return p;
    }

    private static IResult Delete(HttpContext c, int id) => c.Locked(store => Http.Json(DeleteProduct(c, id, c.ParamBool("force"))));

    private static JsonNode DeleteProduct(HttpContext c, int id, bool force)
    {
        var store = c.Store();
        var p = Find(store, id);
        if (p.IsVariation) throw UseVariationsEndpoint();
        var json = c.Render().Product(p);
        if (!force)
        {
            if (p.Status == "trash") throw WooException.Of("woocommerce_rest_already_trashed", "The product has already been deleted.", 410);
            p.Status = "trash";
            json["status"] = "trash";
        }
        else
        {
            store.Products.RemoveAll(x => x.Id == id || (x.ParentId == id && x.IsVariation));
            return json;
        }
        // product.deleted hangs on wp_trash_post: trashing fires it, a forced delete does not.
        c.Raise("product.deleted", id);
        return json;
    }

    private static async Task<IResult> BatchProducts(HttpContext c)
    {
        var body = await c.BodyAsync();
        var store = c.Store();
        lock (store.Sync)
        {
            var render = c.Render();
            return Http.Json(Batch.Run(body,
                item => render.Product(CreateProduct(c, item, lenient: true), edit: true),
                item => render.Product(UpdateProduct(c, item["id"].Int("id"), item, lenient: true), edit: true),
                id => DeleteProduct(c, id, force: true)));
        }
    }

    private static Product Parent(Store store, int parent, int status = 404) =>
        store.Product(parent) is { IsVariation: false } p ? p : throw WooException.InvalidId("woocommerce_rest_product_invalid_id", status);

    private static Product FindVariation(Store store, int parent, int id, int status = 404) =>
        store.Product(id) is { IsVariation: true } v && v.ParentId == parent ? v : throw WooException.InvalidId("woocommerce_rest_product_variation_invalid_id", status);

    private static IResult ListVariations(HttpContext c, int parent)
    {
        var store = c.Store();
        lock (store.Sync)
        {
            Parent(store, parent);
            IEnumerable<Product> q = store.VariationsOf(parent);
            if (c.Param("sku") is string sku) q = q.Where(v => v.Sku.Equals(sku, StringComparison.OrdinalIgnoreCase));
            if (c.Param("status") is string status && status != "any") q = q.Where(v => v.Status == status);
            if (c.Param("stock_status") is string ss) q = q.Where(v => v.StockStatus == ss);
            if (c.ParamIds("include") is { Count: > 0 } include) q = q.Where(v => include.Contains(v.Id));
            if (c.ParamDateUtc("modified_after") is DateTime mafter) q = q.Where(v => v.ModifiedUtc > mafter);
            if (c.ParamDateUtc("after") is DateTime after) q = q.Where(v => v.CreatedUtc > after);
            if (c.ParamDateUtc("before") is DateTime before) q = q.Where(v => v.CreatedUtc < before);
            // Variations come back in menu order, then by id ascending, like the admin screen.
            var list = c.Ordered(q, by => by switch
            {
                "menu_order" => v => (v.MenuOrder, v.Id),
                "id" => v => v.Id,
                "date" => v => (v.CreatedUtc, v.Id),
                "modified" => v => (v.ModifiedUtc, v.Id),
                "title" => v => v.Name,
                "include" => v => v.Id,
                _ => null,
            }, "menu_order", "asc").ToList();
            var render = c.Render();
            return c.Page(list, v => render.Variation(v));
        }
    }

    private static IResult GetVariation(HttpContext c, int parent, int id) => c.Locked(store => Http.Json(c.Render().Variation(FindVariation(store, parent, id))));

    private static async Task<IResult> CreateVariation(HttpContext c, int parent)
    {
        var body = await c.BodyAsync();
        return c.Locked(store => Http.Json(c.Render().Variation(NewVariation(c, parent, body, lenient: false)), 201));
    }

    private static Product NewVariation(HttpContext c, int parent, JsonObject body, bool lenient)
    {
        var store = c.Store();
        var owner = Parent(store, parent, 400);
        var now = Now(c);
        var v = new Product { Type = "variation", ParentId = owner.Id, CreatedUtc = now, ModifiedUtc = now, ReviewsAllowed = false, MenuOrder = store.VariationsOf(parent).Count() };
        Writer(c).Apply(v, body, lenient);
        v.Id = store.TakePostId();
        v.Slug = owner.Slug + "-" + string.Join("-", v.VariationAttributes.Select(a => Slugs.Make(a.Option)));
        store.Products.Add(v);
        owner.ModifiedUtc = now;
        c.Raise("product.created", v.Id);
        return v;
    }

    private static async Task<IResult> UpdateVariation(HttpContext c, int parent, int id)
    {
        var body = await c.BodyAsync();
        return c.Locked(store => Http.Json(c.Render().Variation(ChangeVariation(c, parent, id, body, lenient: false))));
    }

    private static Product ChangeVariation(HttpContext c, int parent, int id, JsonObject body, bool lenient)
    {
        var v = FindVariation(c.Store(), parent, id, 400);
        Writer(c).Apply(v, body, lenient);
        v.ModifiedUtc = Now(c);
        c.Raise("product.updated", v.Id);
        return v;
    }

    private static IResult DeleteVariation(HttpContext c, int parent, int id) => c.Locked(store => Http.Json(RemoveVariation(c, parent, id, c.ParamBool("force"))));

    private static JsonNode RemoveVariation(HttpContext c, int parent, int id, bool force)
    {
        var store = c.Store();
        var v = FindVariation(store, parent, id);
        if (!force)
            throw WooException.Of("woocommerce_rest_trash_not_supported", "Variations do not support trashing.", 501);
        var json = c.Render().Variation(v);
        store.Products.Remove(v);
        return json;
    }

    private static async Task<IResult> BatchVariations(HttpContext c, int parent)
    {
        var body = await c.BodyAsync();
        var store = c.Store();
        lock (store.Sync)
        {
            Parent(store, parent);
            var render = c.Render();
            return Http.Json(Batch.Run(body,
                item => render.Variation(NewVariation(c, parent, item, lenient: true)),
                item => render.Variation(ChangeVariation(c, parent, item["id"].Int("id"), item, lenient: true)),
                id => RemoveVariation(c, parent, id, force: true)));
        }
    }
}
