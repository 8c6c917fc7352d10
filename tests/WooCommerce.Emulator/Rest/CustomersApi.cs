using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Webhooks;
using static WooCommerce.Emulator.Rest.TaxonomyApi;

namespace WooCommerce.Emulator.Rest;

public static class CustomersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/customers", (HttpContext c) => Locked(c, store =>
        {
            var role = c.Param("role") ?? "customer";
            IEnumerable<Customer> q = store.Customers;
            if (role != "all") q = q.Where(x => x.Role == role);
            if (c.Param("email") is string email) q = q.Where(x => x.Email.Equals(email, StringComparison.OrdinalIgnoreCase));
            if (c.Param("search") is string s) q = q.Where(x => x.Email.Contains(s, StringComparison.OrdinalIgnoreCase)
                || x.FirstName.Contains(s, StringComparison.OrdinalIgnoreCase) || x.LastName.Contains(s, StringComparison.OrdinalIgnoreCase) || x.Username.Contains(s, StringComparison.OrdinalIgnoreCase));
            if (c.ParamIds("include") is { Count: > 0 } include) q = q.Where(x => include.Contains(x.Id));
            var list = c.Ordered(q, by => by switch
            {
                "name" => x => x.Username, "id" or "include" => x => x.Id, "registered_date" => x => (x.CreatedUtc, x.Id), _ => null,
            }, "name", "asc").ToList();
            var render = c.Render();
            return c.Page(list, render.CustomerJson);
        }));
        api.MapGet("/customers/{id:int}", (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().CustomerJson(Find(store, id)))));
        api.MapPost("/customers", (HttpContext c) => Locked(c, store =>
            Http.Json(c.Render().CustomerJson(Create(c, store, c.Params().Body)), 201)));
        api.MapMethods("/customers/{id:int}", ["PUT", "PATCH", "POST"], (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().CustomerJson(Update(c, store, id, c.Params().Body)))));
        api.MapDelete("/customers/{id:int}", (HttpContext c, int id) => Locked(c, store =>
        {
            Find(store, id);
            RequireForce(c, "Customers do not support trashing.");
            return Http.Json(Delete(c, store, id));
        }));
        api.MapBatch("/customers/batch", (c, store) =>
        {
            var render = c.Render();
            return new Batch.Handlers(
                item => render.CustomerJson(Create(c, store, item)),
                item => render.CustomerJson(Update(c, store, item["id"].Int("id"), item)),
                id => Delete(c, store, id));
        });
    }

    private static Customer Create(HttpContext c, Store store, JsonObject body)
    {
        var email = body["email"].Str();
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _) || !email.Contains('.', StringComparison.Ordinal))
            throw WooException.Of("customer_invalid_email", "Invalid email address", 400);
        if (store.Customers.Any(x => x.Email.Equals(email, StringComparison.OrdinalIgnoreCase)))
            throw WooException.Of("registration-error-email-exists", $"An account is already registered with {email}. Please log in or use a different email address.", 400);
        var now = c.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var customer = new Customer { Id = store.NextUserId++, Email = email, Username = body["username"]?.Str() is { Length: > 0 } u ? u : email.Split('@')[0], CreatedUtc = now, ModifiedUtc = now };
        Apply(store, customer, body);
        store.Customers.Add(customer);
        c.Raise("customer.created", customer.Id);
        return customer;
    }

    private static Customer Update(HttpContext c, Store store, int id, JsonObject body)
    {
        var customer = Find(store, id, 400);
        Apply(store, customer, body);
        customer.ModifiedUtc = c.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        c.Raise("customer.updated", customer.Id);
        return customer;
    }

    private static JsonObject Delete(HttpContext c, Store store, int id)
    {
        var customer = Find(store, id);
        var json = c.Render().CustomerJson(customer);
        store.Customers.Remove(customer);
        c.Raise("customer.deleted", id);
        return json;
    }

    private static Customer Find(Store store, int id, int status = 404) =>
        store.Customer(id) ?? throw (status == 404
            ? WooException.Of("wc_user_invalid_id", "Invalid user ID.", 404)
            : WooException.Of("woocommerce_rest_invalid_id", "Invalid resource ID.", status));

    private static void Apply(Store store, Customer customer, JsonObject body)
    {
        if (body["first_name"] is JsonNode f) customer.FirstName = f.Str();
        if (body["last_name"] is JsonNode l) customer.LastName = l.Str();
        if (body["role"] is JsonNode r) customer.Role = r.Str();
        if (body["billing"] is JsonObject billing) CopyAddress(customer.Billing, billing);
        if (body["shipping"] is JsonObject shipping) CopyAddress(customer.Shipping, shipping);
        if (body["meta_data"] is JsonArray meta) ProductWriter.MergeMeta(store, customer.MetaData, meta);
    }

    private static void CopyAddress(Address a, JsonObject json)
    {
        foreach (var (key, value) in json)
        {
            var v = value.Str();
            switch (key)
            {
                case "first_name": a.FirstName = v; break;
                case "last_name": a.LastName = v; break;
                case "company": a.Company = v; break;
                case "address_1": a.Address1 = v; break;
                case "address_2": a.Address2 = v; break;
                case "city": a.City = v; break;
                case "state": a.State = v; break;
                case "postcode": a.Postcode = v; break;
                case "country": a.Country = v; break;
                case "email": a.Email = v; break;
                case "phone": a.Phone = v; break;
            }
        }
    }
}
