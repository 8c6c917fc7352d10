using System.Globalization;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Webhooks;

namespace WooCommerce.Emulator.Rest;

public static class OrdersApi
{
    private static readonly string[] FilterStatuses = ["any", "trash", "auto-draft", "pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed", "checkout-draft"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/orders", (Delegate)List);
        api.MapPost("/orders", (Delegate)Create);
        api.MapBatch("/orders/batch", (Delegate)BatchOrders);
        api.MapGet("/orders/statuses", (Delegate)Statuses);
        api.MapGet("/orders/{id:int}", (Delegate)Get);
        api.MapMethods("/orders/{id:int}", ["PUT", "PATCH", "POST"], (Delegate)Update);
        api.MapDelete("/orders/{id:int}", (Delegate)Delete);

        api.MapGet("/orders/{order:int}/refunds", (Delegate)ListRefunds);
        api.MapPost("/orders/{order:int}/refunds", (Delegate)PostRefund);
        api.MapGet("/orders/{order:int}/refunds/{id:int}", (Delegate)GetRefund);
        api.MapDelete("/orders/{order:int}/refunds/{id:int}", (Delegate)DeleteRefund);
        api.MapGet("/refunds", (Delegate)AllRefunds);

        api.MapGet("/orders/{order:int}/notes", (Delegate)ListNotes);
        api.MapPost("/orders/{order:int}/notes", (Delegate)CreateNote);
        api.MapGet("/orders/{order:int}/notes/{id:int}", (Delegate)GetNote);
        api.MapDelete("/orders/{order:int}/notes/{id:int}", (Delegate)DeleteNote);
    }

    private static OrderWriter Writer(HttpContext c) =>
        new(c.Store(), c.RequestServices.GetRequiredService<TimeProvider>(), (topic, id) => c.Raise(topic, id));

    private static DateTime Now(HttpContext c) => c.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    private static Order Find(Store store, int id, int status = 404) =>
        store.Order(id) ?? throw WooException.InvalidId("woocommerce_rest_shop_order_invalid_id", status);

    private static IResult List(HttpContext c)
    {
        var store = c.Store();
        lock (store.Sync)
        {
            var statuses = (c.Param("status") ?? "any").Split(',', StringSplitOptions.TrimEntries);
            for (var i = 0; i < statuses.Length; i++)
            {
                if (!FilterStatuses.Contains(statuses[i]))
                {
                    var message = $"status[{i}] is not one of {string.Join(", ", FilterStatuses[..^1])}, and {FilterStatuses[^1]}.";
                    throw WooException.InvalidParam("status", "rest_not_in_enum", message);
                }
            }
            IEnumerable<Order> q = store.Orders;
            q = statuses.Contains("any")
                ? q.Where(o => o.Status != "trash" || statuses.Contains("trash"))
                : q.Where(o => statuses.Contains(o.Status));
            if (c.ParamDateUtc("after") is DateTime after) q = q.Where(o => o.CreatedUtc > after);
            if (c.ParamDateUtc("before") is DateTime before) q = q.Where(o => o.CreatedUtc < before);
            if (c.ParamDateUtc("modified_after") is DateTime mafter) q = q.Where(o => o.ModifiedUtc > mafter);
            if (c.ParamDateUtc("modified_before") is DateTime mbefore) q = q.Where(o => o.ModifiedUtc < mbefore);
            if (c.Param("customer") is string customer) { var id = c.ParamInt("customer", 0); q = q.Where(o => o.CustomerId == id); }
            if (c.Param("product") is not null) { var pid = c.ParamInt("product", 0); q = q.Where(o => o.OfKind("line_item").Any(l => l.ProductId == pid || l.VariationId == pid)); }
            if (c.ParamIds("include") is { Count: > 0 } include) q = q.Where(o => include.Contains(o.Id));
            if (c.ParamIds("exclude") is { Count: > 0 } exclude) q = q.Where(o => !exclude.Contains(o.Id));
            if (c.Param("search") is string search) q = q.Where(o => Searchable(o).Any(f => f.Contains(search, StringComparison.OrdinalIgnoreCase))
                || o.Id.ToString(CultureInfo.InvariantCulture) == search);
            var list = c.Ordered(q, by => by switch
            {
                "date" => o => (o.CreatedUtc, o.Id),
                "modified" => o => (o.ModifiedUtc, o.Id),
                "id" or "include" => o => o.Id,
                "title" or "slug" => o => o.Id,
                _ => null,
            }, "date").ToList();
            var render = c.Render();
            return c.Page(list, o => render.OrderJson(o));
        }
    }

