using System.Security.Cryptography;

namespace WooCommerce.Emulator.Model;

/// <summary>
/// The whole in-memory state of one emulated store. Every access goes through <see cref="Sync"/>: the emulator is a
/// test double, so one coarse lock is simpler and fast enough (requests are short and in memory).
/// </summary>
public sealed class Store
{
    public object Sync { get; } = new();
    public SiteSettings Settings { get; set; } = new();
    public List<Product> Products { get; } = [];
    public List<Category> Categories { get; } = [];
    public List<Tag> Tags { get; } = [];
    public List<ShippingClass> ShippingClasses { get; } = [];
    public List<GlobalAttribute> Attributes { get; } = [];
    public List<AttributeTerm> Terms { get; } = [];
    public List<Customer> Customers { get; } = [];
    public List<Order> Orders { get; } = [];
    public List<Refund> Refunds { get; } = [];
    public List<OrderNote> Notes { get; } = [];
    public List<Coupon> Coupons { get; } = [];
    public List<TaxRate> TaxRates { get; } = [];
    public List<TaxClass> TaxClasses { get; } = [];
    public List<Webhook> Webhooks { get; } = [];
    public List<ApiKey> Keys { get; } = [];
    public List<PaymentGateway> Gateways { get; } = [];
    public List<ShippingMethod> ShippingMethods { get; } = [];
    public List<ShippingZone> ShippingZones { get; } = [];

    /// <summary>WordPress shares one id sequence between posts: products, variations, orders, refunds, coupons.</summary>
    public int NextPostId { get; set; } = 1;
    public int NextTermId { get; set; } = 1;
    public int NextUserId { get; set; } = 1;
    public int NextItemId { get; set; } = 1;
    public int NextMetaId { get; set; } = 1;
    public int NextCommentId { get; set; } = 1;
    public int NextAttributeId { get; set; } = 1;
    public int NextTaxRateId { get; set; } = 1;
    public int NextWebhookId { get; set; } = 1;
    public int NextKeyId { get; set; } = 1;

    public int TakePostId() => NextPostId++;
    public int TakeTermId() => NextTermId++;
    public int TakeItemId() => NextItemId++;
    public int TakeMetaId() => NextMetaId++;

    public Product? Product(int id)
    {
        // Products are appended as their post ids are taken, so the list is in id order and a binary search finds
        // one without a pass over a large catalogue; a list put together out of order is still searched in full.
        int low = 0, high = Products.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var at = Products[middle].Id;
            if (at == id) return Products[middle];
            if (at < id) low = middle + 1;
            else high = middle - 1;
        }
        return Products.FirstOrDefault(p => p.Id == id);
    }
    public Order? Order(int id) => Orders.FirstOrDefault(o => o.Id == id);
    public Customer? Customer(int id) => Customers.FirstOrDefault(c => c.Id == id);
    public Category? CategoryById(int id) => Categories.FirstOrDefault(c => c.Id == id);
    public Tag? TagById(int id) => Tags.FirstOrDefault(t => t.Id == id);
    public IEnumerable<Product> VariationsOf(int parentId) => Products.Where(p => p.ParentId == parentId && p.IsVariation);
    /// <summary>
    /// Whose stock a sale of <paramref name="p"/> moves: its own when it manages stock, else a variation's parent
    /// when the parent does ("manage_stock": "parent"), else nobody's.
    /// </summary>
    /// <param name="productById">How to find the parent when the caller keeps an index (a page render).</param>
    public Product? StockOwner(Product p, Func<int, Product?>? productById = null) =>
        p.ManageStock ? p : p.IsVariation && (productById ?? Product)(p.ParentId) is { ManageStock: true } parent ? parent : null;

    public IEnumerable<Refund> RefundsOf(int orderId) => Refunds.Where(r => r.OrderId == orderId);

    public ApiKey CreateKey(KeyPermission permission, string description = "emulator", int userId = 1)
    {
        lock (Sync)
        {
            var key = new ApiKey
            {
                KeyId = NextKeyId++,
                UserId = userId,
                Description = description,
                Permission = permission,
                ConsumerKey = "ck_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)),
                ConsumerSecret = "cs_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)),
            };
            Keys.Add(key);
            return key;
        }
    }

    /// <summary>Empties the catalogue, orders and webhooks; API keys survive so that a test's client keeps working.</summary>
    public void Clear()
    {
        lock (Sync)
        {
            Products.Clear(); Categories.Clear(); Tags.Clear(); ShippingClasses.Clear(); Attributes.Clear(); Terms.Clear();
            Customers.Clear(); Orders.Clear(); Refunds.Clear(); Notes.Clear(); Coupons.Clear(); TaxRates.Clear();
            TaxClasses.Clear(); Webhooks.Clear(); Gateways.Clear(); ShippingMethods.Clear(); ShippingZones.Clear();
            NextPostId = NextTermId = NextItemId = NextMetaId = NextCommentId = NextAttributeId = NextTaxRateId = NextWebhookId = 1;
            NextUserId = 1;
            Settings = new SiteSettings();
        }
    }
}
