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
        if (body["line_items"] is JsonArray lines)
            foreach (var line in lines.OfType<JsonObject>()) order.Items.Add(NewLine(line));
        if (body["shipping_lines"] is JsonArray ships)
            foreach (var s in ships.OfType<JsonObject>())
                order.Items.Add(new OrderItem { Id = store.TakeItemId(), Kind = "shipping", Name = s["method_title"].Str(), MethodId = s["method_id"].Str(), InstanceId = s["instance_id"].Str(), Total = s["total"].Money() ?? 0 });
        if (body["fee_lines"] is JsonArray fees)
            foreach (var f in fees.OfType<JsonObject>())
                order.Items.Add(new OrderItem { Id = store.TakeItemId(), Kind = "fee", Name = f["name"].Str(), TaxClass = f["tax_class"].Str(), Total = f["total"].Money() ?? 0 });
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
        order.Items.Add(new OrderItem { Id = store.TakeItemId(), Kind = "coupon", Code = coupon.Code, DiscountType = coupon.DiscountType, NominalAmount = coupon.Amount, Total = discount });
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