    /// <summary>What an order search looks in on an HPOS store: every billing and shipping field, and the line names.</summary>
    private static IEnumerable<string> Searchable(Order o) =>
        new[] { o.Billing, o.Shipping }.SelectMany(a => new[] { a.FirstName, a.LastName, a.Company, a.Address1, a.Address2, a.City, a.State, a.Postcode, a.Country, a.Email, a.Phone })
            .Concat(o.OfKind("line_item").Select(i => i.Name));

    private static IResult Get(HttpContext c, int id) => c.Locked(store => Http.Json(c.Render().OrderJson(Find(store, id))));

    private static async Task<IResult> Create(HttpContext c)
    {
        var body = await c.BodyAsync();
        return c.Locked(store => Http.Json(c.Render().OrderJson(Writer(c).Create(body)), 201));
    }

    private static async Task<IResult> Update(HttpContext c, int id)
    {
        var body = await c.BodyAsync();
        return c.Locked(store => Http.Json(c.Render().OrderJson(UpdateOrder(c, id, body))));
    }

    private static Order UpdateOrder(HttpContext c, int id, JsonObject body)
    {
        var order = Find(c.Store(), id, 400);
        var writer = Writer(c);
        writer.ApplyFields(order, body);
        if (writer.ApplyItems(order, body)) writer.CalculateTaxes(order);
        if (body["set_paid"].Bool() && order.PaidUtc is null) order.PaidUtc = Now(c);
        if (body["status"] is JsonNode status) writer.SetStatus(order, status.Str());
        else if (body["set_paid"].Bool() && order.Status == "pending") writer.SetStatus(order, "processing");
        order.ModifiedUtc = Now(c);
        c.Raise("order.updated", order.Id);
        return order;
    }

    private static IResult Delete(HttpContext c, int id) => c.Locked(store => Http.Json(DeleteOrder(c, id, c.ParamBool("force"))));

    private static JsonNode DeleteOrder(HttpContext c, int id, bool force)
    {
        var store = c.Store();
        var order = Find(store, id);
        var json = c.Render().OrderJson(order);
        if (force)
        {
            // A forced delete fires no webhook on the real store.
            store.Orders.Remove(order);
            store.Refunds.RemoveAll(r => r.OrderId == id);
            store.Notes.RemoveAll(n => n.OrderId == id);
            return json;
        }
        if (order.Status == "trash")
            throw WooException.Of("woocommerce_rest_already_trashed", "The order has already been deleted.", 410);
        order.Status = "trash";
        order.ModifiedUtc = Now(c);
        c.Raise("order.deleted", id);
        return json;
    }

    private static async Task<IResult> BatchOrders(HttpContext c)
    {
        var body = await c.BodyAsync();
        var store = c.Store();
        lock (store.Sync)
        {
            var render = c.Render();
            return Http.Json(Batch.Run(body,
                item => render.OrderJson(Writer(c).Create(item)),
                item => render.OrderJson(UpdateOrder(c, item["id"].Int("id"), item)),
                id => DeleteOrder(c, id, force: true)));
        }
    }

    private static IResult Statuses(HttpContext c) => Http.Json(new JsonArray([.. new (string Slug, string Name)[]
    {
        ("pending", "Pending payment"), ("processing", "Processing"), ("on-hold", "On hold"), ("completed", "Completed"),
        ("cancelled", "Cancelled"), ("refunded", "Refunded"), ("failed", "Failed"), ("checkout-draft", "Draft"),
    }.Select(s => (JsonNode)new JsonObject { ["slug"] = s.Slug, ["name"] = s.Name })]));

    private static Order RefundOrder(Store store, int order) =>
        store.Order(order) ?? throw WooException.Of("woocommerce_rest_order_invalid_id", "Invalid order ID.", 404);

    private static IResult ListRefunds(HttpContext c, int order)
    {
        var store = c.Store();
        lock (store.Sync)
        {
            RefundOrder(store, order);
            var render = c.Render();
            return c.Page(store.RefundsOf(order).OrderByDescending(r => r.Id).ToList(), r => render.RefundJson(r, withParent: false));
        }
    }

