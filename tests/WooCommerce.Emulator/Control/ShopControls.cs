using System.Globalization;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Rest;
using WooCommerce.Emulator.Webhooks;

namespace WooCommerce.Emulator.Control;

/// <summary>
/// What happens in a store besides its REST API: a shopper placing an order through checkout, and the admin paying,
/// completing, cancelling, trashing and refunding orders in wp-admin. Each goes through the same model code as the
/// REST routes (OrderWriter, its tax calculation, the refunds code) and raises the webhooks the real store raises.
/// </summary>
public static class ShopControls
{
    public static void Map(RouteGroupBuilder control)
    {
        control.MapPost("/checkout", async (HttpContext c) =>
        {
            var body = await JsonBody(c);
            return c.Locked(store => Http.Json(c.Render().OrderJson(Checkout(c, store, body)), 201));
        });
        control.MapPost("/orders/{id:int}/{action}", async (HttpContext c, int id, string action) =>
        {
            var body = await JsonBody(c);
            return c.Locked(store =>
            {
                var order = store.Order(id) ?? throw WooException.InvalidId("woocommerce_rest_shop_order_invalid_id", 404);
                return action switch
                {
                    "refund" => Http.Json(c.Render().RefundJson(Refund(c, store, order, body), withParent: false), 201),
                    "pay" or "complete" or "cancel" or "trash" => Http.Json(c.Render().OrderJson(Admin(c, order, action, body))),
                    _ => throw WooException.Of("rest_no_route", "No route was found matching the URL and request method.", 404),
                };
            });
        });
    }

    private static async Task<JsonObject> JsonBody(HttpContext c)
    {
        using var reader = new StreamReader(c.Request.Body);
        var text = await reader.ReadToEndAsync();
        try
        {
            return string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            throw WooException.Of("rest_invalid_json", "Invalid JSON body passed.", 400);
        }
    }

    private static WooException CheckoutError(string message) => WooException.Of("woocommerce_checkout_error", message, 400);

    private static OrderWriter Writer(HttpContext c) =>
        new(c.Store(), c.RequestServices.GetRequiredService<TimeProvider>(), (topic, id) => c.Raise(topic, id));

    /// <summary>
    /// Places an order as the classic checkout does: a pending order created by "checkout" from the cart (prices from
    /// the catalogue, the chosen zone method's cost, fees, coupons, the store's tax rates), then the gateway's
    /// outcome: paid → processing; not paid → on-hold for bacs and cheque ("awaiting payment"), processing for cod,
    /// pending otherwise. Webhooks: order.created, order.updated, product.updated for stock reduced, coupon.updated
    /// for each coupon used.
    /// </summary>
    public static Order Checkout(HttpContext c, Store store, JsonObject request)
    {
        var lines = request["line_items"] as JsonArray ?? [];
        if (lines.Count == 0) throw CheckoutError("Sorry, your session has expired. Return to shop");
        var customer = request["customer_id"] is JsonNode cid ? store.Customer(cid.Int("customer_id")) ?? throw CheckoutError("Invalid customer.") : null;
        var billing = request["billing"] as JsonObject ?? (customer is null ? [] : Render.AddressJson(customer.Billing, withEmail: true));
        var shipping = request["shipping"] as JsonObject ?? billing.DeepClone().AsObject();
        shipping.Remove("email");
        if (billing["email"].Str().Length == 0) throw CheckoutError("Billing Email address is a required field.");

        foreach (var line in lines.OfType<JsonObject>()) CheckPurchasable(store, line);
        var gatewayId = request["payment_method"].Str();
        var gateway = store.Gateways.FirstOrDefault(g => g.Id == gatewayId && g.Enabled) ?? throw CheckoutError("Invalid payment method.");

        var body = new JsonObject
        {
            ["status"] = "pending",
            ["created_via"] = "checkout",
            ["customer_id"] = customer?.Id ?? 0,
            ["billing"] = billing.DeepClone(),
            ["shipping"] = shipping,
            ["payment_method"] = gateway.Id,
            ["payment_method_title"] = gateway.Title,
            ["customer_note"] = request["customer_note"].Str(),
            ["line_items"] = new JsonArray([.. lines.OfType<JsonObject>().Select(l => (JsonNode)new JsonObject
            {
                ["product_id"] = l["product_id"]?.DeepClone(), ["variation_id"] = l["variation_id"]?.DeepClone(), ["quantity"] = l["quantity"]?.DeepClone() ?? (JsonNode)1,
            })]),
            ["fee_lines"] = request["fees"]?.DeepClone() ?? new JsonArray(),
            ["coupon_lines"] = new JsonArray([.. (request["coupons"] as JsonArray ?? []).Select(code => (JsonNode)new JsonObject { ["code"] = code.Str() })]),
        };
        if (request["shipping_method"] is JsonNode method) body["shipping_lines"] = new JsonArray(ShippingLine(store, shipping, method.Str()));

        var writer = Writer(c);
        var order = writer.Create(body);
        var paid = request["paid"].Bool();
        if (paid)
        {
            order.PaidUtc = Now(c);
            order.TransactionId = request["transaction_id"]?.Str() ?? "txn_" + order.Id.ToString(CultureInfo.InvariantCulture);
            writer.SetStatus(order, "processing");
        }
        else if (gateway.Id is "bacs" or "cheque")
        {
            writer.SetStatus(order, "on-hold");
            writer.AddNote(order, gateway.Id == "bacs" ? "Awaiting BACS payment" : "Awaiting check payment");
        }
        else if (gateway.Id == "cod")
        {
            writer.SetStatus(order, "processing");
        }
        order.ModifiedUtc = Now(c);
        c.Raise("order.updated", order.Id);
        foreach (var coupon in order.OfKind("coupon"))
            if (store.Coupons.FirstOrDefault(x => x.Code.Equals(coupon.Code, StringComparison.OrdinalIgnoreCase)) is { } used)
                c.Raise("coupon.updated", used.Id);
        return order;
    }

