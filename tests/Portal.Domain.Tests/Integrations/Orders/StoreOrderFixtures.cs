using Portal.Domain.Customers;
using Portal.Domain.Integrations;
using Portal.Domain.Integrations.Orders;

namespace Portal.Domain.Tests.Integrations.Orders;

/// <summary>
/// The real store's orders, their decisive figures copied from <c>shared/woo-fixtures</c> (the fixture named on each);
/// Portal.Tests reads the same files through the client's translation and checks it yields these.
/// </summary>
internal static class StoreOrderFixtures
{
    public const int Default = 900, TaxFree = 50, Shipping = 51, Fees = 52, CaTax = 60, NyState = 61, NycTax = 62, GbReduced = 63,
        GbZero = 64, GbStandard = 65, Bank = 70, Cash = 71, Revenue = 80, DefaultSales = 81, Warehouse = 3, Net30Id = 5;

    public static readonly DateTime CapturedAt = new(2026, 11, 27, 23, 30, 0, DateTimeKind.Utc);

    public static OrderMappingSettings Settings(string zone = "America/New_York") => new()
    {
        StoreName = "Harness Store",
        TimeZone = StoreTimeZone.Parse(zone),
        DefaultCustomer = new DefaultCustomer
        {
            Id = Default, Name = "Web Sales", Contact = "Front Desk", Phone = "555 0100", Email = "web@shop.test", Company = "Web Sales Co",
            BillingAddress = new Address { Line1 = "1 Default Way", City = "Springfield", Country = "US" },
            ShippingAddress = new Address { Line1 = "2 Dock Road", City = "Springfield", Country = "US" },
        },
        SalePriceTier = 2,
        PaymentTermId = Net30Id,
        PaymentTermDays = 30,
        DefaultSalesAccountId = DefaultSales,
        LocationId = Warehouse,
        TaxRules = new Dictionary<long, int> { [1] = CaTax, [2] = NyState, [3] = NycTax, [6] = GbReduced, [8] = GbZero, [4] = GbStandard },
        TaxFreeRuleId = TaxFree,
        ShippingTaxRuleId = Shipping,
        FeesTaxRuleId = Fees,
        PaymentAccounts = new Dictionary<string, int> { ["bacs"] = Bank, ["cod"] = Cash },
    };

    private static StoreOrderParty Party(string first, string last, string company, string email, string phone, Address address) =>
        new() { FirstName = first, LastName = last, Company = company, Email = email, Phone = phone, Address = address };

    private static StoreRateAmount Rate(long id, decimal total, decimal? subtotal = null) => new(id, total, subtotal);

    /// <summary>orders_single_multi_tax_two_coupons.json (order 196): New York, two rates a line, two coupons, free shipping, unpaid.</summary>
    public static StoreOrder MultiTaxTwoCoupons()
    {
        var address = new Address { Line1 = "350 5th Ave", City = "New York", State = "NY", Postcode = "10001", Country = "US" };
        return new StoreOrder
        {
            Id = 196, Number = "196", Status = "processing", Currency = "USD",
            CreatedAtUtc = new DateTime(2026, 11, 27, 16, 37, 12, DateTimeKind.Utc),
            StoreCustomerId = 3,
            Billing = Party("Bob", "Martinez", "Martinez & Sons Hardware Inc.", "bob.martinez@example.test", "+1 212 555 0199", address),
            Shipping = Party("Bob", "Martinez", "Martinez & Sons Hardware Inc.", "", "+1 212 555 0199", address),
            Lines =
            [
                new StoreOrderLine { ProductId = 37, Sku = "CMP-MAT-210", Name = "Ergonomic Desk Mat", Quantity = 2, Subtotal = 59.98m,
                    SubtotalTax = 5.10m, Total = 59.98m, TotalTax = 5.10m, Taxes = [Rate(2, 2.40m, 2.40m), Rate(3, 2.70m, 2.70m)] },
                new StoreOrderLine { ProductId = 43, VariationId = 46, Sku = "TEE-CREW-W-L", Name = "Classic Crew Tee - White, L", Quantity = 1,
                    Subtotal = 25.00m, SubtotalTax = 2.13m, Total = 20.00m, TotalTax = 1.70m, Taxes = [Rate(2, 0.80m, 1.00m), Rate(3, 0.90m, 1.13m)] },
            ],
            TaxLines = [new StoreTaxLine(2, "US-NY-NY STATE TAX-1", false, "NY State Tax"), new StoreTaxLine(3, "US-NY-NYC TAX-2", false, "NYC Tax")],
            Coupons = [new StoreCoupon("freeship", 0m, 0m), new StoreCoupon("tee20", 5m, 0.43m)],
            ShippingLines = [new StoreShippingLine { MethodId = "free_shipping", MethodTitle = "Free shipping", Taxes = [Rate(2, 0m), Rate(3, 0m)] }],
            DiscountTotal = 5.00m, DiscountTax = 0.43m, Total = 86.78m, TotalTax = 6.80m,
            PaymentMethod = "cod", PaymentMethodTitle = "Cash on delivery",
        };
    }

