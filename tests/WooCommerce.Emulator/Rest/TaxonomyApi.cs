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
        api.MapPost("/products/categories", (HttpContext c) => Locked(c, store =>
            Http.Json(c.Render().CategoryJson(TaxonomyWriter.CreateCategory(store, c.Params().Body)), 201)));
        api.MapMethods("/products/categories/{id:int}", ["PUT", "PATCH", "POST"], (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().CategoryJson(TaxonomyWriter.UpdateCategory(store, id, c.Params().Body)))));
        api.MapDelete("/products/categories/{id:int}", (HttpContext c, int id) => Locked(c, store =>
        {
            var found = store.CategoryById(id) ?? throw TermNotFound();
            RequireForce(c, "Resource does not support trashing.");
            return Http.Json(TaxonomyWriter.DeleteCategory(c.Render(), store, found.Id));
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
        api.MapPost("/products/tags", (HttpContext c) => Locked(c, store =>
            Http.Json(c.Render().TagJson(TaxonomyWriter.CreateTag(store, c.Params().Body)), 201)));
        api.MapMethods("/products/tags/{id:int}", ["PUT", "PATCH", "POST"], (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().TagJson(TaxonomyWriter.UpdateTag(store, id, c.Params().Body)))));
        api.MapDelete("/products/tags/{id:int}", (HttpContext c, int id) => Locked(c, store =>
        {
            var found = store.TagById(id) ?? throw TermNotFound();
            RequireForce(c, "Resource does not support trashing.");
            return Http.Json(TaxonomyWriter.DeleteTag(c.Render(), store, found.Id));
        }));

        api.MapGet("/products/shipping_classes", (HttpContext c) => Locked(c, store =>
        {
            var render = c.Render();
            return c.Page(store.ShippingClasses.OrderBy(x => x.Name).ToList(), render.ShippingClassJson);
        }));
        api.MapGet("/products/shipping_classes/{id:int}", (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().ShippingClassJson(store.ShippingClasses.FirstOrDefault(x => x.Id == id) ?? throw TermNotFound()))));

        api.MapPost("/products/shipping_classes", (HttpContext c) => Locked(c, store =>
            Http.Json(c.Render().ShippingClassJson(TaxonomyWriter.CreateShippingClass(store, c.Params().Body)), 201)));
        api.MapMethods("/products/shipping_classes/{id:int}", ["PUT", "PATCH", "POST"], (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().ShippingClassJson(TaxonomyWriter.UpdateShippingClass(store, id, c.Params().Body)))));
        api.MapDelete("/products/shipping_classes/{id:int}", (HttpContext c, int id) => Locked(c, store =>
        {
            var found = store.ShippingClasses.FirstOrDefault(x => x.Id == id) ?? throw TermNotFound();
            RequireForce(c, "Resource does not support trashing.");
            return Http.Json(TaxonomyWriter.DeleteShippingClass(c.Render(), store, found.Id));
        }));

        api.MapGet("/products/attributes", (HttpContext c) => Locked(c, store =>
        {
            var render = c.Render();
            return c.All(store.Attributes.OrderBy(a => a.Id).ToList(), render.AttributeJson);
        }));
        api.MapGet("/products/attributes/{id:int}", (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().AttributeJson(Attribute(store, id)))));
        api.MapPost("/products/attributes", (HttpContext c) => Locked(c, store =>
            Http.Json(c.Render().AttributeJson(TaxonomyWriter.CreateAttribute(store, c.Params().Body)), 201)));
        api.MapMethods("/products/attributes/{id:int}", ["PUT", "PATCH", "POST"], (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().AttributeJson(TaxonomyWriter.UpdateAttribute(store, id, c.Params().Body)))));
        api.MapDelete("/products/attributes/{id:int}", (HttpContext c, int id) => Locked(c, store =>
        {
            Attribute(store, id);
            RequireForce(c, "Resource does not support trashing.");
            return Http.Json(TaxonomyWriter.DeleteAttribute(c.Render(), store, id));
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
        api.MapPost("/products/attributes/{attribute:int}/terms", (HttpContext c, int attribute) => Locked(c, store =>
            Http.Json(c.Render().TermJson(TaxonomyWriter.CreateTerm(store, Attribute(store, attribute).Id, c.Params().Body)), 201)));
        api.MapMethods("/products/attributes/{attribute:int}/terms/{id:int}", ["PUT", "PATCH", "POST"], (HttpContext c, int attribute, int id) => Locked(c, store =>
            Http.Json(c.Render().TermJson(TaxonomyWriter.UpdateTerm(store, Attribute(store, attribute).Id, id, c.Params().Body)))));
        api.MapDelete("/products/attributes/{attribute:int}/terms/{id:int}", (HttpContext c, int attribute, int id) => Locked(c, store =>
        {
            var found = store.Terms.FirstOrDefault(t => t.AttributeId == Attribute(store, attribute).Id && t.Id == id) ?? throw TermNotFound();
            RequireForce(c, "Resource does not support trashing.");
            return Http.Json(TaxonomyWriter.DeleteTerm(c.Render(), store, attribute, found.Id));
        }));
        TaxonomyWriter.MapBatches(api);
    }

    public static IResult Locked(HttpContext c, Func<Store, IResult> action) => c.Locked(action);

    private static GlobalAttribute Attribute(Store store, int id) => TaxonomyWriter.Attribute(store, id);

    private static WooException TermNotFound() => TaxonomyWriter.TermNotFound();

    public static void RequireForce(HttpContext c, string message)
    {
        if (!c.ParamBool("force")) throw WooException.Of("woocommerce_rest_trash_not_supported", message, 501);
    }
}