    private static DateTime Now(HttpContext c) => c.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    /// <summary>What the cart refuses: unknown or unpublished products, a variable product without its variation, too little stock.</summary>
    private static void CheckPurchasable(Store store, JsonObject line)
    {
        var id = line["variation_id"] is JsonNode v && v.Int("variation_id") > 0 ? v.Int("variation_id") : line["product_id"].Int("product_id");
        var product = store.Product(id);
        if (product is null || product.Status != "publish" && !(product.IsVariation && product.Status == "private"))
            throw CheckoutError("Sorry, this product cannot be purchased.");
        if (product.Type == "variable") throw CheckoutError($"Please choose product options by visiting <a href=\"/product/{product.Slug}/\" title=\"{product.Name}\">{product.Name}</a>.");
        if (product.Price is null) throw CheckoutError($"Sorry, &quot;{product.Name}&quot; cannot be purchased.");
        var quantity = line["quantity"] is JsonNode q ? q.Int("quantity") : 1;
        var owner = store.StockOwner(product) ?? product;
        if (owner.StockStatus == "outofstock" || owner.ManageStock && owner.Backorders == "no" && owner.StockQuantity < quantity)
            throw CheckoutError($"Sorry, we do not have enough &quot;{product.Name}&quot; in stock to fulfill your order ({owner.StockQuantity ?? 0} available). We apologize for any inconvenience caused.");
    }

    /// <summary>
    /// The shipping line for "method_id" or "method_id:instance_id" in the zone matching the shipping address (by
    /// state, then country, else zone 0), costed as the zone method is set up.
    /// </summary>
    private static JsonObject ShippingLine(Store store, JsonObject address, string choice)
    {
        var country = address["country"].Str();
        var state = address["state"].Str();
        bool Matches(ShippingZone z) => z.Locations.Any(l => l.Type == "country" && l.Code == country || l.Type == "state" && l.Code == $"{country}:{state}");
        var zone = store.ShippingZones.Where(z => z.Id != 0).OrderBy(z => z.Order).FirstOrDefault(Matches) ?? store.ShippingZones.FirstOrDefault(z => z.Id == 0);
        var parts = choice.Split(':');
        var method = zone?.Methods.Where(m => m.Enabled && m.MethodId == parts[0])
            .FirstOrDefault(m => parts.Length == 1 || m.InstanceId.ToString(CultureInfo.InvariantCulture) == parts[1])
            ?? throw CheckoutError("No shipping method has been selected. Please double check your address, or contact us if you need any help.");
        return new JsonObject
        {
            ["method_id"] = method.MethodId,
            ["instance_id"] = method.InstanceId.ToString(CultureInfo.InvariantCulture),
            ["method_title"] = method.Title,
            ["total"] = Render.Plain(method.MethodId == "flat_rate" ? method.Cost : 0m),
        };
    }

