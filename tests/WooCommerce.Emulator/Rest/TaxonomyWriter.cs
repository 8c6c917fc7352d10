using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using WooCommerce.Emulator.Model;

namespace WooCommerce.Emulator.Rest;

/// <summary>
/// Creates, updates and deletes categories, tags, shipping classes, global attributes and their terms — used by the
/// single routes and by their batch routes (registered here), whose deletes are forced as WooCommerce's are.
/// </summary>
public static class TaxonomyWriter
{
    public static void MapBatches(RouteGroupBuilder api)
    {
        api.MapBatch("/products/categories/batch", (c, store) =>
        {
            var render = c.Render();
            return new Batch.Handlers(
                item => render.CategoryJson(CreateCategory(store, item)),
                item => render.CategoryJson(UpdateCategory(store, item["id"].Int("id"), item)),
                id => DeleteCategory(render, store, id));
        });
        api.MapBatch("/products/tags/batch", (c, store) =>
        {
            var render = c.Render();
            return new Batch.Handlers(
                item => render.TagJson(CreateTag(store, item)),
                item => render.TagJson(UpdateTag(store, item["id"].Int("id"), item)),
                id => DeleteTag(render, store, id));
        });
        api.MapBatch("/products/shipping_classes/batch", (c, store) =>
        {
            var render = c.Render();
            return new Batch.Handlers(
                item => render.ShippingClassJson(CreateShippingClass(store, item)),
                item => render.ShippingClassJson(UpdateShippingClass(store, item["id"].Int("id"), item)),
                id => DeleteShippingClass(render, store, id));
        });
        api.MapBatch("/products/attributes/batch", (c, store) =>
        {
            var render = c.Render();
            return new Batch.Handlers(
                item => render.AttributeJson(CreateAttribute(store, item)),
                item => render.AttributeJson(UpdateAttribute(store, item["id"].Int("id"), item)),
                id => DeleteAttribute(render, store, id));
        });
        api.MapBatch("/products/attributes/{attribute:int}/terms/batch", (c, store) =>
        {
            var attribute = Attribute(store, int.Parse((string)c.GetRouteValue("attribute")!, System.Globalization.CultureInfo.InvariantCulture)).Id;
            var render = c.Render();
            return new Batch.Handlers(
                item => render.TermJson(CreateTerm(store, attribute, item)),
                item => render.TermJson(UpdateTerm(store, attribute, item["id"].Int("id"), item)),
                id => DeleteTerm(render, store, attribute, id));
        });
    }

    public static GlobalAttribute Attribute(Store store, int id) =>
        store.Attributes.FirstOrDefault(a => a.Id == id) ?? throw WooException.Of("woocommerce_rest_taxonomy_invalid", "Resource does not exist.", 404);

    public static WooException TermNotFound() => WooException.Of("woocommerce_rest_term_invalid", "Resource does not exist.", 404);

    private static string RequiredName(JsonObject body) => body.ContainsKey("name")
        ? Args.String(body, "name")!.Trim() is { Length: > 0 } name ? name : throw WooException.Of("empty_term_name", "A name is required for this term.", 400)
        : throw WooException.Missing("name");

    private static WooException TermExists(bool withParent) => WooException.Of("term_exists",
        withParent ? "A term with the name provided already exists with this parent." : "A term with the name provided already exists in this taxonomy.", 400);

    private static string SlugOr(JsonObject body, string name) => Args.String(body, "slug") is { Length: > 0 } s ? Slugs.Make(s) : Slugs.Make(name);

    public static Category CreateCategory(Store store, JsonObject body)
    {
        var name = RequiredName(body);
        var parent = Args.Int(body, "parent") ?? 0;
        if (parent != 0 && store.CategoryById(parent) is null) throw WooException.Of("rest_term_invalid", "Parent term does not exist.", 400);
        var slug = SlugOr(body, name);
        if (store.Categories.Any(x => (x.Slug == slug || x.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) && x.Parent == parent)) throw TermExists(withParent: true);
        var category = new Category { Id = store.TakeTermId(), Name = name, Slug = slug, Parent = parent, Description = Args.String(body, "description") ?? "" };
        if (Args.Enum(body, "display", ["default", "products", "subcategories", "both"]) is string display) category.Display = display;
        if (Args.Int(body, "menu_order") is int order) category.MenuOrder = order;
        store.Categories.Add(category);
        return category;
    }

