using System.Text.Json;
using Portal.Domain.Customers;
using Portal.Domain.Integrations;
using Portal.Domain.Integrations.Orders;
using Portal.Features.Orders;
using Portal.Tests.WooCommerce;
using Portal.WooCommerce;

namespace Portal.Tests.Orders;

/// <summary>
/// The real store's orders, read with the client's JSON settings and translated, give the figures the domain's mapping
/// tests copy (Portal.Domain.Tests/Integrations/Orders/StoreOrderFixtures.cs), and map to sales that agree with
/// WooCommerce's totals.
/// </summary>
public class StoreOrderTranslationTests
{
    private static WooOrder Read(string fixture) =>
        JsonSerializer.Deserialize<WooOrder>(WooFixtures.Read(fixture + ".json"), WooJson.Options)!;

    private static StoreOrder Translate(string fixture) => StoreOrderTranslation.ToStoreOrder(Read(fixture));

    [Fact]
    public void ToStoreOrder_WhenMultiTaxTwoCoupons_ThenEveryRateCouponAndFigureIsKept()
    {
        var order = Translate("orders_single_multi_tax_two_coupons");

        (order.Id, order.Number, order.Status, order.Currency).ShouldBe((196L, "196", "processing", "USD"));
        order.CreatedAtUtc.ShouldBe(new DateTime(2026, 11, 27, 16, 37, 12, DateTimeKind.Utc));
        order.CreatedAtUtc.Kind.ShouldBe(DateTimeKind.Utc);
        order.PaidAtUtc.ShouldBeNull();
        (order.Billing.Company, order.Billing.FullName, order.Billing.Email).ShouldBe(("Martinez & Sons Hardware Inc.", "Bob Martinez", "bob.martinez@example.test"));
        order.Billing.Address.ShouldBe(new Address { Line1 = "350 5th Ave", City = "New York", State = "NY", Postcode = "10001", Country = "US" });
        order.ShipToDifferentAddress.ShouldBeFalse();
        var tee = order.Lines[1];
        (tee.ProductId, tee.VariationId, tee.Sku, tee.Quantity, tee.Subtotal, tee.SubtotalTax, tee.Total, tee.TotalTax)
            .ShouldBe((43L, 46L, "TEE-CREW-W-L", 1m, 25.00m, 2.13m, 20.00m, 1.70m));
        tee.Taxes.ShouldBe([new StoreRateAmount(2, 0.80m, 1.00m), new StoreRateAmount(3, 0.90m, 1.13m)]);
        order.TaxLines.ShouldBe([new StoreTaxLine(2, "US-NY-NY STATE TAX-1", false, "NY State Tax"), new StoreTaxLine(3, "US-NY-NYC TAX-2", false, "NYC Tax")]);
        order.Coupons.ShouldBe([new StoreCoupon("freeship", 0m, 0m), new StoreCoupon("tee20", 5m, 0.43m)]);
        order.ShippingLines.Single().ShouldBe(new StoreShippingLine
        {
            MethodId = "free_shipping", MethodTitle = "Free shipping", Taxes = [new StoreRateAmount(2, 0m, null), new StoreRateAmount(3, 0m, null)],
        }, new StoreShippingLineComparer());
        (order.DiscountTotal, order.DiscountTax, order.Total, order.TotalTax).ShouldBe((5.00m, 0.43m, 86.78m, 6.80m));
        (order.PaymentMethod, order.PaymentMethodTitle, order.TransactionId).ShouldBe(("cod", "Cash on delivery", null));
    }

    [Fact]
    public void ToStoreOrder_WhenCouponAndFee_ThenTheFeeShippingAndPaymentAreKept()
    {
        var order = Translate("orders_single_processing_coupon_fee");

        order.PaidAtUtc.ShouldBe(new DateTime(2026, 11, 27, 16, 36, 57, DateTimeKind.Utc));
        (order.PaymentMethod, order.TransactionId).ShouldBe(("bacs", "BACS-REF-778812"));
        var fee = order.Fees.Single();
        (fee.Name, fee.Total, fee.TotalTax, fee.Taxable).ShouldBe(("Gift wrapping", 5.00m, 0.36m, true));
        var shipping = order.ShippingLines.Single();
        (shipping.MethodId, shipping.MethodTitle, shipping.Total, shipping.TotalTax, shipping.Taxable).ShouldBe(("flat_rate", "Flat rate", 10.00m, 0.73m, true));
        order.Lines.Select(l => (l.Sku, l.Subtotal, l.SubtotalTax)).ShouldBe(
            [("SHIRT-OXF-001", 49.00m, 3.55m), ("AUD-HP-100", 159.99m, 11.60m), ("TEE-CREW-B-M", 40.00m, 2.90m)]);
    }