    /// <summary>The wp-admin order actions: mark paid, complete, cancel (stock back), move to the trash.</summary>
    private static Order Admin(HttpContext c, Order order, string action, JsonObject body)
    {
        var writer = Writer(c);
        switch (action)
        {
            case "pay":
                if (order.Status is not ("pending" or "on-hold" or "failed" or "cancelled"))
                    throw WooException.Of("woocommerce_invalid_order_status", $"An order with status {order.Status} cannot be paid.", 400);
                order.PaidUtc = Now(c);
                if (body["transaction_id"] is JsonNode txn) order.TransactionId = txn.Str();
                writer.SetStatus(order, "processing");
                break;
            case "complete":
                writer.SetStatus(order, "completed");
                break;
            case "cancel":
                writer.SetStatus(order, "cancelled");
                break;
            case "trash":
                if (order.Status == "trash") throw WooException.Of("woocommerce_rest_already_trashed", "The order has already been deleted.", 410);
                order.Status = "trash";
                order.ModifiedUtc = Now(c);
                c.Raise("order.deleted", order.Id);
                return order;
        }
        order.ModifiedUtc = Now(c);
        c.Raise("order.updated", order.Id);
        return order;
    }

    /// <summary>
    /// A manual refund from wp-admin: the amount given, else the refunded lines' totals and taxes, else what is
    /// left; "restock" restocks the refunded quantities of lines whose stock was reduced, as the admin checkbox does.
    /// The money is not sent back through the gateway (api_refund false).
    /// </summary>
    private static Refund Refund(HttpContext c, Store store, Order order, JsonObject body)
    {
        var lines = new JsonArray();
        decimal linesTotal = 0;
        foreach (var entry in (body["line_items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var itemId = entry["id"].Int("line_items");
            var item = order.Items.FirstOrDefault(i => i.Id == itemId && i.Kind is "line_item" or "shipping" or "fee")
                ?? throw WooException.Of("woocommerce_rest_invalid_item_id", "Order item ID provided is not associated with order.", 400);
            var quantity = entry["quantity"] is JsonNode q ? q.Int("quantity") : item.Quantity;
            var share = item.Kind == "line_item" && item.Quantity > 0 ? (decimal)quantity / item.Quantity : 1m;
            var total = entry["refund_total"].Money() ?? Math.Round(item.Total * share, 2, MidpointRounding.AwayFromZero);
            var taxes = new JsonArray([.. item.Taxes.Select(t => (JsonNode)new JsonObject
            {
                ["id"] = t.RateId, ["refund_total"] = Render.Plain(Math.Round(t.Total * share, 2, MidpointRounding.AwayFromZero)),
            })]);
            linesTotal += total + item.Taxes.Sum(t => Math.Round(t.Total * share, 2, MidpointRounding.AwayFromZero));
            lines.Add(new JsonObject { ["id"] = itemId, ["quantity"] = item.Kind == "line_item" ? quantity : 0, ["refund_total"] = Render.Plain(total), ["refund_tax"] = taxes });
        }
        var remaining = OrderTotals.Of(order).Total - store.RefundsOf(order.Id).Sum(r => r.Amount);
        var amount = body["amount"].Money() ?? (lines.Count > 0 ? linesTotal : remaining);
        var request = new JsonObject
        {
            ["amount"] = Render.Plain(amount),
            ["reason"] = body["reason"].Str(),
            ["api_refund"] = false,
            ["api_restock"] = body["restock"].Bool(),
            ["line_items"] = lines,
        };
        return OrdersApi.CreateRefund(c, order, request);
    }
}
