using System.Globalization;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Rest;

namespace WooCommerce.Emulator.Seed;

/// <summary>
/// A store shaped like the one the fixtures were captured from (WooCommerce 11.0.1 test store): the same ids for the
/// objects the captures address, the same kinds of products, taxes, gateways, customers and orders. Written by hand
/// from the store's description; nothing is read from the fixture files.
/// </summary>
public static class FixtureStoreSeed
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 16, 35, 4, TimeSpan.Zero);

    public static void Apply(Store store)
    {
        lock (store.Sync)
        {
            store.Clear();
            var clock = new SeedClock(Start);
            Site(store);
            Customers(store, clock);
            Taxonomies(store);
            Products(store, clock);
            Coupons(store, clock);
            Orders(store, clock);
            Webhooks(store, clock);
            store.NextPostId = Math.Max(store.NextPostId, 203);
            store.NextTermId = Math.Max(store.NextTermId, 62);
        }
    }

    private static void Site(Store store)
    {
        NewStore.Install(store);
        // The fixture store added a class of its own and set its gateways up (enabled, its own bank-transfer text).
        store.TaxClasses.Insert(1, new TaxClass { Slug = "digital-goods", Name = "Digital Goods" });
        foreach (var gateway in store.Gateways) gateway.Enabled = true;
        store.Gateways.Single(g => g.Id == "bacs").Description = "Make your payment directly into our bank account.";
        store.ShippingZones.Single(z => z.Id == 0).Methods.Add(new ShippingZoneMethod { InstanceId = 5, MethodId = "flat_rate", Title = "International flat rate", Order = 1, Cost = 25m });
        var rates = new (string Country, string State, decimal Rate, string Name, string Class, int Priority, bool Shipping)[]
        {
            ("US", "CA", 7.25m, "CA State Tax", "standard", 1, true), ("US", "NY", 4m, "NY State Tax", "standard", 1, true),
            ("US", "NY", 4.5m, "NYC Tax", "standard", 2, true), ("GB", "", 20m, "VAT", "standard", 1, true),
            ("DE", "", 19m, "MwSt", "standard", 1, true), ("GB", "", 5m, "Reduced VAT", "reduced-rate", 1, false),
            ("DE", "", 7m, "MwSt ermaessigt", "reduced-rate", 1, false), ("GB", "", 0m, "Zero VAT", "zero-rate", 1, false),
            ("DE", "", 19m, "EU VAT (digital)", "digital-goods", 1, false), ("US", "CA", 0m, "CA Digital Exempt", "digital-goods", 1, false),
        };
        foreach (var r in rates)
            store.TaxRates.Add(new TaxRate { Id = store.NextTaxRateId++, Country = r.Country, State = r.State, Rate = r.Rate, Name = r.Name, Class = r.Class, Priority = r.Priority, Shipping = r.Shipping });
        // The NYC rate stacks on the state rate (priority 2) for the city's postcodes, as in the captured store.
        store.TaxRates.Single(r => r.Name == "NYC Tax").Postcodes.AddRange(["10001", "10002"]);
        store.TaxRates.Single(r => r.Name == "NYC Tax").Cities.Add("NEW YORK");
        store.ShippingZones.AddRange([
            new ShippingZone { Id = 1, Name = "United States (Domestic)", Order = 0, Locations = [("US", "country")], Methods = [
                new ShippingZoneMethod { InstanceId = 1, MethodId = "flat_rate", Title = "Flat rate", Order = 1, Cost = 10m },
                new ShippingZoneMethod { InstanceId = 2, MethodId = "free_shipping", Title = "Free shipping", Order = 2 },
                new ShippingZoneMethod { InstanceId = 3, MethodId = "local_pickup", Title = "Local pickup", Order = 3 }] },
            new ShippingZone { Id = 2, Name = "Europe (GB, DE)", Order = 1, Locations = [("GB", "country"), ("DE", "country")], Methods = [
                new ShippingZoneMethod { InstanceId = 4, MethodId = "flat_rate", Title = "Flat rate", Order = 1, Cost = 15m }] }]);
        store.ShippingClasses.Add(new ShippingClass { Id = 18, Name = "Bulky", Slug = "bulky", Description = "Large or heavy parcels" });
    }

    private static Address Addr(string first, string last, string company, string street, string city, string state, string postcode, string country, string email, string phone) =>
        new() { FirstName = first, LastName = last, Company = company, Address1 = street, City = city, State = state, Postcode = postcode, Country = country, Email = email, Phone = phone };

    private static void Customers(Store store, SeedClock clock)
    {
        var at = Start.UtcDateTime.AddSeconds(50);
        var people = new[]
        {
            Addr("Alice", "Nguyen", "Nguyen Design Studio LLC", "1200 Market St", "San Francisco", "CA", "94102", "US", "alice.nguyen@example.test", "+1 415 555 0101"),
            Addr("Bob", "Martinez", "Martinez & Sons Hardware Inc.", "350 5th Ave", "New York", "NY", "10001", "US", "bob.martinez@example.test", "+1 212 555 0199"),
            Addr("Charlotte", "Hughes", "Hughes & Co Ltd", "10 Downing Lane", "London", "", "SW1A 2AA", "GB", "charlotte.hughes@example.co.uk", "+44 20 7946 0000"),
            Addr("Dieter", "Schmidt", "Schmidt GmbH", "Unter den Linden 5", "Berlin", "BE", "10117", "DE", "dieter.schmidt@example.de", "+49 30 901820"),
            Addr("Emma", "Wilson", "Wilson Outdoor Co", "500 SW Broadway", "Portland", "OR", "97205", "US", "emma.wilson@example.test", "+1 503 555 0144"),
            Addr("Frank", "Okafor", "Okafor Logistics", "800 Wilshire Blvd", "Los Angeles", "CA", "90017", "US", "frank.okafor@example.test", "+1 213 555 0177"),
        };
        foreach (var (a, i) in people.Select((a, i) => (a, i)))
        {
            var shipping = a.Clone();
            shipping.Email = "";
            store.Customers.Add(new Customer
            {
                Id = i + 2, Email = a.Email, FirstName = a.FirstName, LastName = a.LastName, Username = a.Email.Split('@')[0],
                Billing = a, Shipping = shipping, CreatedUtc = at.AddSeconds(i), ModifiedUtc = at.AddSeconds(i), IsPayingCustomer = i % 2 == 0,
            });
        }
        store.NextUserId = 8;
        clock.Now = Start;
    }

    private static void Taxonomies(Store store)
    {
        var categories = new (int Id, string Name, string Slug, int Parent)[]
        {
            (15, "Uncategorized", "uncategorized", 0), (35, "Clothing", "clothing", 0), (36, "Men", "clothing-men", 35), (37, "Shirts", "shirts", 36),
            (38, "Suits", "suits", 36), (39, "Shoes", "shoes", 36), (40, "Women", "clothing-women", 35), (41, "Dresses", "dresses", 40),
            (42, "Tops", "tops", 40), (43, "Accessories", "clothing-accessories", 35), (44, "Hats", "hats", 43), (45, "Bags", "bags", 43),
            (46, "Electronics", "electronics", 0), (47, "Audio", "electronics-audio", 46), (48, "Headphones", "headphones", 47),
            (49, "Speakers", "speakers", 47), (50, "Computing", "electronics-computing", 46), (51, "Keyboards", "keyboards", 50),
            (52, "Home &amp; Kitchen", "home-kitchen", 0), (53, "Kitchen", "home-kitchen-kitchen", 52), (54, "Cookware", "cookware", 53),
            (55, "Mugs", "mugs", 53), (56, "Decor", "home-kitchen-decor", 52),
        };
        foreach (var c in categories) store.Categories.Add(new Category { Id = c.Id, Name = c.Name, Slug = c.Slug, Parent = c.Parent });
        foreach (var (id, name) in new[] { (57, "New Arrival"), (58, "Bestseller"), (59, "Eco Friendly"), (60, "Limited Edition"), (61, "Gift Idea") })
            store.Tags.Add(new Tag { Id = id, Name = name, Slug = Slugs.Make(name) });
        store.Attributes.AddRange([
            new GlobalAttribute { Id = 1, Name = "Color", Slug = "pa_color", HasArchives = true },
            new GlobalAttribute { Id = 2, Name = "Size", Slug = "pa_size" },
            new GlobalAttribute { Id = 3, Name = "Material", Slug = "pa_material" },
            new GlobalAttribute { Id = 4, Name = "Fit", Slug = "pa_fit" }]);
        store.NextAttributeId = 5;
        var terms = new (int Id, int Attribute, string Name, int Order)[]
        {
            (19, 1, "Red", 0), (20, 1, "Blue", 1), (21, 1, "Green", 2), (22, 1, "Black", 3), (23, 1, "White", 4),
            (24, 2, "S", 0), (25, 2, "M", 1), (26, 2, "L", 2), (27, 2, "XL", 3),
            (28, 3, "Cotton", 0), (29, 3, "Wool", 1), (30, 3, "Leather", 2), (31, 3, "Linen", 3),
            (32, 4, "Slim", 0), (33, 4, "Regular", 1), (34, 4, "Relaxed", 2),
        };
        foreach (var t in terms) store.Terms.Add(new AttributeTerm { Id = t.Id, AttributeId = t.Attribute, Name = t.Name, Slug = Slugs.Make(t.Name), MenuOrder = t.Order });
    }

    private static Image Img(int id, string file, string alt, DateTime at) =>
        new() { Id = id, Src = $"https://127.0.0.1:8443/wp-content/uploads/2026/11/{file}", Name = file, Alt = alt, CreatedUtc = at };

    private static Product Simple(int id, string name, string sku, decimal regular, decimal? sale, int? stock, int category, int[] tags, string weight, DateTime at) => new()
    {
        Id = id, Name = name, Slug = Slugs.Make(name), Sku = sku, RegularPrice = regular, SalePrice = sale, ManageStock = stock is not null,
        StockQuantity = stock, CategoryIds = [category], TagIds = [.. tags], Weight = weight, CreatedUtc = at, ModifiedUtc = at,
        Description = $"<p>Full description for <strong>{name}</strong>. Harness sample data.</p>\n",
        ShortDescription = $"<p>{name} &#8211; short description.</p>\n",
    };

    private static void Products(Store store, SeedClock clock)
    {
        var at = Start.UtcDateTime;
        var simple = new List<Product>
        {
            Simple(12, "Oxford Button-Down Shirt", "SHIRT-OXF-001", 59m, 49m, 25, 37, [58], "0.35", at),
            Simple(13, "Linen Summer Shirt", "SHIRT-LIN-002", 65m, null, 12, 37, [59, 57], "0.30", at),
            Simple(14, "Flannel Work Shirt", "", 45m, null, 8, 37, [], "0.45", at.AddSeconds(1)),
            Simple(17, "Wrap Midi Dress", "DRS-WRAP-010", 79.9m, 69.9m, 14, 41, [57], "0.40", at.AddSeconds(1)),
            Simple(18, "Silk Camisole Top", "", 39.5m, null, 0, 42, [], "0.10", at.AddSeconds(2)),
            Simple(20, "Canvas Tote Bag", "BAG-TOTE-020", 26m, null, 203, 45, [59, 61], "0.50", at.AddSeconds(2)),
            Simple(21, "Leather Weekender Bag", "BAG-WKD-021", 249m, null, 5, 45, [60], "1.80", at.AddSeconds(2)),
            Simple(23, "Wireless Over-Ear Headphones", "AUD-HP-100", 159.99m, null, 30, 48, [58], "0.30", at.AddSeconds(3)),
            Simple(24, "Studio In-Ear Monitors", "AUD-IEM-101", 129m, null, 18, 48, [], "0.10", at.AddSeconds(3)),
            Simple(26, "Portable Bluetooth Speaker", "AUD-SPK-110", 79m, null, 40, 49, [61], "0.60", at.AddSeconds(3)),
            Simple(27, "Bookshelf Speaker Pair", "", 349m, null, 3, 49, [], "6.50", at.AddSeconds(4)),
            Simple(28, "Mechanical Keyboard TKL", "CMP-KB-200", 119m, null, 21, 51, [57], "0.90", at.AddSeconds(4)),
            Simple(30, "Cast Iron Skillet 26cm", "KIT-SKL-300", 54m, null, 34, 54, [58], "2.60", at.AddSeconds(4)),
            Simple(31, "Stainless Steel Saucepan", "", 42m, null, 14, 54, [], "1.10", at.AddSeconds(4)),
            Simple(32, "Handmade Table Vase", "DEC-VASE-400", 35m, null, 9, 56, [61, 60], "0.80", at.AddSeconds(4)),
            Simple(33, "Digital Gift Card $50", "GIFT-50", 50m, null, null, 35, [61], "", at.AddSeconds(4)),
            Simple(34, "Recipe E-Book (PDF)", "EBOOK-RCP-1", 12m, null, null, 53, [], "", at.AddSeconds(4)),
            Simple(35, "Wool Beanie (Draft)", "HAT-BEAN-DRAFT", 22m, null, 50, 44, [], "0.10", at.AddSeconds(5)),
            Simple(36, "Loyalty Members Scarf (Private)", "", 30m, null, 10, 43, [], "0.20", at.AddSeconds(5)),
            Simple(37, "Ergonomic Desk Mat", "CMP-MAT-210", 29.99m, null, 58, 50, [], "0.70", at.AddSeconds(5)),
        };
        simple[0].Images.Add(Img(11, "blue.png", "Blue oxford shirt", at));
        simple[0].Length = "30"; simple[0].Width = "25"; simple[0].Height = "3";
        simple[3].Images.AddRange([Img(15, "red.png", "Red wrap dress", at), Img(16, "green.png", "Green wrap dress", at)]);
        simple[5].Images.Add(Img(19, "white.png", "Canvas tote", at));
        simple[7].Images.Add(Img(22, "black.png", "Headphones", at));
        simple[9].Images.Add(Img(25, "green.png", "Speaker", at));
        simple[12].Images.Add(Img(29, "black.png", "Skillet", at));
        simple[15].Virtual = true; simple[15].ManualStockStatus = "instock";
        simple[16].Virtual = true; simple[16].Downloadable = true; simple[16].TaxClass = "digital-goods";
        simple[17].Status = "draft";
        simple[18].Status = "private";
        simple[6].ShippingClassId = 18;
        store.Products.AddRange(simple);

        Variable(store, 39, "Basic Cap", "CAP-BASIC", 44, [58], at.AddSeconds(5), [(1, ["Red", "Blue", "Black"])], [("black", 1)],
            v => (19m, null, v[0] switch { "Red" => 10, "Blue" => 0, _ => 22 }, $"CAP-BASIC-{v[0].ToUpperInvariant()[..3]}"));
        store.Product(39)!.Images.Add(Img(38, "red.png", "Basic cap", at));
        Variable(store, 43, "Classic Crew Tee", "TEE-CREW", 37, [58, 59], at.AddSeconds(5), [(1, ["White", "Black"]), (2, ["S", "M", "L", "XL"])], [("white", 1), ("m", 2)],
            v => (v[1] == "XL" ? 27m : 25m, v is ["Black", "M"] ? 20m : null, 20, $"TEE-CREW-{v[0][0]}-{v[1]}"));
        store.Product(43)!.CategoryIds.Add(42);
        Variable(store, 52, "Leather Sneakers", "SHOE-SNK", 39, [57], at.AddSeconds(6), [(1, ["White", "Black"]), (2, ["M", "L"]), (3, ["Cotton", "Leather"])], [],
            v => (v[2] == "Leather" ? 120m : 95m, null, 10, $"SHOE-SNK-{v[0][0]}{v[1]}{v[2][0]}"));
        Variable(store, 61, "Tailored Wool Suit", "SUIT-TLR", 38, [60], at.AddSeconds(7), [(1, ["Black", "Blue"]), (2, ["M", "L"]), (3, ["Wool", "Linen"]), (4, ["Slim", "Regular"])], [],
            v => (v[2] == "Wool" ? 499m : 429m, v[3] == "Slim" && v[0] == "Blue" ? 399m : null, 3, $"SUIT-TLR-{(v[0] == "Black" ? "BL" : "BLU")}-{v[1]}-{v[2][0]}-{v[3][0]}"));
        foreach (var v in store.VariationsOf(61)) { v.ShippingClassId = 18; v.Weight = "2.40"; }

        // A mug with custom (non-global) attributes whose stock is managed on the parent.
        clock.Now = Start.AddSeconds(36);
        var mug = new Product
        {
            Id = 78, Name = "Ceramic Mug", Slug = "ceramic-mug", Type = "variable", ManageStock = true, StockQuantity = 60, CategoryIds = [55], TagIds = [61],
            CreatedUtc = clock.Now.UtcDateTime, ModifiedUtc = clock.Now.UtcDateTime,
            Attributes = [new ProductAttribute { Name = "Pattern", Options = ["Dots", "Stripes", "Plain"] }, new ProductAttribute { Name = "Capacity", Position = 1, Options = ["350 ml"], Variation = false }],
        };
        store.Products.Add(mug);
        foreach (var (id, pattern, regular, sale) in new (int, string?, decimal, decimal?)[] { (79, "Dots", 14m, null), (80, "Stripes", 14m, 11.5m), (81, null, 12m, null) })
        {
            store.Products.Add(new Product
            {
                Id = id, Type = "variation", ParentId = 78, Name = "Ceramic Mug", Slug = "ceramic-mug-" + id, RegularPrice = regular, SalePrice = sale,
                ReviewsAllowed = false, CreatedUtc = mug.CreatedUtc, ModifiedUtc = mug.CreatedUtc,
                VariationAttributes = pattern is null ? [] : [new VariationAttribute { Name = "Pattern", Option = pattern }],
            });
        }

        for (var i = 1; i <= 100; i++)
        {
            var bulk = Simple(81 + i, $"Bulk Widget {i:000}", $"BW-{i:000}", 5.99m + i, null, 50 + i, 56, [], "0.25", Start.UtcDateTime.AddSeconds(36 + i / 3));
            bulk.Description = bulk.ShortDescription = "";
            store.Products.Add(bulk);
        }
        store.NextPostId = 182;
    }

    private static void Variable(Store store, int id, string name, string sku, int category, int[] tags, DateTime at,
        (int Attribute, string[] Options)[] attributes, (string Option, int Attribute)[] defaults, Func<string[], (decimal Regular, decimal? Sale, int Stock, string Sku)> variation)
    {
        var parent = new Product
        {
            Id = id, Name = name, Slug = Slugs.Make(name), Sku = sku, Type = "variable", CategoryIds = [category], TagIds = [.. tags], CreatedUtc = at, ModifiedUtc = at,
            Description = $"<p>Full description for <strong>{name}</strong>. Harness sample data.</p>\n",
            Attributes = [.. attributes.Select((a, i) => new ProductAttribute { Id = a.Attribute, Name = store.Attributes.First(x => x.Id == a.Attribute).Name, Position = i, Options = [.. a.Options] })],
            DefaultAttributes = [.. defaults.Select(d => new VariationAttribute { Id = d.Attribute, Name = store.Attributes.First(x => x.Id == d.Attribute).Name, Option = d.Option })],
        };
        store.Products.Add(parent);
        IEnumerable<string[]> combos = [[]];
        foreach (var a in attributes) combos = combos.SelectMany(c => a.Options.Select(o => (string[])[.. c, o]));
        var nextId = id + 1;
        foreach (var combo in combos)
        {
            var (regular, sale, stock, vsku) = variation(combo);
            store.Products.Add(new Product
            {
                Id = nextId++, Type = "variation", ParentId = id, Name = name, Slug = parent.Slug + "-" + string.Join("-", combo.Select(Slugs.Make)),
                Sku = vsku, RegularPrice = regular, SalePrice = sale, ManageStock = true, StockQuantity = stock, ReviewsAllowed = false,
                Weight = "0.20", CreatedUtc = at.AddSeconds(1), ModifiedUtc = at.AddSeconds(1),
                VariationAttributes = [.. combo.Select((o, i) => new VariationAttribute { Id = attributes[i].Attribute, Name = parent.Attributes[i].Name, Option = o })],
            });
        }
    }

    private static void Coupons(Store store, SeedClock clock)
    {
        var at = Start.UtcDateTime.AddSeconds(57);
        store.Coupons.AddRange([
            new Coupon { Id = 182, Code = "save10", Amount = 10m, DiscountType = "percent", Description = "10% off everything", CreatedUtc = at, ModifiedUtc = at },
            new Coupon { Id = 183, Code = "fiveoff", Amount = 5m, DiscountType = "fixed_cart", Description = "$5 off the cart", CreatedUtc = at, ModifiedUtc = at, UsageLimit = 100 },
            new Coupon { Id = 184, Code = "freeship", Amount = 0m, DiscountType = "fixed_cart", Description = "Free shipping", FreeShipping = true, CreatedUtc = at, ModifiedUtc = at, MinimumAmount = 50m },
            new Coupon { Id = 185, Code = "tee20", Amount = 20m, DiscountType = "percent", Description = "20% off tees", ProductIds = [43], CreatedUtc = at, ModifiedUtc = at,
                ExpiresUtc = new DateTime(2027, 12, 31, 23, 59, 59, DateTimeKind.Utc), UsedBy = ["3"] }]);
        clock.Now = Start;
    }

    private static JsonObject Line(int product, int quantity) => new() { ["product_id"] = product, ["quantity"] = quantity };

    private static JsonObject Shipping(string method, string title, decimal total, int instance) => new()
    {
        ["method_id"] = method, ["method_title"] = title, ["instance_id"] = instance.ToString(CultureInfo.InvariantCulture), ["total"] = total.ToString("F2", CultureInfo.InvariantCulture),
    };

    private static JsonObject OrderBody(Store store, int customer, string payment, string status, JsonObject[] lines, JsonObject? shipping, Address? guest = null)
    {
        var c = store.Customer(customer);
        var billing = c?.Billing ?? guest ?? new Address();
        var body = new JsonObject
        {
            ["customer_id"] = customer,
            ["payment_method"] = payment,
            ["status"] = status,
            ["billing"] = Render.AddressJson(billing, withEmail: true),
            ["shipping"] = Render.AddressJson(c?.Shipping ?? billing, withEmail: false),
            ["line_items"] = new JsonArray([.. lines]),
        };
        if (shipping is not null) body["shipping_lines"] = new JsonArray(shipping.DeepClone());
        return body;
    }

    private static void Orders(Store store, SeedClock clock)
    {
        var writer = new OrderWriter(store, clock, (_, _) => { });
        var guest = Addr("Gina", "Guest", "", "1 Main St", "Sacramento", "CA", "95814", "US", "gina.guest@example.test", "");
        var flat = Shipping("flat_rate", "Flat rate", 10m, 1);
        Order Place(int id, JsonObject body, int secondsAfterStart)
        {
            store.NextPostId = id;
            clock.Now = Start.AddSeconds(secondsAfterStart);
            return writer.Create(body);
        }

        Place(187, OrderBody(store, 0, "cod", "pending", [Line(27, 1)], flat, guest), 112);
        var o188 = OrderBody(store, 2, "bacs", "processing", [Line(12, 1), Line(23, 1), new JsonObject { ["product_id"] = 43, ["variation_id"] = 49, ["quantity"] = 2,
            ["meta_data"] = new JsonArray(new JsonObject { ["key"] = "Gift message", ["value"] = "Happy birthday!" }) }], flat);
        o188["fee_lines"] = new JsonArray(new JsonObject { ["name"] = "Gift wrapping", ["total"] = "5.00" });
        o188["coupon_lines"] = new JsonArray(new JsonObject { ["code"] = "save10" });
        o188["transaction_id"] = "BACS-REF-778812";
        o188["meta_data"] = new JsonArray(new JsonObject { ["key"] = "_harness_channel", ["value"] = "web" }, new JsonObject { ["key"] = "utm_source", ["value"] = "newsletter" });
        Place(188, o188, 113);
        Place(189, OrderBody(store, 3, "bacs", "on-hold", [Line(13, 1), Line(28, 1), new JsonObject { ["product_id"] = 52, ["variation_id"] = 57, ["quantity"] = 1 }], flat), 114);
        Place(190, OrderBody(store, 4, "cod", "completed", [Line(21, 1), Line(30, 1)], Shipping("flat_rate", "Flat rate", 15m, 4)), 124);
        Place(191, OrderBody(store, 5, "bacs", "completed", [new JsonObject { ["product_id"] = 61, ["variation_id"] = 62, ["quantity"] = 1 }], Shipping("flat_rate", "Flat rate", 15m, 4)), 125);
        Place(192, OrderBody(store, 6, "cod", "cancelled", [Line(32, 2), Line(37, 1)], flat), 126);
        var refunded = Place(193, OrderBody(store, 7, "bacs", "processing", [Line(26, 2)], flat), 127);
        var partial = OrderBody(store, 2, "bacs", "processing", [Line(24, 1), Line(20, 3)], flat);
        store.NextItemId = Math.Max(store.NextItemId, 37);
        var o194 = Place(194, partial, 127);
        Place(195, OrderBody(store, 0, "bacs", "failed", [Line(17, 1)], flat, guest), 128);
        var o196 = OrderBody(store, 3, "cod", "processing", [new JsonObject { ["product_id"] = 43, ["variation_id"] = 44, ["quantity"] = 2 }, Line(14, 1)], flat);
        o196["coupon_lines"] = new JsonArray(new JsonObject { ["code"] = "tee20" }, new JsonObject { ["code"] = "fiveoff" });
        Place(196, o196, 128);
        Place(197, OrderBody(store, 0, "", "pending", [Line(82, 1)], null, guest), 128);
        Place(198, OrderBody(store, 0, "", "pending", [Line(83, 1)], null, guest), 128);
        var trashed = Place(201, OrderBody(store, 0, "", "pending", [Line(84, 1)], null, guest), 129);
        trashed.Status = "trash";
        Place(202, OrderBody(store, 7, "cod", "processing", [Line(33, 1), Line(34, 1)], flat), 357);

        store.NextPostId = 199;
        clock.Now = Start.AddSeconds(129);
        AddRefund(store, clock, refunded, new JsonObject { ["amount"] = Render.Plain(OrderTotals.Of(refunded).Total), ["reason"] = "Customer returned both speakers", ["api_refund"] = false });
        var tote = o194.OfKind("line_item").First(l => l.ProductId == 20);
        var ship = o194.OfKind("shipping").First();
        AddRefund(store, clock, o194, new JsonObject
        {
            ["amount"] = "31.10", ["reason"] = "One tote arrived damaged; half shipping refunded", ["api_refund"] = false,
            ["line_items"] = new JsonArray(
                new JsonObject { ["id"] = tote.Id, ["quantity"] = 1, ["refund_total"] = 24.0, ["refund_tax"] = new JsonArray(new JsonObject { ["id"] = 1, ["refund_total"] = 1.74 }) },
                new JsonObject { ["id"] = ship.Id, ["refund_total"] = 5.0, ["refund_tax"] = new JsonArray(new JsonObject { ["id"] = 1, ["refund_total"] = 0.36 }) }),
        });
    }

    /// <summary>Refunds go through the same code as POST /orders/{id}/refunds, with a context that has no HTTP request.</summary>
    private static void AddRefund(Store store, SeedClock clock, Order order, JsonObject body)
    {
        var context = new DefaultHttpContext { RequestServices = new SeedServices(store, clock) };
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("127.0.0.1");
        OrdersApi.CreateRefund(context, order, body);
    }

    private static void Webhooks(Store store, SeedClock clock)
    {
        var at = Start.UtcDateTime.AddMinutes(1).AddSeconds(10);
        var hooks = new (string Topic, string Url, string Status)[]
        {
            ("order.created", "http://127.0.0.1/wh/order.created", "active"), ("order.updated", "http://127.0.0.1/wh/order.updated", "active"),
            ("order.deleted", "http://127.0.0.1/wh/order.deleted", "active"), ("product.updated", "http://127.0.0.1/wh/product.updated", "active"),
            ("order.created", "https://127.0.0.1/wh-https/order.created", "active"), ("product.updated", "http://127.0.0.1:8765/wh-port8765/product.updated", "disabled"),
            ("order.created", "http://127.0.0.1/status/500/wh-failing/order.created", "disabled"),
        };
        foreach (var (topic, url, status) in hooks)
        {
            store.Webhooks.Add(new Webhook
            {
                Id = store.NextWebhookId++, Name = $"Harness {topic} -> {url}", Topic = topic, DeliveryUrl = url, Status = status,
                Secret = "harness-webhook-secret-1", PendingDelivery = false, CreatedUtc = at, ModifiedUtc = at,
            });
        }
        clock.Now = Start;
    }
}

/// <summary>Just enough of a service provider for the REST code paths that seeding reuses; no webhooks fire.</summary>
internal sealed class SeedServices(Store store, TimeProvider clock) : IServiceProvider
{
    public object? GetService(Type serviceType) =>
        serviceType == typeof(Store) ? store : serviceType == typeof(TimeProvider) ? clock : null;
}