    [Fact]
    public void ToStoreOrder_WhenGbVat_ThenTheUntaxedNegativeFeeKeepsTheTaxWooCommerceGaveIt()
    {
        var order = Translate("orders_single_completed_gb_vat");

        var loyalty = order.Fees.Single(f => f.Name == "Loyalty discount");
        (loyalty.Total, loyalty.TotalTax, loyalty.Taxable).ShouldBe((-3.00m, -0.27m, false));
        order.Coupons.Single().ShouldBe(new StoreCoupon("fiveoff", 5m, 0.41m));
        order.DiscountTax.ShouldBe(0.42m);
        order.Shipping.Phone.ShouldBeNull();
    }

    [Fact]
    public void ToStoreOrder_WhenShippingDiffersFromBilling_ThenShipsToADifferentAddress()
    {
        var wire = Read("orders_single_processing_coupon_fee");
        var elsewhere = wire with { Shipping = wire.Shipping! with { Address1 = "9 Dock St" } };
        var none = wire with { Shipping = new WooAddress() };

        StoreOrderTranslation.ToStoreOrder(elsewhere).ShipToDifferentAddress.ShouldBeTrue();
        StoreOrderTranslation.ToStoreOrder(none).ShipToDifferentAddress.ShouldBeFalse();
        SaleMapping.Map(StoreOrderTranslation.ToStoreOrder(elsewhere), Settings(StoreOrderTranslation.ToStoreOrder(elsewhere)), Captured)
            .ShippingAddress.Line1.ShouldBe("9 Dock St");
    }

    [Fact]
    public void ToStoreOrder_WhenNoCreationDate_ThenRefusedNamingTheOrder() =>
        Should.Throw<Portal.Domain.DomainException>(() => StoreOrderTranslation.ToStoreOrder(Read("orders_single_refunded") with { DateCreatedGmt = null }))
            .Message.ShouldBe("The store's order 193 has no creation date.");

    [Theory]
    [InlineData("orders_single_multi_tax_two_coupons", 86.78, 6.80)]
    [InlineData("orders_single_processing_coupon_fee", 256.42, 17.33)]
    [InlineData("orders_single_completed_gb_vat", 216.09, 21.69)]
    public void Map_WhenTranslatedFixture_ThenTheSaleHasTheFiguresTheDomainTestsUse(string fixture, decimal total, decimal tax)
    {
        var order = Translate(fixture);

        var plan = SaleMapping.Map(order, Settings(order), Captured);

        (plan.Totals.SaleTotal, plan.Totals.SaleTax, plan.Totals.Warning).ShouldBe((total, tax, null));
    }

    [Fact]
    public void Map_WhenEveryOrderOfTheRealStore_ThenEachSaleAgreesWithWooCommerceWithinRounding()
    {
        var orders = JsonSerializer.Deserialize<List<WooOrder>>(WooFixtures.Read("orders_all_statuses.json"), WooJson.Options)!
            .Select(StoreOrderTranslation.ToStoreOrder).ToList();
        orders.Count.ShouldBeGreaterThan(5);

        foreach (var order in orders)
        {
            SaleMapping.Map(order, Settings(order), Captured).Totals.Warning.ShouldBeNull($"order {order.Number}");
        }

        DailyConsolidation.Build(orders, Settings(orders.ToArray()), new DateOnly(2026, 11, 27), Captured)!.Totals.Warning.ShouldBeNull();
    }

    private static readonly DateTime Captured = new(2026, 11, 27, 20, 0, 0, DateTimeKind.Utc);

    /// <summary>Every rate the orders use mapped to a rule of its own id.</summary>
    private static OrderMappingSettings Settings(params StoreOrder[] orders) => new()
    {
        StoreName = "Harness Store",
        TimeZone = StoreTimeZone.Utc,
        DefaultCustomer = new DefaultCustomer { Id = 1, Name = "Web Sales" },
        LocationId = 1,
        TaxRules = orders.SelectMany(o => o.TaxLines.Select(t => t.RateId).Concat(o.Lines.SelectMany(l => l.Taxes).Select(t => t.RateId)))
            .Distinct().ToDictionary(id => id, id => (int)id + 100),
        TaxFreeRuleId = 90,
        ShippingTaxRuleId = 91,
        FeesTaxRuleId = 92,
        PaymentAccounts = new Dictionary<string, int> { ["bacs"] = 10, ["cod"] = 11, ["cheque"] = 12 },
    };

    private sealed class StoreShippingLineComparer : IEqualityComparer<StoreShippingLine>
    {
        public bool Equals(StoreShippingLine? x, StoreShippingLine? y) =>
            x is not null && y is not null && x with { Taxes = [] } == y with { Taxes = [] } && x.Taxes.SequenceEqual(y.Taxes);

        public int GetHashCode(StoreShippingLine obj) => obj.MethodId.GetHashCode(StringComparison.Ordinal);
    }
}
