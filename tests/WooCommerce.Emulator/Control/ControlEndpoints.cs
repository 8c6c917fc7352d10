using System.Text.Json;
using System.Text.Json.Serialization;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Seed;
using WooCommerce.Emulator.WcAuth;
using WooCommerce.Emulator.Webhooks;

namespace WooCommerce.Emulator.Control;

public sealed record KeyRequest(string? Permission, string? Description);
public sealed record ResetRequest(bool Fresh = false);
public sealed record CountRequest(int Count, int Seed = 1);
public sealed record SettingsRequest(string? TimezoneString, double? GmtOffset, string? Currency, string? CurrencySymbol, string? CurrencyName, bool? WoocommerceActive = null);

/// <summary>Test-only endpoints under /__emulator/; the same operations exist as methods on <see cref="WooEmulator"/>.</summary>
public static class ControlEndpoints
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void Map(WebApplication app)
    {
        var control = app.MapGroup("/__emulator");
        control.MapPost("/reset", async (HttpContext c, Store store, RequestLog log, FaultInjector faults, WebhookDispatcher hooks) =>
        {
            var request = c.Request.ContentLength > 0 || c.Request.Headers.TransferEncoding.Count > 0
                ? await c.Request.ReadFromJsonAsync<ResetRequest>(Json) ?? new ResetRequest() : new ResetRequest();
            Reset(store, log, faults, hooks, request.Fresh);
            return Results.NoContent();
        });
        control.MapPost("/fresh", (Store store, RequestLog log, FaultInjector faults, WebhookDispatcher hooks) =>
        {
            Reset(store, log, faults, hooks, fresh: true);
            return Results.Json(State(store), Json);
        });
        control.MapPost("/seed", (Store store) =>
        {
            FixtureStoreSeed.Apply(store);
            return Results.Json(State(store), Json);
        });
        control.MapPost("/generate/products", async (HttpContext c, Store store, TimeProvider clock) =>
        {
            var spec = await c.Request.ReadFromJsonAsync<ProductGeneration>(Json) ?? new ProductGeneration();
            return Results.Json(new { ids = Generator.Products(store, spec, clock.GetUtcNow().UtcDateTime) }, Json);
        });
        control.MapPost("/generate/customers", async (HttpContext c, Store store, TimeProvider clock) =>
        {
            var spec = await c.Request.ReadFromJsonAsync<CountRequest>(Json) ?? new CountRequest(1);
            return Results.Json(new { ids = Generator.Customers(store, spec.Count, spec.Seed, clock.GetUtcNow().UtcDateTime) }, Json);
        });
        control.MapPost("/generate/orders", async (HttpContext c, Store store, TimeProvider clock, WebhookDispatcher hooks) =>
        {
            var spec = await c.Request.ReadFromJsonAsync<CountRequest>(Json) ?? new CountRequest(1);
            var origin = $"{c.Request.Scheme}://{c.Request.Host}";
            return Results.Json(new { ids = Generator.Orders(store, spec.Count, spec.Seed, clock, (topic, id) => hooks.Raise(topic, id, origin)) }, Json);
        });
        ShopControls.Map(control);
        control.MapPost("/keys", async (HttpContext c, Store store) =>
        {
            var request = await c.Request.ReadFromJsonAsync<KeyRequest>(Json) ?? new KeyRequest(null, null);
            var permission = request.Permission switch { "read" => KeyPermission.Read, "write" => KeyPermission.Write, _ => KeyPermission.ReadWrite };
            var key = store.CreateKey(permission, request.Description ?? "control endpoint");
            return Results.Json(new { key.KeyId, key.ConsumerKey, key.ConsumerSecret, KeyPermissions = key.PermissionName }, Json, statusCode: 201);
        });
        control.MapGet("/state", (Store store) => Results.Json(State(store), Json));
        control.MapGet("/requests", (RequestLog log) => Results.Json(log.Entries, Json));
        control.MapDelete("/requests", (RequestLog log) => { log.Clear(); return Results.NoContent(); });
        control.MapGet("/faults", (FaultInjector faults) => Results.Json(faults.Rules, Json));
        control.MapPost("/faults", async (HttpContext c, FaultInjector faults) =>
        {
            var rule = await c.Request.ReadFromJsonAsync<FaultRule>(Json) ?? new FaultRule();
            return Results.Json(faults.Add(rule), Json, statusCode: 201);
        });
        control.MapDelete("/faults", (FaultInjector faults) => { faults.Clear(); return Results.NoContent(); });
        control.MapDelete("/faults/{id:int}", (int id, FaultInjector faults) => faults.Remove(id) ? Results.NoContent() : Results.NotFound());
        control.MapGet("/webhooks/deliveries", (WebhookDispatcher hooks) => Results.Json(hooks.Deliveries, Json));
        control.MapGet("/webhooks/chaos", (WebhookDispatcher hooks) => Results.Json(hooks.Chaos, Json));
        control.MapPut("/webhooks/chaos", async (HttpContext c, WebhookDispatcher hooks) =>
        {
            var chaos = await c.Request.ReadFromJsonAsync<DeliveryChaos>(Json) ?? new DeliveryChaos();
            try
            {
                hooks.Chaos = chaos;
            }
            catch (ArgumentOutOfRangeException e)
            {
                return Results.Json(new { error = e.Message.Split(" (Parameter")[0] }, Json, statusCode: 400);
            }
            return Results.Json(hooks.Chaos, Json);
        });
        control.MapDelete("/webhooks/chaos", (WebhookDispatcher hooks) => { hooks.Chaos = new DeliveryChaos(); return Results.NoContent(); });
        control.MapPost("/webhooks/pause", (WebhookDispatcher hooks) => { hooks.Pause(); return Results.NoContent(); });
        control.MapGet("/webhooks/queue", (WebhookDispatcher hooks) => Results.Json(new { hooks.Paused, hooks.Held, hooks.InFlight }, Json));
        control.MapPost("/webhooks/resume", (WebhookDispatcher hooks) => { hooks.Resume(); return Results.NoContent(); });
        control.MapGet("/auth/callbacks", (AppAuthorization auth) => Results.Json(auth.Callbacks, Json));
        control.MapGet("/settings", (Store store) => Results.Json(store.Settings, Json));
        control.MapPut("/settings", async (HttpContext c, Store store) =>
        {
            var request = await c.Request.ReadFromJsonAsync<SettingsRequest>(Json) ?? new SettingsRequest(null, null, null, null, null);
            lock (store.Sync)
            {
                var s = store.Settings;
                if (request.TimezoneString is not null) s.TimezoneString = request.TimezoneString;
                if (request.GmtOffset is double offset) s.GmtOffsetHours = offset;
                if (request.Currency is not null) s.Currency = request.Currency;
                if (request.CurrencySymbol is not null) s.CurrencySymbol = request.CurrencySymbol;
                if (request.CurrencyName is not null) s.CurrencyName = request.CurrencyName;
                if (request.WoocommerceActive is bool active) s.WooCommerceActive = active;
                return Results.Json(s, Json);
            }
        });
    }

    /// <summary>Empties the store (or makes it a newly installed one), the request log, faults and the webhook log.</summary>
    public static void Reset(Store store, RequestLog log, FaultInjector faults, WebhookDispatcher hooks, bool fresh)
    {
        if (fresh) NewStore.Apply(store);
        else store.Clear();
        log.Clear(); faults.Clear(); hooks.ClearLog(); hooks.ClearControls();
    }

    private static object State(Store store)
    {
        lock (store.Sync)
        {
            return new
            {
                Products = store.Products.Count(p => !p.IsVariation),
                Variations = store.Products.Count(p => p.IsVariation),
                Categories = store.Categories.Count,
                Customers = store.Customers.Count,
                Orders = store.Orders.Count,
                Refunds = store.Refunds.Count,
                Webhooks = store.Webhooks.Select(w => new { w.Id, w.Topic, w.Status, w.FailureCount, w.PendingDelivery, w.DeliveryUrl }).ToList(),
                Keys = store.Keys.Count,
                store.Settings.Currency,
                store.Settings.TimezoneString,
            };
        }
    }
}