    private static IResult AllRefunds(HttpContext c)
    {
        var store = c.Store();
        lock (store.Sync)
        {
            var render = c.Render();
            return c.Page(store.Refunds.OrderByDescending(r => r.Id).ToList(), r => render.RefundJson(r, withParent: true));
        }
    }

    private static IResult GetRefund(HttpContext c, int order, int id)
    {
        var store = c.Store();
        lock (store.Sync)
        {
            RefundOrder(store, order);
            var refund = store.RefundsOf(order).FirstOrDefault(r => r.Id == id) ?? throw WooException.InvalidId("woocommerce_rest_invalid_id");
            return Http.Json(c.Render().RefundJson(refund, withParent: false));
        }
    }

    private static IResult DeleteRefund(HttpContext c, int order, int id)
    {
        var store = c.Store();
        lock (store.Sync)
        {
            RefundOrder(store, order);
            var refund = store.RefundsOf(order).FirstOrDefault(r => r.Id == id) ?? throw WooException.InvalidId("woocommerce_rest_invalid_id");
            if (!c.ParamBool("force"))
                throw WooException.Of("woocommerce_rest_trash_not_supported", "Refunds do not support trashing.", 501);
            var json = c.Render().RefundJson(refund, withParent: false);
            store.Refunds.Remove(refund);
            return Http.Json(json);
        }
    }

    private static async Task<IResult> PostRefund(HttpContext c, int order)
    {
        var body = await c.BodyAsync();
        var store = c.Store();
        lock (store.Sync)
        {
            var o = RefundOrder(store, order);
            var refund = CreateRefund(c, o, body);
            return Http.Json(c.Render().RefundJson(refund, withParent: false), 201);
        }
    }