    public static Category UpdateCategory(Store store, int id, JsonObject body)
    {
        var category = store.CategoryById(id) ?? throw TermNotFound();
        var name = body.ContainsKey("name") ? RequiredName(body) : null;
        var parent = Args.Int(body, "parent");
        if (parent is int p && p != 0 && (store.CategoryById(p) is null || p == id)) throw WooException.Of("rest_term_invalid", "Parent term does not exist.", 400);
        var display = Args.Enum(body, "display", ["default", "products", "subcategories", "both"]);
        if (name is not null) category.Name = name;
        if (Args.String(body, "slug") is { Length: > 0 } slug) category.Slug = Slugs.Make(slug);
        if (parent is int newParent) category.Parent = newParent;
        if (Args.String(body, "description") is string description) category.Description = description;
        if (display is not null) category.Display = display;
        if (Args.Int(body, "menu_order") is int order) category.MenuOrder = order;
        return category;
    }

    public static JsonObject DeleteCategory(Render render, Store store, int id)
    {
        var category = store.CategoryById(id) ?? throw TermNotFound();
        var json = render.CategoryJson(category);
        store.Categories.Remove(category);
        foreach (var child in store.Categories.Where(x => x.Parent == id)) child.Parent = category.Parent;
        foreach (var p in store.Products) p.CategoryIds.Remove(id);
        return json;
    }

    public static Tag CreateTag(Store store, JsonObject body)
    {
        var name = RequiredName(body);
        var slug = SlugOr(body, name);
        if (store.Tags.Any(t => t.Slug == slug || t.Name.Equals(name, StringComparison.OrdinalIgnoreCase))) throw TermExists(withParent: false);
        var tag = new Tag { Id = store.TakeTermId(), Name = name, Slug = slug, Description = Args.String(body, "description") ?? "" };
        store.Tags.Add(tag);
        return tag;
    }

    public static Tag UpdateTag(Store store, int id, JsonObject body)
    {
        var tag = store.TagById(id) ?? throw TermNotFound();
        if (body.ContainsKey("name")) tag.Name = RequiredName(body);
        if (Args.String(body, "slug") is { Length: > 0 } slug) tag.Slug = Slugs.Make(slug);
        if (Args.String(body, "description") is string description) tag.Description = description;
        return tag;
    }

    public static JsonObject DeleteTag(Render render, Store store, int id)
    {
        var tag = store.TagById(id) ?? throw TermNotFound();
        var json = render.TagJson(tag);
        store.Tags.Remove(tag);
        foreach (var p in store.Products) p.TagIds.Remove(id);
        return json;
    }

    public static ShippingClass CreateShippingClass(Store store, JsonObject body)
    {
        var name = RequiredName(body);
        var slug = SlugOr(body, name);
        if (store.ShippingClasses.Any(x => x.Slug == slug || x.Name.Equals(name, StringComparison.OrdinalIgnoreCase))) throw TermExists(withParent: false);
        var shippingClass = new ShippingClass { Id = store.TakeTermId(), Name = name, Slug = slug, Description = Args.String(body, "description") ?? "" };
        store.ShippingClasses.Add(shippingClass);
        return shippingClass;
    }

    public static ShippingClass UpdateShippingClass(Store store, int id, JsonObject body)
    {
        var shippingClass = store.ShippingClasses.FirstOrDefault(x => x.Id == id) ?? throw TermNotFound();
        if (body.ContainsKey("name")) shippingClass.Name = RequiredName(body);
        if (Args.String(body, "slug") is { Length: > 0 } slug) shippingClass.Slug = Slugs.Make(slug);
        if (Args.String(body, "description") is string description) shippingClass.Description = description;
        return shippingClass;
    }

