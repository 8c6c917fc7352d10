using System.Text.Json.Nodes;
using Bogus;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Rest;

namespace WooCommerce.Emulator.Seed;

public sealed record ProductGeneration
{
    public int Simple { get; init; }
    public int Variable { get; init; }
    /// <summary>Variations per variable product.</summary>
    public int VariationsPerProduct { get; init; } = 4;
    /// <summary>Attributes per variable product; 0 picks 1 to 4 at random.</summary>
    public int Attributes { get; init; }
    /// <summary>Share of products generated without a SKU, as real catalogues have.</summary>
    public double WithoutSkuShare { get; init; } = 0.1;
    public int Seed { get; init; } = 1;
}

/// <summary>Deterministic bulk data (same seed, same store) for volume tests and benchmarks.</summary>
public static class Generator
{
    private static readonly string[] AttributeNames = ["Color", "Size", "Material", "Fit"];

    public static IReadOnlyList<int> Products(Store store, ProductGeneration spec, DateTime nowUtc)
    {
        var faker = new Faker { Random = new Randomizer(spec.Seed) };
        var created = new List<int>();
        lock (store.Sync)
        {
            EnsureAttributes(store, faker);
            var category = store.Categories.FirstOrDefault()?.Id;
            var serial = store.Products.Count + 1;
            Product Base(string type)
            {
                var name = faker.Commerce.ProductName();
                var id = store.TakePostId();
                var p = new Product
                {
                    Id = id, Type = type, Name = name, Slug = Slugs.Make(name) + "-" + id, Description = faker.Commerce.ProductDescription(),
                    Sku = faker.Random.Double() < spec.WithoutSkuShare ? "" : $"GEN-{serial++:000000}",
                    CreatedUtc = nowUtc.AddSeconds(-faker.Random.Int(0, 86400 * 30)), CategoryIds = category is int c ? [c] : [],
                };
                p.ModifiedUtc = p.CreatedUtc;
                return p;
            }
            for (var i = 0; i < spec.Simple; i++)
            {
                var p = Base("simple");
                p.RegularPrice = Math.Round(faker.Random.Decimal(1, 500), 2);
                p.ManageStock = true;
                p.StockQuantity = faker.Random.Int(0, 200);
                store.Products.Add(p);
                created.Add(p.Id);
            }
            for (var i = 0; i < spec.Variable; i++)
            {
                var parent = Base("variable");
                var attributeCount = spec.Attributes > 0 ? Math.Clamp(spec.Attributes, 1, 4) : faker.Random.Int(1, 4);
                var perAttribute = (int)Math.Ceiling(Math.Pow(Math.Max(spec.VariationsPerProduct, 1), 1.0 / attributeCount));
                parent.Attributes = [.. Enumerable.Range(0, attributeCount).Select(a =>
                {
                    var global = store.Attributes.First(x => x.Name == AttributeNames[a]);
                    var options = store.Terms.Where(t => t.AttributeId == global.Id).Select(t => t.Name).Take(Math.Max(perAttribute, 1)).ToList();
                    return new ProductAttribute { Id = global.Id, Name = global.Name, Position = a, Options = options };
                })];
                store.Products.Add(parent);
                created.Add(parent.Id);
                IEnumerable<string[]> combos = [[]];
                foreach (var a in parent.Attributes) combos = combos.SelectMany(c => a.Options.Select(o => (string[])[.. c, o]));
                foreach (var combo in combos.Take(spec.VariationsPerProduct))
                {
                    var v = new Product
                    {
                        Id = store.TakePostId(), Type = "variation", ParentId = parent.Id, Name = parent.Name, ReviewsAllowed = false,
                        Slug = parent.Slug + "-" + string.Join("-", combo.Select(Slugs.Make)),
                        Sku = parent.Sku.Length == 0 ? "" : $"{parent.Sku}-{string.Join("-", combo.Select(o => Slugs.Make(o).ToUpperInvariant()))}",
                        RegularPrice = Math.Round(faker.Random.Decimal(5, 300), 2), ManageStock = true, StockQuantity = faker.Random.Int(0, 50),
                        CreatedUtc = parent.CreatedUtc, ModifiedUtc = parent.CreatedUtc,
                        VariationAttributes = [.. combo.Select((o, k) => new VariationAttribute { Id = parent.Attributes[k].Id, Name = parent.Attributes[k].Name, Option = o })],
                    };
                    store.Products.Add(v);
                }
            }
        }
        return created;
    }

