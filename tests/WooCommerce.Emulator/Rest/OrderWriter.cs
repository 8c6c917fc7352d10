using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;

namespace WooCommerce.Emulator.Rest;

/// <summary>Order creation and status changes with WooCommerce's side effects: taxes, stock, notes.</summary>
public sealed class OrderWriter(Store store, TimeProvider clock, Action<string, int> raise)
{
    public static readonly string[] Statuses = ["pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed", "checkout-draft", "trash"];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Order Create(JsonObject body)
    {
        var now = Now;
        var order = new Order
        {
            CreatedUtc = now,
            ModifiedUtc = now,
            Currency = store.Settings.Currency,
            OrderKey = "wc_order_" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 13),
        };
        var status = body["status"]?.Str() ?? "pending";
        ApplyFields(order, body);
        ApplyItems(order, body);
        if (body["coupon_lines"] is JsonArray coupons)
            foreach (var cl in coupons.OfType<JsonObject>()) ApplyCoupon(order, cl["code"].Str());
        CalculateTaxes(order);
        order.Id = store.TakePostId();
        store.Orders.Add(order);
        raise("order.created", order.Id);
        if (body["set_paid"].Bool())
        {
            order.PaidUtc = now;
            if (status == "pending") status = "processing";
        }
        SetStatus(order, status);
        // WooCommerce saves a REST-created order twice, so an order.updated follows every order.created.
        raise("order.updated", order.Id);
        return order;
    }

    private static readonly (string Field, string Kind)[] ItemFields = [("line_items", "line_item"), ("shipping_lines", "shipping"), ("fee_lines", "fee")];

    /// <summary>
    /// line_items, shipping_lines and fee_lines as WooCommerce's orders controller applies them on create and update:
    /// an entry without an id is added, one with an id changes that item, and one with an id and quantity 0 (or
    /// null) removes it. Returns whether any item changed, so that the caller recalculates.
    /// </summary>
    public bool ApplyItems(Order order, JsonObject body)
    {
        var changed = false;
        foreach (var (field, kind) in ItemFields)
        {
            if (body[field] is not JsonArray entries) continue;
            foreach (var entry in entries.OfType<JsonObject>())
            {
                changed = true;
                var id = entry["id"] is JsonNode idNode ? idNode.Int(field) : 0;
                if (id == 0)
                {
                    order.Items.Add(kind switch
                    {
                        "line_item" => NewLine(entry),
                        "shipping" => new OrderItem { Id = store.TakeItemId(), Kind = "shipping", Name = entry["method_title"].Str(), MethodId = entry["method_id"].Str(), InstanceId = entry["instance_id"].Str(), Total = entry["total"].Money() ?? 0 },
                        _ => new OrderItem { Id = store.TakeItemId(), Kind = "fee", Name = entry["name"].Str(), TaxClass = entry["tax_class"].Str(), Total = entry["total"].Money() ?? 0 },
                    });
                    continue;
                }
                var item = order.Items.FirstOrDefault(i => i.Id == id && i.Kind == kind)
                    ?? throw WooException.Of("woocommerce_rest_invalid_item_id", "Order item ID provided is not associated with order.", 400);
                if (entry.ContainsKey("quantity") && (entry["quantity"] is null || entry["quantity"].Int("quantity") == 0))
                {
                    order.Items.Remove(item);
                    continue;
                }
                UpdateItem(item, entry);
            }
        }
        return changed;
    }

    private static void UpdateItem(OrderItem item, JsonObject entry)
    {
        if (entry["name"] is JsonNode name) item.Name = name.Str();
        if (entry["method_title"] is JsonNode title) item.Name = title.Str();
        if (entry["method_id"] is JsonNode method) item.MethodId = method.Str();
        if (entry["tax_class"] is JsonNode taxClass) item.TaxClass = taxClass.Str();
        if (entry["quantity"] is JsonNode q)
        {
            var quantity = q.Int("quantity");
            // Without new totals, the line keeps its unit price for the new quantity.
            if (item.Quantity != 0 && entry["subtotal"] is null) item.Subtotal = item.Subtotal / item.Quantity * quantity;
            if (item.Quantity != 0 && entry["total"] is null) item.Total = item.Total / item.Quantity * quantity;
            item.Quantity = quantity;
        }
        if (entry["subtotal"].Money() is decimal subtotal) item.Subtotal = subtotal;
        if (entry["total"].Money() is decimal total) item.Total = total;
    }

    private OrderItem NewLine(JsonObject line)
    {
        var productId = line["product_id"] is JsonNode pid ? pid.Int("product_id") : 0;
        var variationId = line["variation_id"] is JsonNode vid ? vid.Int("variation_id") : 0;
        var sku = line["sku"].Str();
        Product? product = null;
        if (variationId > 0) product = store.Product(variationId);
        else if (productId > 0) product = store.Product(productId);
        else if (sku.Length > 0) product = store.Products.FirstOrDefault(p => p.Sku.Equals(sku, StringComparison.OrdinalIgnoreCase));
        if (productId == 0 && variationId == 0 && sku.Length == 0)
            throw WooException.Of("woocommerce_rest_required_product_reference", "Product ID or SKU is required.", 400);
        if (product is null)
            throw WooException.Of("woocommerce_rest_invalid_product_id", "Product ID provided is invalid.", 400);
        if (product.IsVariation) { variationId = product.Id; productId = product.ParentId; }
        else productId = product.Id;
        var quantity = line["quantity"] is JsonNode q ? q.Int("quantity") : 1;
        var subtotal = line["subtotal"].Money() ?? (product.Price ?? 0) * quantity;
        var total = line["total"].Money() ?? subtotal;
        var parent = product.IsVariation ? store.Product(product.ParentId) : null;
        var item = new OrderItem
        {
            Id = store.TakeItemId(),
            Kind = "line_item",
            Name = parent is null ? product.Name : $"{parent.Name} - {string.Join(", ", product.VariationAttributes.Select(a => a.Option))}",
            ProductId = productId,
            VariationId = variationId,
            Quantity = quantity,
            TaxClass = product.TaxClass,
            Subtotal = subtotal,
            Total = total,
            Sku = product.Sku,
        };
        foreach (var a in product.VariationAttributes)
        {
            var slug = a.Id > 0 ? store.Attributes.FirstOrDefault(x => x.Id == a.Id)?.Slug ?? Slugs.Make(a.Name) : Slugs.Make(a.Name);
            item.MetaData.Add(new ItemMeta { Id = store.TakeMetaId(), Key = slug, Value = Slugs.Make(a.Option), DisplayKey = a.Name, DisplayValue = a.Option });
        }
        if (line["meta_data"] is JsonArray meta)
            foreach (var m in meta.OfType<JsonObject>())
                item.MetaData.Add(new ItemMeta { Id = store.TakeMetaId(), Key = m["key"].Str(), Value = m["value"].Str(), DisplayKey = m["key"].Str(), DisplayValue = m["value"].Str() });
        return item;
    }

    private void ApplyCoupon(Order order, string code)
    {
        var coupon = store.Coupons.FirstOrDefault(c => c.Code.Equals(code, StringComparison.OrdinalIgnoreCase))
            ?? throw WooException.Of("woocommerce_rest_invalid_coupon", $"Coupon \"{code}\" does not exist!", 400);
        var lines = order.OfKind("line_item").Where(l => coupon.ProductIds.Count == 0 || coupon.ProductIds.Contains(l.ProductId)).ToList();
        decimal discount = 0;
        foreach (var line in lines)
        {
            var d = coupon.DiscountType == "percent" ? Math.Round(line.Total * coupon.Amount / 100m, 2, MidpointRounding.AwayFromZero) : Math.Min(line.Total, coupon.Amount / Math.Max(lines.Count, 1));
            line.Total -= d;
            discount += d;
        }
        coupon.UsageCount++;
        var item = new OrderItem { Id = store.TakeItemId(), Kind = "coupon", Code = coupon.Code, DiscountType = coupon.DiscountType, NominalAmount = coupon.Amount, Total = discount };
        // WooCommerce keeps a compact copy of the coupon on its line: [id, code, type, amount].
        var info = new JsonArray(coupon.Id, coupon.Code, coupon.DiscountType, JsonNode.Parse(Render.Plain(coupon.Amount))).ToJsonString();
        item.MetaData.Add(new ItemMeta { Id = store.TakeMetaId(), Key = "coupon_info", Value = info, DisplayKey = "coupon_info", DisplayValue = info });
        order.Items.Add(item);
    }

    /// <summary>Taxes as WooCommerce prices them: every matching rate, stacked by priority, compound on top (see <see cref="TaxPricing"/>).</summary>
    public void CalculateTaxes(Order order) => TaxPricing.Apply(store, order);

    public void ApplyFields(Order order, JsonObject body)
    {
        if (body["customer_id"] is JsonNode cid)
        {
            var id = cid.Int("customer_id");
            if (id != 0 && store.Customer(id) is null)
                throw WooException.Of("woocommerce_rest_invalid_customer_id", "Customer ID is invalid.", 400);
            order.CustomerId = id;
        }
        if (body["billing"] is JsonObject billing) ApplyAddress(order.Billing, billing);
        if (body["shipping"] is JsonObject shipping) ApplyAddress(order.Shipping, shipping);
        if (body["payment_method"] is JsonNode pm)
        {
            order.PaymentMethod = pm.Str();
            order.PaymentMethodTitle = store.Gateways.FirstOrDefault(g => g.Id == order.PaymentMethod)?.Title ?? order.PaymentMethodTitle;
        }
        if (body["payment_method_title"] is JsonNode pmt) order.PaymentMethodTitle = pmt.Str();
        if (body["transaction_id"] is JsonNode tid) order.TransactionId = tid.Str();
        if (body["customer_note"] is JsonNode note) order.CustomerNote = note.Str();
        if (body["currency"] is JsonNode cur) order.Currency = cur.Str();
        if (body["parent_id"] is JsonNode par) order.ParentId = par.Int("parent_id");
        if (body["created_via"] is JsonNode via) order.CreatedVia = via.Str();
        if (body["meta_data"] is JsonArray meta) ProductWriter.MergeMeta(store, order.MetaData, meta);
    }

    private static void ApplyAddress(Address a, JsonObject json)
    {
        void Set(string key, Action<string> set) { if (json[key] is JsonNode n) set(n.Str()); }
        Set("first_name", v => a.FirstName = v); Set("last_name", v => a.LastName = v); Set("company", v => a.Company = v);
        Set("address_1", v => a.Address1 = v); Set("address_2", v => a.Address2 = v); Set("city", v => a.City = v);
        Set("state", v => a.State = v); Set("postcode", v => a.Postcode = v); Set("country", v => a.Country = v);
        Set("email", v => a.Email = v); Set("phone", v => a.Phone = v);
    }

    /// <summary>
    /// Status transitions with WooCommerce's stock rules: stock is reduced once when an order becomes processing,
    /// completed or on-hold, and given back when it is cancelled.
    /// </summary>
    public void SetStatus(Order order, string status)
    {
        if (!Statuses.Contains(status))
            throw WooException.InvalidParam("status", "rest_not_in_enum", "status is not one of pending, processing, on-hold, completed, cancelled, refunded, failed, checkout-draft, and trash.");
        var old = order.Status;
        order.Status = status;
        var now = Now;
        if (status is "processing" or "completed" && order.PaidUtc is null) order.PaidUtc = now;
        if (status == "completed" && order.CompletedUtc is null) order.CompletedUtc = now;
        if (status is "processing" or "completed" or "on-hold") ReduceStock(order);
        if (status == "cancelled" && old != "cancelled") RestoreStock(order);
        if (old != status)
            AddNote(order, $"Order status changed from {Label(old)} to {Label(status)}.");
    }

    private static string Label(string status) => status switch
    {
        "pending" => "Pending payment",
        "on-hold" => "On hold",
        "checkout-draft" => "Draft",
        _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(status),
    };

    public OrderNote AddNote(Order order, string text, bool customerNote = false, string author = "WooCommerce")
    {
        var note = new OrderNote { Id = store.NextCommentId++, OrderId = order.Id, CreatedUtc = Now, Note = text, CustomerNote = customerNote, Author = author };
        store.Notes.Add(note);
        return note;
    }

    private void ReduceStock(Order order)
    {
        var changes = new List<string>();
        foreach (var line in order.OfKind("line_item").Where(l => l.MetaData.All(m => m.Key != "_reduced_stock")))
        {
            var sold = store.Product(line.VariationId > 0 ? line.VariationId : line.ProductId);
            var product = sold is null ? null : store.StockOwner(sold);
            if (product?.StockQuantity is not int before) continue;
            product.StockQuantity = before - line.Quantity;
            // total_sales counts on the product a line sells, the parent for a variation.
            (store.Product(line.ProductId) ?? product).TotalSales += line.Quantity;
            product.ModifiedUtc = Now;
            var qty = line.Quantity.ToString(CultureInfo.InvariantCulture);
            line.MetaData.Add(new ItemMeta { Id = store.TakeMetaId(), Key = "_reduced_stock", Value = qty, DisplayKey = "_reduced_stock", DisplayValue = qty });
            changes.Add($"{line.Name} ({before}&rarr;{product.StockQuantity})");
            raise("product.updated", product.Id);
        }
        if (changes.Count > 0) AddNote(order, "Stock levels reduced: " + string.Join(", ", changes));
    }

    public void RestoreStock(Order order, IReadOnlyDictionary<int, int>? quantities = null)
    {
        var changes = new List<string>();
        foreach (var line in order.OfKind("line_item"))
        {
            var reduced = line.MetaData.FirstOrDefault(m => m.Key == "_reduced_stock");
            if (reduced is null) continue;
            var qty = quantities is null ? int.Parse(reduced.Value, CultureInfo.InvariantCulture) : quantities.GetValueOrDefault(line.Id);
            if (qty <= 0) continue;
            var sold = store.Product(line.VariationId > 0 ? line.VariationId : line.ProductId);
            var product = sold is null ? null : store.StockOwner(sold);
            if (product?.StockQuantity is not int before) continue;
            product.StockQuantity = before + qty;
            product.ModifiedUtc = Now;
            var left = int.Parse(reduced.Value, CultureInfo.InvariantCulture) - qty;
            if (left <= 0) line.MetaData.Remove(reduced);
            else reduced.Value = reduced.DisplayValue = left.ToString(CultureInfo.InvariantCulture);
            changes.Add($"{line.Name} ({before}&rarr;{product.StockQuantity})");
            raise("product.updated", product.Id);
        }
        if (changes.Count > 0) AddNote(order, "Stock levels increased: " + string.Join(", ", changes));
    }
}