    public static Refund CreateRefund(HttpContext c, Order o, JsonObject body)
    {
        var store = c.Store();
        var amount = body["amount"].Money() ?? 0m;
        if (amount <= 0)
            throw WooException.Of("woocommerce_rest_invalid_order_refund", "Refund amount must be greater than zero.", 400);
        var remaining = OrderTotals.Of(o).Total - store.RefundsOf(o.Id).Sum(r => r.Amount);
        if (amount > remaining)
            throw WooException.Of("woocommerce_rest_cannot_create_order_refund", "Invalid refund amount.", 400);
        // api_refund defaults to true; the offline gateways (bacs, cheque, cod) cannot refund automatically.
        var apiRefund = body["api_refund"] is not JsonNode ar || ar.Bool();
        if (apiRefund && store.Gateways.FirstOrDefault(g => g.Id == o.PaymentMethod) is not { SupportsRefunds: true })
        {
            throw new WooException(500, new JsonObject
            {
                ["code"] = "woocommerce_rest_cannot_create_order_refund",
                ["message"] = "The payment gateway for this order does not support automatic refunds.",
                ["data"] = 500,
            });
        }
        var refund = new Refund
        {
            Id = store.TakePostId(),
            OrderId = o.Id,
            CreatedUtc = Now(c),
            Amount = amount,
            Reason = body["reason"].Str(),
            RefundedPayment = apiRefund,
        };
        var restock = new Dictionary<int, int>();
        var taxes = new Dictionary<int, (decimal Cart, decimal Shipping)>();
        if (body["line_items"] is JsonArray lines)
        {
            foreach (var line in lines.OfType<JsonObject>())
            {
                // An entry without the id of one of the order's items is ignored, as WooCommerce does.
                var itemId = line["id"] is JsonNode idNode ? idNode.Int("line_items") : 0;
                var original = o.Items.FirstOrDefault(i => i.Id == itemId && i.Kind is "line_item" or "shipping" or "fee");
                if (original is null) continue;
                var qty = line["quantity"] is JsonNode q ? q.Int("quantity") : 0;
                var total = line["refund_total"].Money() ?? 0m;
                var copy = new OrderItem
                {
                    Id = store.TakeItemId(), Kind = original.Kind, Name = original.Name, ProductId = original.ProductId, VariationId = original.VariationId,
                    Quantity = -qty, TaxClass = original.TaxClass, Subtotal = -total, Total = -total, Sku = original.Sku, MethodId = original.MethodId,
                };
                foreach (var t in (line["refund_tax"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var rateId = t["id"].Int("refund_tax");
                    var tax = t["refund_total"].Money() ?? 0m;
                    copy.Taxes.Add(new TaxAmount { RateId = rateId, Total = -tax, Subtotal = original.Kind == "line_item" ? -tax : null });
                    copy.TotalTax -= tax;
                    taxes.TryGetValue(rateId, out var sums);
                    taxes[rateId] = original.Kind == "shipping" ? (sums.Cart, sums.Shipping - tax) : (sums.Cart - tax, sums.Shipping);
                }
                copy.SubtotalTax = copy.TotalTax;
                var id = itemId.ToString(CultureInfo.InvariantCulture);
                copy.MetaData.Add(new ItemMeta { Id = store.TakeMetaId(), Key = "_refunded_item_id", Value = id, DisplayKey = "_refunded_item_id", DisplayValue = id });
                refund.Items.Add(copy);
                if (qty > 0) restock[original.Id] = qty;
            }
        }
        foreach (var (rateId, sums) in taxes)
        {
            var rate = store.TaxRates.FirstOrDefault(r => r.Id == rateId);
            var taxLine = o.OfKind("tax").FirstOrDefault(t => t.RateId == rateId);
            refund.Items.Add(new OrderItem { Id = store.TakeItemId(), Kind = "tax", RateId = rateId, Name = rate?.Name ?? "", Code = taxLine?.Code ?? "", TaxTotal = sums.Cart, ShippingTaxTotal = sums.Shipping });
        }
        var full = amount == remaining;
        refund.MetaData.Add(new MetaEntry { Id = store.TakeMetaId(), Key = "_refund_type", Value = full ? "full" : "partial" });
        // Like WooCommerce's refunds controller: the request's meta_data is saved on the refund after it is created.
        if (body["meta_data"] is JsonArray meta) ProductWriter.MergeMeta(store, refund.MetaData, meta);
        store.Refunds.Add(refund);
        var writer = Writer(c);
        var apiRestock = body["api_restock"] is not JsonNode rs || rs.Bool();
        if (apiRestock && restock.Count > 0) writer.RestoreStock(o, restock);
        writer.AddNote(o, $"Refunded {c.Render().Money(amount)} &ndash; {refund.Reason}");
        if (full) writer.SetStatus(o, "refunded");
        o.ModifiedUtc = Now(c);
        c.Raise("order.updated", o.Id);
        return refund;
    }

    private static IResult ListNotes(HttpContext c, int order)
    {
        var store = c.Store();
        lock (store.Sync)
        {
            RefundOrder(store, order);
            var type = c.Param("type") ?? "any";
            var notes = store.Notes.Where(n => n.OrderId == order)
                .Where(n => type == "any" || (type == "customer") == n.CustomerNote)
                .OrderByDescending(n => n.Id).Select(n => (JsonNode)c.Render().NoteJson(n));
            return Http.Json(new JsonArray([.. notes]));
        }
    }

    private static async Task<IResult> CreateNote(HttpContext c, int order)
    {
        var body = await c.BodyAsync();
        var store = c.Store();
        lock (store.Sync)
        {
            var o = RefundOrder(store, order);
            var text = body["note"].Str();
            if (text.Length == 0) throw WooException.Of("woocommerce_rest_invalid_order_note", "Cannot create order note, please try again.", 500);
            var note = Writer(c).AddNote(o, text, body["customer_note"].Bool(), author: "admin");
            return Http.Json(c.Render().NoteJson(note), 201);
        }
    }

    private static OrderNote FindNote(Store store, int order, int id)
    {
        RefundOrder(store, order);
        return store.Notes.FirstOrDefault(n => n.OrderId == order && n.Id == id) ?? throw WooException.InvalidId("woocommerce_rest_order_invalid_id");
    }

    private static IResult GetNote(HttpContext c, int order, int id) => c.Locked(store => Http.Json(c.Render().NoteJson(FindNote(store, order, id))));

    private static IResult DeleteNote(HttpContext c, int order, int id)
    {
        var store = c.Store();
        lock (store.Sync)
        {
            var note = FindNote(store, order, id);
            if (!c.ParamBool("force")) throw WooException.Of("woocommerce_rest_trash_not_supported", "Webhooks do not support trashing.", 501);
            store.Notes.Remove(note);
            return Http.Json(c.Render().NoteJson(note));
        }
    }
}
