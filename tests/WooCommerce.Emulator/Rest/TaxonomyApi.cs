using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;

namespace WooCommerce.Emulator.Rest;

/// <summary>Categories, tags, shipping classes, global attributes and their terms.</summary>
public static class TaxonomyApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/products/categories", (HttpContext c) => Locked(c, store =>
        {
            IEnumerable<Category> q = store.Categories;
            if (c.Param("parent") is not null) { var parent = c.ParamInt("parent", 0); q = q.Where(x => x.Parent == parent); }
            if (c.Param("search") is string s) q = q.Where(x => x.Name.Contains(s, StringComparison.OrdinalIgnoreCase));
            if (c.Param("slug") is string slug) q = q.Where(x => x.Slug == slug);
            var render = c.Render();
            return c.Page(c.Ordered(q, by => by switch { "name" => x => x.Name, "id" => x => x.Id, "slug" => x => x.Slug, _ => null }, "name", "asc").ToList(), render.CategoryJson);
        }));
        api.MapGet("/products/categories/{id:int}", (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().CategoryJson(store.CategoryById(id) ?? throw TermNotFound()))));
        api.MapPost("/products/categories", async (HttpContext c) =>
        {
            var body = await c.BodyAsync();
            return Locked(c, store =>
            {
                var name = RequiredName(body);
                var parent = body["parent"] is JsonNode p ? p.Int("parent") : 0;
                if (parent != 0 && store.CategoryById(parent) is null)
                    throw WooException.Of("rest_term_invalid", "Parent term does not exist.", 400);
                var slug = body["slug"]?.Str() is { Length: > 0 } s ? s : Slugs.Make(name);
                if (store.Categories.Any(x => x.Slug == slug && x.Parent == parent))
                    throw WooException.Of("term_exists", "A term with the name provided already exists with this parent.", 400);
                var category = new Category { Id = store.TakeTermId(), Name = name, Slug = slug, Parent = parent, Description = body["description"].Str() };
                store.Categories.Add(category);
                return Http.Json(c.Render().CategoryJson(category), 201);
            });
        });
        api.MapMethods("/products/categories/{id:int}", ["PUT", "PATCH", "POST"], async (HttpContext c, int id) =>
        {
            var body = await c.BodyAsync();
            return Locked(c, store =>
            {
                var category = store.CategoryById(id) ?? throw TermNotFound();
                if (body["name"] is JsonNode n) category.Name = n.Str();
                if (body["slug"] is JsonNode s) category.Slug = s.Str();
                if (body["parent"] is JsonNode p) category.Parent = p.Int("parent");
                if (body["description"] is JsonNode d) category.Description = d.Str();
                return Http.Json(c.Render().CategoryJson(category));
            });
        });
        api.MapDelete("/products/categories/{id:int}", (HttpContext c, int id) => Locked(c, store =>
        {
            var category = store.CategoryById(id) ?? throw TermNotFound();
            RequireForce(c, "Resource does not support trashing.");
            var json = c.Render().CategoryJson(category);
            store.Categories.Remove(category);
            foreach (var child in store.Categories.Where(x => x.Parent == id)) child.Parent = category.Parent;
            foreach (var p in store.Products) p.CategoryIds.Remove(id);
            return Http.Json(json);
        }));

        api.MapGet("/products/tags", (HttpContext c) => Locked(c, store =>
        {
            IEnumerable<Tag> q = store.Tags;
            if (c.Param("search") is string s) q = q.Where(x => x.Name.Contains(s, StringComparison.OrdinalIgnoreCase));
            var render = c.Render();
            return c.Page(c.Ordered(q, by => by switch { "name" => x => x.Name, "id" => x => x.Id, "slug" => x => x.Slug, _ => null }, "name", "asc").ToList(), render.TagJson);
        }));
        api.MapGet("/products/tags/{id:int}", (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().TagJson(store.TagById(id) ?? throw TermNotFound()))));
        api.MapPost("/products/tags", async (HttpContext c) =>
        {
            var body = await c.BodyAsync();
            return Locked(c, store =>
            {
                var name = RequiredName(body);
                if (store.Tags.Any(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                    throw WooException.Of("term_exists", "A term with the name provided already exists in this taxonomy.", 400);
                var tag = new Tag { Id = store.TakeTermId(), Name = name, Slug = body["slug"]?.Str() is { Length: > 0 } s ? s : Slugs.Make(name), Description = body["description"].Str() };
                store.Tags.Add(tag);
                return Http.Json(c.Render().TagJson(tag), 201);
            });
        });
        api.MapDelete("/products/tags/{id:int}", (HttpContext c, int id) => Locked(c, store =>
        {
            var tag = store.TagById(id) ?? throw TermNotFound();
            RequireForce(c, "Resource does not support trashing.");
            var json = c.Render().TagJson(tag);
            store.Tags.Remove(tag);
            foreach (var p in store.Products) p.TagIds.Remove(id);
            return Http.Json(json);
        }));

        api.MapGet("/products/shipping_classes", (HttpContext c) => Locked(c, store =>
        {
            var render = c.Render();
            return c.Page(store.ShippingClasses.OrderBy(x => x.Name).ToList(), render.ShippingClassJson);
        }));
        api.MapGet("/products/shipping_classes/{id:int}", (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().ShippingClassJson(store.ShippingClasses.FirstOrDefault(x => x.Id == id) ?? throw TermNotFound()))));

        api.MapGet("/products/attributes", (HttpContext c) => Locked(c, store =>
        {
            var render = c.Render();
            return c.All(store.Attributes.OrderBy(a => a.Id).ToList(), render.AttributeJson);
        }));
        api.MapGet("/products/attributes/{id:int}", (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().AttributeJson(Attribute(store, id)))));
        api.MapPost("/products/attributes", async (HttpContext c) =>
        {
            var body = await c.BodyAsync();
            return Locked(c, store =>
            {
                var name = RequiredName(body);
                var slug = "pa_" + (body["slug"]?.Str() is { Length: > 0 } s ? s.Replace("pa_", "", StringComparison.Ordinal) : Slugs.Make(name));
                if (store.Attributes.Any(a => a.Slug == slug))
                    throw WooException.Of("woocommerce_rest_cannot_create", $"Slug \"{slug}\" is already in use. Change it, please.", 400);
                var attribute = new GlobalAttribute { Id = store.NextAttributeId++, Name = name, Slug = slug, HasArchives = body["has_archives"].Bool() };
                store.Attributes.Add(attribute);
                return Http.Json(c.Render().AttributeJson(attribute), 201);
            });
        });
        api.MapDelete("/products/attributes/{id:int}", (HttpContext c, int id) => Locked(c, store =>
        {
            var attribute = Attribute(store, id);
            RequireForce(c, "Resource does not support trashing.");
            var json = c.Render().AttributeJson(attribute);
            store.Attributes.Remove(attribute);
            store.Terms.RemoveAll(t => t.AttributeId == id);
            return Http.Json(json);
        }));

        api.MapGet("/products/attributes/{attribute:int}/terms", (HttpContext c, int attribute) => Locked(c, store =>
        {
            Attribute(store, attribute);
            var render = c.Render();
            var terms = c.Ordered(store.Terms.Where(t => t.AttributeId == attribute), by => by switch
            {
                "name" => t => t.Name, "id" => t => t.Id, "slug" => t => t.Slug, "menu_order" => t => (t.MenuOrder, t.Id), _ => null,
            }, "name", "asc").ToList();
            return c.Page(terms, render.TermJson);
        }));
        api.MapGet("/products/attributes/{attribute:int}/terms/{id:int}", (HttpContext c, int attribute, int id) => Locked(c, store =>
        {
            Attribute(store, attribute);
            return Http.Json(c.Render().TermJson(store.Terms.FirstOrDefault(t => t.AttributeId == attribute && t.Id == id) ?? throw TermNotFound()));
        }));
        api.MapPost("/products/attributes/{attribute:int}/terms", async (HttpContext c, int attribute) =>
        {
            var body = await c.BodyAsync();
            return Locked(c, store =>
            {
                Attribute(store, attribute);
                var name = RequiredName(body);
                if (store.Terms.Any(t => t.AttributeId == attribute && t.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                    throw WooException.Of("term_exists", "A term with the name provided already exists in this taxonomy.", 400);
                var term = new AttributeTerm
                {
                    Id = store.TakeTermId(), AttributeId = attribute, Name = name, Slug = Slugs.Make(name),
                    MenuOrder = body["menu_order"] is JsonNode m ? m.Int("menu_order") : 0, Description = body["description"].Str(),
                };
                store.Terms.Add(term);
                return Http.Json(c.Render().TermJson(term), 201);
            });
        });
        api.MapDelete("/products/attributes/{attribute:int}/terms/{id:int}", (HttpContext c, int attribute, int id) => Locked(c, store =>
        {
            Attribute(store, attribute);
            var term = store.Terms.FirstOrDefault(t => t.AttributeId == attribute && t.Id == id) ?? throw TermNotFound();
            RequireForce(c, "Resource does not support trashing.");
            var json = c.Render().TermJson(term);
            store.Terms.Remove(term);
            return Http.Json(json);
        }));
    }

    public static IResult Locked(HttpContext c, Func<Store, IResult> action) => c.Locked(action);

    private static GlobalAttribute Attribute(Store store, int id) =>
        store.Attributes.FirstOrDefault(a => a.Id == id) ?? throw WooException.Of("woocommerce_rest_taxonomy_invalid", "Resource does not exist.", 404);

    private static WooException TermNotFound() => WooException.Of("woocommerce_rest_term_invalid", "Resource does not exist.", 404);

    private static string RequiredName(JsonObject body) => body["name"]?.Str() is { Length: > 0 } name
        ? name
        : throw WooException.Of("rest_missing_callback_param", "Missing parameter(s): name", 400);

    public static void RequireForce(HttpContext c, string message)
    {
        if (!c.ParamBool("force")) throw WooException.Of("woocommerce_rest_trash_not_supported", message, 501);
    }
}
