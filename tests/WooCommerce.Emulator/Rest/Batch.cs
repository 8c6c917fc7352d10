using System.Text.Json.Nodes;

namespace WooCommerce.Emulator.Rest;

/// <summary>WooCommerce's batch envelope: up to 100 items in create + update + delete, per-item errors inline.</summary>
public static class Batch
{
    public const int MaxItems = 100;

    /// <summary>WordPress registers every batch route for WP_REST_Server::EDITABLE: POST, PUT and PATCH.</summary>
    public static readonly string[] Methods = ["POST", "PUT", "PATCH"];

    public static RouteHandlerBuilder MapBatch(this IEndpointRouteBuilder api, string pattern, Delegate handler) =>
        api.MapMethods(pattern, Methods, handler);

    /// <summary>What a batch does with each item; all three run under the store lock.</summary>
    public sealed record Handlers(Func<JsonObject, JsonNode> Create, Func<JsonObject, JsonNode> Update, Func<int, JsonNode> Delete);

    /// <summary>A batch route (POST, PUT, PATCH) whose items are handled under the store lock.</summary>
    public static RouteHandlerBuilder MapBatch(this IEndpointRouteBuilder api, string pattern, Func<HttpContext, Model.Store, Handlers> handlers) =>
        api.MapBatch(pattern, (HttpContext c) => c.Locked(store =>
        {
            var h = handlers(c, store);
            return Http.Json(Run(c.Params().Body, h.Create, h.Update, h.Delete));
        }));

    public static JsonObject Run(JsonObject body, Func<JsonObject, JsonNode> create, Func<JsonObject, JsonNode> update, Func<int, JsonNode> delete)
    {
        var creates = body["create"] as JsonArray ?? [];
        var updates = body["update"] as JsonArray ?? [];
        var deletes = body["delete"] as JsonArray ?? [];
        if (creates.Count + updates.Count + deletes.Count > MaxItems)
            throw WooException.Of("woocommerce_rest_request_entity_too_large", $"Unable to accept more than {MaxItems} items for this request.", 413);

        var result = new JsonObject();
        if (body.ContainsKey("create"))
            result["create"] = new JsonArray([.. creates.Select(item => Item(0, () => create(item as JsonObject ?? [])))]);
        if (body.ContainsKey("update"))
            result["update"] = new JsonArray([.. updates.Select(item =>
            {
                var obj = item as JsonObject ?? [];
                var id = obj["id"] is JsonNode n ? SafeId(n) : 0;
                return Item(id, () => update(obj));
            })]);
        if (body.ContainsKey("delete"))
            result["delete"] = new JsonArray([.. deletes.Select(item =>
            {
                var id = item is JsonObject o ? SafeId(o["id"]) : SafeId(item);
                return Item(id, () => delete(id));
            })]);
        return result;
    }

    private static int SafeId(JsonNode? node)
    {
        try { return node.Int("id"); }
        catch (WooException) { return 0; }
    }

    private static JsonNode Item(int id, Func<JsonNode> action)
    {
        try
        {
            return action();
        }
        catch (WooException e)
        {
            return new JsonObject { ["id"] = id, ["error"] = e.Body.DeepClone() };
        }
    }
}