    private static void EnsureAttributes(Store store, Faker faker)
    {
        foreach (var name in AttributeNames)
        {
            if (store.Attributes.Any(a => a.Name == name)) continue;
            var attribute = new GlobalAttribute { Id = store.NextAttributeId++, Name = name, Slug = "pa_" + Slugs.Make(name) };
            store.Attributes.Add(attribute);
        }
        foreach (var attribute in store.Attributes.Where(a => AttributeNames.Contains(a.Name)))
        {
            var existing = store.Terms.Count(t => t.AttributeId == attribute.Id);
            for (var i = existing; i < 6; i++)
            {
                var name = attribute.Name switch
                {
                    "Color" => faker.Commerce.Color(),
                    "Size" => new[] { "XS", "S", "M", "L", "XL", "XXL" }[i],
                    "Material" => faker.Commerce.ProductMaterial(),
                    _ => new[] { "Slim", "Regular", "Relaxed", "Loose", "Tapered", "Athletic" }[i],
                };
                if (store.Terms.Any(t => t.AttributeId == attribute.Id && t.Name == name)) name += " " + i;
                store.Terms.Add(new AttributeTerm { Id = store.TakeTermId(), AttributeId = attribute.Id, Name = name, Slug = Slugs.Make(name), MenuOrder = i });
            }
        }
    }

    public static IReadOnlyList<int> Customers(Store store, int count, int seed, DateTime nowUtc)
    {
        var faker = new Faker { Random = new Randomizer(seed) };
        var created = new List<int>();
        lock (store.Sync)
        {
            for (var i = 0; i < count; i++)
            {
                var first = faker.Name.FirstName();
                var last = faker.Name.LastName();
                var id = store.NextUserId++;
                var email = $"{Slugs.Make(first)}.{Slugs.Make(last)}.{id}@example.test";
                var address = new Address
                {
                    FirstName = first, LastName = last, Company = faker.Company.CompanyName(), Address1 = faker.Address.StreetAddress(),
                    City = faker.Address.City(), State = faker.Address.StateAbbr(), Postcode = faker.Address.ZipCode("#####"), Country = "US",
                    Email = email, Phone = faker.Phone.PhoneNumber("+1 ### ### ####"),
                };
                var shipping = address.Clone();
                shipping.Email = "";
                var at = nowUtc.AddSeconds(-faker.Random.Int(0, 86400 * 30));
                store.Customers.Add(new Customer
                {
                    Id = id, Email = email, FirstName = first, LastName = last, Username = email.Split('@')[0],
                    Billing = address, Shipping = shipping, CreatedUtc = at, ModifiedUtc = at,
                });
                created.Add(id);
            }
        }
        return created;
    }

    /// <summary>
    /// Orders over existing products and customers, through the same code as POST /orders (stock is reduced), raising
    /// the webhooks placing them raises (order.created, order.updated, product.updated for stock).
    /// </summary>
    public static IReadOnlyList<int> Orders(Store store, int count, int seed, TimeProvider clock, Action<string, int>? raise = null)
    {
        var faker = new Faker { Random = new Randomizer(seed) };
        var created = new List<int>();
        string[] statuses = ["pending", "processing", "on-hold", "completed", "cancelled", "failed"];
        lock (store.Sync)
        {
            var products = store.Products.Where(p => p.Status == "publish" && p.Type is "simple" or "variation" && p.Price is not null).ToList();
            if (products.Count == 0) throw new InvalidOperationException("Generate or seed products before orders.");
            var writer = new OrderWriter(store, clock, raise ?? ((_, _) => { }));
            for (var i = 0; i < count; i++)
            {
                var customer = store.Customers.Count > 0 && faker.Random.Bool(0.8f) ? faker.PickRandom(store.Customers) : null;
                var lines = faker.Make(faker.Random.Int(1, 4), () =>
                {
                    var p = faker.PickRandom(products);
                    return (JsonNode)new JsonObject { ["product_id"] = p.Id, ["quantity"] = faker.Random.Int(1, 3) };
                });
                var billing = customer?.Billing ?? new Address { FirstName = faker.Name.FirstName(), LastName = faker.Name.LastName(), Country = "US", State = "CA", Email = faker.Internet.Email() };
                var body = new JsonObject
                {
                    ["customer_id"] = customer?.Id ?? 0,
                    ["status"] = faker.PickRandom(statuses),
                    ["payment_method"] = faker.PickRandom("bacs", "cheque", "cod"),
                    ["billing"] = Render.AddressJson(billing, withEmail: true),
                    ["line_items"] = new JsonArray([.. lines]),
                    ["shipping_lines"] = new JsonArray(new JsonObject { ["method_id"] = "flat_rate", ["method_title"] = "Flat rate", ["total"] = "10.00" }),
                };
                created.Add(writer.Create(body).Id);
            }
        }
        return created;
    }
}