    /// <summary>orders_single_processing_coupon_fee.json (order 188): California, a coupon, flat-rate shipping, gift wrapping, paid by bank transfer.</summary>
    public static StoreOrder CouponFee()
    {
        var address = new Address { Line1 = "1200 Market St", Line2 = "Floor 4", City = "San Francisco", State = "CA", Postcode = "94102", Country = "US" };
        return new StoreOrder
        {
            Id = 188, Number = "188", Status = "processing", Currency = "USD",
            CreatedAtUtc = new DateTime(2026, 11, 27, 16, 36, 57, DateTimeKind.Utc),
            PaidAtUtc = new DateTime(2026, 11, 27, 16, 36, 57, DateTimeKind.Utc),
            StoreCustomerId = 2,
            Billing = Party("Alice", "Nguyen", "Nguyen Design Studio LLC", "alice.nguyen@example.test", "+1 415 555 0101", address),
            Shipping = Party("Alice", "Nguyen", "Nguyen Design Studio LLC", "", "+1 415 555 0101", address),
            Lines =
            [
                new StoreOrderLine { ProductId = 12, Sku = "SHIRT-OXF-001", Name = "Oxford Button-Down Shirt", Quantity = 1, Subtotal = 49.00m,
                    SubtotalTax = 3.55m, Total = 44.10m, TotalTax = 3.20m, Taxes = [Rate(1, 3.20m, 3.55m)] },
                new StoreOrderLine { ProductId = 23, Sku = "AUD-HP-100", Name = "Wireless Over-Ear Headphones", Quantity = 1, Subtotal = 159.99m,
                    SubtotalTax = 11.60m, Total = 143.99m, TotalTax = 10.44m, Taxes = [Rate(1, 10.44m, 11.60m)] },
                new StoreOrderLine { ProductId = 43, VariationId = 49, Sku = "TEE-CREW-B-M", Name = "Classic Crew Tee - Black, M", Quantity = 2,
                    Subtotal = 40.00m, SubtotalTax = 2.90m, Total = 36.00m, TotalTax = 2.61m, Taxes = [Rate(1, 2.61m, 2.90m)] },
            ],
            TaxLines = [new StoreTaxLine(1, "US-CA-CA STATE TAX-1", false, "CA State Tax")],
            Coupons = [new StoreCoupon("save10", 24.9m, 1.81m)],
            ShippingLines = [new StoreShippingLine { MethodId = "flat_rate", MethodTitle = "Flat rate", Total = 10.00m, TotalTax = 0.73m, Taxes = [Rate(1, 0.73m)] }],
            Fees = [new StoreFee { Name = "Gift wrapping", Total = 5.00m, TotalTax = 0.36m, Taxes = [Rate(1, 0.36m)] }],
            DiscountTotal = 24.90m, DiscountTax = 1.81m, Total = 256.43m, TotalTax = 17.34m,
            PaymentMethod = "bacs", PaymentMethodTitle = "Direct bank transfer", TransactionId = "BACS-REF-778812",
        };
    }

    /// <summary>orders_single_completed_gb_vat.json (order 190): three VAT classes (one zero), handling fee, a negative
    /// "none" fee WooCommerce still taxed, a coupon whose tax (0.41) differs from the order's discount tax (0.42).</summary>
    public static StoreOrder GbVat()
    {
        var address = new Address { Line1 = "10 Downing Row", City = "London", Postcode = "SW1A 2AA", Country = "GB" };
        return new StoreOrder
        {
            Id = 190, Number = "190", Status = "completed", Currency = "USD",
            CreatedAtUtc = new DateTime(2026, 11, 27, 16, 37, 8, DateTimeKind.Utc),
            PaidAtUtc = new DateTime(2026, 11, 27, 16, 37, 9, DateTimeKind.Utc),
            StoreCustomerId = 4,
            Billing = Party("Charlotte", "Hughes", "Hughes Interiors Ltd", "charlotte.hughes@example.co.uk", "+44 20 7946 0958", address),
            Shipping = Party("Charlotte", "Hughes", "Hughes Interiors Ltd", "", "", address),
            Lines =
            [
                new StoreOrderLine { ProductId = 30, Sku = "KIT-SKL-300", Name = "Cast Iron Skillet 26cm", Quantity = 1, Subtotal = 54.00m,
                    SubtotalTax = 2.70m, Total = 52.33m, TotalTax = 2.62m, Taxes = [Rate(6, 2.62m, 2.70m)] },
                new StoreOrderLine { ProductId = 33, Sku = "GIFT-50", Name = "Digital Gift Card $50", Quantity = 1, Subtotal = 50.00m,
                    Total = 48.34m, Taxes = [Rate(8, 0m, 0m)] },
                new StoreOrderLine { ProductId = 17, Sku = "DRS-WRAP-010", Name = "Wrap Midi Dress", Quantity = 1, Subtotal = 69.90m,
                    SubtotalTax = 13.98m, Total = 68.23m, TotalTax = 13.65m, Taxes = [Rate(4, 13.65m, 13.98m)] },
            ],
            TaxLines = [new StoreTaxLine(6, "GB-REDUCED VAT-1", false, "Reduced VAT"), new StoreTaxLine(8, "GB-ZERO VAT-1", false, "Zero VAT"),
                new StoreTaxLine(4, "GB-VAT-1", false, "VAT")],
            Coupons = [new StoreCoupon("fiveoff", 5m, 0.41m)],
            ShippingLines = [new StoreShippingLine { MethodId = "flat_rate", MethodTitle = "International flat rate", Total = 26.00m, TotalTax = 5.20m, Taxes = [Rate(4, 5.20m)] }],
            Fees =
            [
                new StoreFee { Name = "Handling", Total = 2.50m, TotalTax = 0.50m, Taxes = [Rate(4, 0.50m)] },
                new StoreFee { Name = "Loyalty discount", Total = -3.00m, TotalTax = -0.27m, Taxable = false, Taxes = [Rate(6, -0.06m), Rate(8, 0m), Rate(4, -0.21m)] },
            ],
            DiscountTotal = 5.00m, DiscountTax = 0.42m, Total = 216.10m, TotalTax = 21.70m,
            PaymentMethod = "cod", PaymentMethodTitle = "Cash on delivery",
        };
    }
}
