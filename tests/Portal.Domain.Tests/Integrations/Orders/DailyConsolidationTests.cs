using Portal.Domain.Integrations.Orders;
using static Portal.Domain.Tests.Integrations.Orders.StoreOrderFixtures;

namespace Portal.Domain.Tests.Integrations.Orders;

/// <summary>
/// One row per row of the guide's "Daily Consolidation" table, then the rules, on a day of the real store's
/// orders: 188 (paid by bank transfer), a second 188 numbered 201, 190 (paid cash) and 196 (unpaid).
/// </summary>
public class DailyConsolidationTests
{
    private static readonly DateOnly Day = new(2026, 11, 27);
    private static readonly DateTime RunAt = new(2026, 11, 27, 23, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, Action<SalePlan>> Table = new()
    {
        ["Customer: the default customer and its details"] = p =>
            (p.Customer.DefaultCustomerId, p.Contact, p.Phone, p.Email).ShouldBe((Default, "Front Desk", "555 0100", "web@shop.test")),
        ["Reference: WooCommerce Sales for the store's date"] = p => p.Reference.ShouldBe("WooCommerce Sales for 2026-11-27"),
        ["Billing address: the default customer's"] = p => p.BillingAddress.Line1.ShouldBe("1 Default Way"),
        ["Price tier: the settings' sale price tier"] = p => p.PriceTier.ShouldBe(2),
        ["Terms: the default payment term"] = p => (p.PaymentTermId, p.PaymentTermDays).ShouldBe((Net30Id, 30)),
        ["Sales rep: none chosen, one named after the store"] = p => p.SalesRepresentative.Name.ShouldBe("Harness Store"),
        ["Account: none chosen, the default sales account"] = p => p.RevenueAccountId.ShouldBe(DefaultSales),
        ["Tax rule: the mapping of each line's first rate"] = p =>
            p.Lines.Select(l => l.TaxRuleId).Distinct().Order().ShouldBe([CaTax, NyState, GbReduced, GbZero, GbStandard]),
        ["Invoice date: the store's date of the run"] = p => p.InvoiceDate.ShouldBe(Day),
        ["Due date: invoice date plus the payment term"] = p => p.DueDate.ShouldBe(new DateOnly(2026, 12, 27)),
        ["Location: the store's location"] = p => p.LocationId.ShouldBe(Warehouse),
        ["Date: the run"] = p => p.SaleDateUtc.ShouldBe(RunAt),
        ["Shipping address: the default customer's"] = p => p.ShippingAddress.Line1.ShouldBe("2 Dock Road"),
        ["Ship to company: the default customer's"] = p => p.ShipToCompany.ShouldBe("Web Sales Co"),
        ["Ship to contact: the default customer's"] = p => p.ShipToContact.ShouldBe("Front Desk"),
        ["Shipping notes: the orders' notes, each with its number"] = p => p.ShippingNotes.ShouldBe("#190: Gift, no invoice inside"),
        ["Comments: the order numbers, then the notes"] = p =>
            p.Comments.ShouldBe("WooCommerce orders: 188, 201, 190, 196\n#190: Gift, no invoice inside"),
        ["Required by: the store's date of the run"] = p => p.RequiredBy.ShouldBe(Day),
        ["Carrier: Local Pickup, whatever the orders' shipping"] = p => p.CarrierName.ShouldBe("Local Pickup"),
        ["Lines: one per product, price and tax rule, quantities and taxes added up"] = p =>
        {
            var shirts = p.Lines.Single(l => l.Sku == "SHIRT-OXF-001");
            (shirts.Quantity, shirts.Price, shirts.Tax).ShouldBe((2m, 49.00m, 7.10m));
            shirts.RateTaxes.ShouldBe([new StoreRateAmount(1, 6.40m, 7.10m)]);
            p.Lines.Count(l => l.Sku!.StartsWith("TEE-CREW")).ShouldBe(2, "two variations of one tee stay apart");
            p.Lines.Count.ShouldBe(8);
        },
        ["Charges: one per kind and tax rule, added up"] = p => p.Charges.ShouldBe(
        [
            new SalePlanCharge(SaleChargeKind.Discount, "Discount", -49.80m, CaTax, -3.62m),
            new SalePlanCharge(SaleChargeKind.Discount, "Discount", -5.00m, NyState, -0.43m),
            new SalePlanCharge(SaleChargeKind.Discount, "Discount", -5.00m, GbReduced, -0.42m),
            new SalePlanCharge(SaleChargeKind.Shipping, "Shipping", 46.00m, Shipping, 6.66m),
            new SalePlanCharge(SaleChargeKind.Fee, "Gift wrapping, Handling, Loyalty discount", 9.50m, Fees, 0.95m),
        ]),
        ["Payments: summed per gateway account"] = p => p.Payments.Select(x => (x.AccountId, x.Amount, x.Reference))
            .ShouldBe([(Bank, 512.86m, "WooCommerce Sales for 2026-11-27"), (Cash, 216.10m, "WooCommerce Sales for 2026-11-27")]),
        ["Totals: the day's store totals against the sale's, within each order's rounding"] = p =>
            (p.Totals.StoreTotal, p.Totals.StoreTax, p.Totals.Warning).ShouldBe((815.74m, 63.18m, null)),
    };

    public static TheoryData<string> Rows() => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Rows))]
    public void Build_WhenTableRow_ThenTheDailySaleHasTheGuidesValue(string row) =>
        Table[row](DailyConsolidation.Build(DayOfOrders(), Settings(), Day, RunAt)!);

    [Fact]
    public void Build_WhenTheDayHadNoOrders_ThenNoSale() =>
        DailyConsolidation.Build([], Settings(), Day, RunAt).ShouldBeNull();

    [Fact]
    public void Build_WhenOneProductSoldAtTwoPrices_ThenTwoLines()
    {
        var cheaper = CouponFee() with { Number = "202", Lines = [CouponFee().Lines[0] with { Subtotal = 39.00m }] };

        var plan = DailyConsolidation.Build([CouponFee(), cheaper], Settings(), Day, RunAt)!;

        plan.Lines.Where(l => l.Sku == "SHIRT-OXF-001").Select(l => (l.Quantity, l.Price)).ShouldBe([(1m, 49.00m), (1m, 39.00m)]);
    }

    [Fact]
    public void Build_WhenThousandsOfOrders_ThenTheCommentsFitTheSaleAndPointToTheLog()
    {
        var orders = Enumerable.Range(1000, 5000).Select(n => CouponFee() with { Id = n, Number = n.ToString(), CustomerNote = "Ring twice" }).ToList();

        var plan = DailyConsolidation.Build(orders, Settings(), Day, RunAt)!;

        plan.Comments!.Length.ShouldBe(4000);
        plan.Comments.ShouldStartWith("WooCommerce orders: 1000, 1001, ");
        plan.Comments.ShouldEndWith(" … (more in the capture log)");
        plan.ShippingNotes!.Length.ShouldBe(2000);
        plan.OrderNumbers.Count.ShouldBe(5000);
        plan.Lines.Single(l => l.Sku == "SHIRT-OXF-001").Quantity.ShouldBe(5000m);
    }

    private static IReadOnlyList<StoreOrder> DayOfOrders() =>
    [
        MultiTaxTwoCoupons(),
        GbVat() with { CustomerNote = "Gift, no invoice inside" },
        CouponFee(),
        CouponFee() with { Id = 201, Number = "201", CreatedAtUtc = CouponFee().CreatedAtUtc.AddSeconds(1) },
    ];
}
