using System.Globalization;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;
using static WooCommerce.Emulator.Rest.TaxonomyApi;

namespace WooCommerce.Emulator.Rest;

/// <summary>Tax rates (<c>/taxes</c>, + batch) and tax classes (<c>/taxes/classes</c>), as WooCommerce's v3 controllers.</summary>
public static class TaxesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/taxes", (HttpContext c) => Locked(c, store =>
        {
            IEnumerable<TaxRate> q = store.TaxRates;
            if (c.Param("class") is string cls)
            {
                string[] classes = [.. store.TaxClasses.Select(x => x.Slug).Prepend("standard").Distinct()];
                if (!classes.Contains(Slugs.Make(cls))) throw WooException.NotInEnum("class", classes);
                q = q.Where(r => r.Class == Slugs.Make(cls));
            }
            var render = c.Render();
            var ordered = c.Ordered(q, by => by switch
            {
                "id" => r => r.Id, "order" => r => (r.Order, r.Id), "priority" => r => (r.Priority, r.Id), _ => null,
            }, "order", "asc");
            return c.Page(ordered.ToList(), render.TaxRateJson);
        }));
        api.MapGet("/taxes/{id:int}", (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().TaxRateJson(Find(store, id, 404)))));
        api.MapPost("/taxes", (HttpContext c) => Locked(c, store =>
        {
            var rate = Create(store, c.Params().Body);
            return Args.Created(c, c.Render().TaxRateJson(rate), $"/taxes/{rate.Id}");
        }));
        api.MapMethods("/taxes/{id:int}", ["POST", "PUT", "PATCH"], (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().TaxRateJson(Update(store, id, c.Params().Body)))));
        api.MapDelete("/taxes/{id:int}", (HttpContext c, int id) => Locked(c, store =>
        {
            RequireForce(c, "Taxes do not support trashing.");
            return Http.Json(Delete(c, store, id));
        }));
        api.MapBatch("/taxes/batch", (c, store) =>
        {
            var render = c.Render();
            return new Batch.Handlers(
                item => render.TaxRateJson(Create(store, item)),
                item => render.TaxRateJson(Update(store, item["id"].Int("id"), item)),
                id => Delete(c, store, id));
        });

        api.MapGet("/taxes/classes", (HttpContext c) => Locked(c, store =>
        {
            var render = c.Render();
            return c.All(store.TaxClasses, render.TaxClassJson);
        }));
        // WooCommerce answers one class as a list of one (or an empty list for an unknown slug).
        api.MapGet("/taxes/classes/{slug}", (HttpContext c, string slug) => Locked(c, store =>
        {
            var render = c.Render();
            return Http.Json(new JsonArray([.. store.TaxClasses.Where(x => x.Slug == Slugs.Make(slug)).Select(x => (JsonNode)render.TaxClassJson(x))]));
        }));
        api.MapPost("/taxes/classes", (HttpContext c) => Locked(c, store =>
        {
            var body = c.Params().Body;
            var name = Args.String(body, "name") ?? throw WooException.Missing("name");
            name = name.Trim();
            if (name.Length == 0) throw WooException.Of("woocommerce_rest_tax_class_invalid_name", "Tax class requires a valid name", 400);
            if (store.TaxClasses.Any(x => x.Slug != "standard" && x.Name == name))
                throw WooException.Of("woocommerce_rest_tax_class_exists", "Tax class already exists", 400);
            var slug = Slugs.Make(name);
            if (slug.Length == 0) throw WooException.Of("woocommerce_rest_tax_class_slug_invalid", "Tax class slug is invalid", 400);
            if (store.TaxClasses.Any(x => x.Slug == slug))
                throw WooException.Of("woocommerce_rest_tax_class_slug_exists", "Tax class slug already exists", 400);
            var taxClass = new TaxClass { Slug = slug, Name = name };
            store.TaxClasses.Add(taxClass);
            return Args.Created(c, c.Render().TaxClassJson(taxClass), $"/taxes/classes/{slug}");
        }));
        api.MapDelete("/taxes/classes/{slug}", (HttpContext c, string slug) => Locked(c, store =>
        {
            RequireForce(c, "Taxes do not support trashing.");
            // The standard class is not stored as a class, so it cannot be deleted.
            var taxClass = store.TaxClasses.FirstOrDefault(x => x.Slug == Slugs.Make(slug) && x.Slug != "standard")
                ?? throw WooException.Of("woocommerce_rest_invalid_id", "Invalid resource id.", 400);
            var json = c.Render().TaxClassJson(taxClass);
            store.TaxClasses.Remove(taxClass);
            store.TaxRates.RemoveAll(r => r.Class == taxClass.Slug);
            return Http.Json(json);
        }));
    }

    private static TaxRate Find(Store store, int id, int status) =>
        store.TaxRates.FirstOrDefault(r => r.Id == id) ?? throw WooException.Of("woocommerce_rest_invalid_id", "Invalid resource ID.", status);

    private static TaxRate Create(Store store, JsonObject body)
    {
        if (body["id"] is JsonNode id && id.Str() is { Length: > 0 } s && s != "0")
            throw WooException.Of("woocommerce_rest_tax_exists", "Cannot create existing resource.", 400);
        var rate = new TaxRate();
        Apply(store, rate, body);
        rate.Id = store.NextTaxRateId++;
        store.TaxRates.Add(rate);
        return rate;
    }

    private static TaxRate Update(Store store, int id, JsonObject body)
    {
        var rate = Find(store, id, 404);
        var changed = new TaxRate();
        Copy(rate, changed);
        Apply(store, changed, body); // validates everything before changing the stored rate
        Copy(changed, rate);
        return rate;
    }

    private static JsonObject Delete(HttpContext c, Store store, int id)
    {
        var rate = Find(store, id, 400);
        var json = c.Render().TaxRateJson(rate);
        store.TaxRates.Remove(rate);
        return json;
    }

    /// <summary>The fields of create_or_update_tax, formatted as WC_Tax stores them.</summary>
    private static void Apply(Store store, TaxRate rate, JsonObject body)
    {
        if (Args.String(body, "country") is string country) rate.Country = country.Trim() == "*" ? "" : country.Trim().ToUpperInvariant();
        if (Args.String(body, "state") is string state) rate.State = state.Trim() == "*" ? "" : state.Trim().ToUpperInvariant();
        if (Args.String(body, "rate") is string value)
            rate.Rate = Math.Round(decimal.TryParse(value.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0m, 4, MidpointRounding.AwayFromZero);
        if (Args.String(body, "name") is string name) rate.Name = name.Trim();
        if (Args.Int(body, "priority") is int priority) rate.Priority = Math.Abs(priority);
        if (Args.Bool(body, "compound") is bool compound) rate.Compound = compound;
        if (Args.Bool(body, "shipping") is bool shipping) rate.Shipping = shipping;
        if (Args.Int(body, "order") is int order) rate.Order = Math.Abs(order);
        if (Args.Enum(body, "class", [.. store.TaxClasses.Select(x => x.Slug).Prepend("standard").Distinct()]) is string cls) rate.Class = cls;
        // cities / postcodes (v3) win over the single city / postcode, which may hold several separated by ';'.
        // WordPress only updates them when the joined value is not empty, so [] leaves them as they were.
        var postcodes = Args.Strings(body, "postcodes") ?? Args.String(body, "postcode")?.Split(';').ToList();
        if (postcodes is not null && string.Join(";", postcodes).Length > 0)
            rate.Postcodes = [.. postcodes.Select(p => p.Trim()).Where(p => p.Length > 0 && p != "*").Select(p => p.ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal)).Distinct()];
        var cities = Args.Strings(body, "cities") ?? Args.String(body, "city")?.Split(';').ToList();
        if (cities is not null && string.Join(";", cities).Length > 0)
            rate.Cities = [.. cities.Select(x => x.Trim()).Where(x => x.Length > 0 && x != "*").Select(x => x.ToUpperInvariant()).Distinct()];
    }

    private static void Copy(TaxRate from, TaxRate to)
    {
        to.Id = from.Id; to.Country = from.Country; to.State = from.State; to.Rate = from.Rate; to.Name = from.Name; to.Priority = from.Priority;
        to.Compound = from.Compound; to.Shipping = from.Shipping; to.Order = from.Order; to.Class = from.Class;
        to.Postcodes = [.. from.Postcodes]; to.Cities = [.. from.Cities];
    }
}