    public static JsonObject DeleteShippingClass(Render render, Store store, int id)
    {
        var shippingClass = store.ShippingClasses.FirstOrDefault(x => x.Id == id) ?? throw TermNotFound();
        var json = render.ShippingClassJson(shippingClass);
        store.ShippingClasses.Remove(shippingClass);
        foreach (var p in store.Products.Where(p => p.ShippingClassId == id)) p.ShippingClassId = 0;
        return json;
    }

    public static GlobalAttribute CreateAttribute(Store store, JsonObject body)
    {
        var name = RequiredName(body);
        var slug = "pa_" + (Args.String(body, "slug") is { Length: > 0 } s ? Slugs.Make(s.Replace("pa_", "", StringComparison.Ordinal)) : Slugs.Make(name));
        if (store.Attributes.Any(a => a.Slug == slug))
            throw WooException.Of("woocommerce_rest_cannot_create", $"Slug \"{slug}\" is already in use. Change it, please.", 400);
        var attribute = new GlobalAttribute { Id = store.NextAttributeId++, Name = name, Slug = slug };
        ApplyAttribute(attribute, body);
        store.Attributes.Add(attribute);
        return attribute;
    }

    public static GlobalAttribute UpdateAttribute(Store store, int id, JsonObject body)
    {
        var attribute = Attribute(store, id);
        var name = body.ContainsKey("name") ? RequiredName(body) : null;
        var slug = Args.String(body, "slug") is { Length: > 0 } s ? "pa_" + Slugs.Make(s.Replace("pa_", "", StringComparison.Ordinal)) : null;
        if (slug is not null && store.Attributes.Any(a => a.Slug == slug && a.Id != id))
            throw WooException.Of("woocommerce_rest_cannot_edit", $"Slug \"{slug}\" is already in use. Change it, please.", 400);
        ApplyAttribute(attribute, body);
        if (name is not null) attribute.Name = name;
        if (slug is not null) attribute.Slug = slug;
        return attribute;
    }

    private static void ApplyAttribute(GlobalAttribute attribute, JsonObject body)
    {
        var orderBy = Args.Enum(body, "order_by", ["menu_order", "name", "name_num", "id"]);
        var hasArchives = Args.Bool(body, "has_archives");
        if (Args.String(body, "type") is { Length: > 0 } type) attribute.Type = type;
        if (orderBy is not null) attribute.OrderBy = orderBy;
        if (hasArchives is bool h) attribute.HasArchives = h;
    }

    public static JsonObject DeleteAttribute(Render render, Store store, int id)
    {
        var attribute = Attribute(store, id);
        var json = render.AttributeJson(attribute);
        store.Attributes.Remove(attribute);
        store.Terms.RemoveAll(t => t.AttributeId == id);
        return json;
    }

    public static AttributeTerm CreateTerm(Store store, int attribute, JsonObject body)
    {
        var name = RequiredName(body);
        var slug = SlugOr(body, name);
        if (store.Terms.Any(t => t.AttributeId == attribute && (t.Slug == slug || t.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))) throw TermExists(withParent: false);
        var term = new AttributeTerm
        {
            Id = store.TakeTermId(), AttributeId = attribute, Name = name, Slug = slug,
            MenuOrder = Args.Int(body, "menu_order") ?? 0, Description = Args.String(body, "description") ?? "",
        };
        store.Terms.Add(term);
        return term;
    }

    public static AttributeTerm UpdateTerm(Store store, int attribute, int id, JsonObject body)
    {
        var term = store.Terms.FirstOrDefault(t => t.AttributeId == attribute && t.Id == id) ?? throw TermNotFound();
        if (body.ContainsKey("name")) term.Name = RequiredName(body);
        if (Args.String(body, "slug") is { Length: > 0 } slug) term.Slug = Slugs.Make(slug);
        if (Args.String(body, "description") is string description) term.Description = description;
        if (Args.Int(body, "menu_order") is int order) term.MenuOrder = order;
        return term;
    }

    public static JsonObject DeleteTerm(Render render, Store store, int attribute, int id)
    {
        var term = store.Terms.FirstOrDefault(t => t.AttributeId == attribute && t.Id == id) ?? throw TermNotFound();
        var json = render.TermJson(term);
        store.Terms.Remove(term);
        return json;
    }
}
