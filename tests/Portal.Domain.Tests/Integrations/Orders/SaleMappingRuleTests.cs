using Portal.Domain.Integrations;
using Portal.Domain.Integrations.Orders;
using Portal.Domain.Sales;
using static Portal.Domain.Tests.Integrations.Orders.StoreOrderFixtures;

namespace Portal.Domain.Tests.Integrations.Orders;

/// <summary>One row per rule of the issue's "No consolidation" section, on the real store's orders.</summary>
public class SaleMappingRuleTests
{
    private static readonly Dictionary<string, MappingRow> Table = new()
    {
        ["Price: the line subtotal ÷ quantity, before coupons"] = new(MultiTaxTwoCoupons,
            p => p.Lines.Select(l => (l.Sku, l.Quantity, l.Price)).ShouldBe([("CMP-MAT-210", 2m, 29.99m), ("TEE-CREW-W-L", 1m, 25.00m)])),
        ["Price: a subtotal that does not divide keeps four decimals and still totals the subtotal"] = new(
            () => CouponFee() with { Lines = [CouponFee().Lines[0] with { Quantity = 3, Subtotal = 10.00m }] },
            p => (p.Lines[0].Price, p.Lines[0].Amount).ShouldBe((3.3333m, 10.00m))),
        ["Tax: the store's subtotal tax, never recalculated"] = new(CouponFee,
            p => p.Lines.Select(l => l.Tax).ShouldBe([3.55m, 11.60m, 2.90m])),
        ["Several rates: the store's tax and each rate's part, the first rate's rule"] = new(MultiTaxTwoCoupons, p =>
        {
            var tee = p.Lines[1];
            (tee.Tax, tee.TaxRuleId).ShouldBe((2.13m, NyState));
            tee.RateTaxes.Select(t => (t.RateId, t.BeforeDiscount)).ShouldBe([(2L, 1.00m), (3L, 1.13m)]);
        }),
        ["Discount: one negative charge of the discount total and tax, not spread over lines"] = new(MultiTaxTwoCoupons, p =>
        {
            p.Charges.ShouldBe([new SalePlanCharge(SaleChargeKind.Discount, "Discount (freeship, tee20)", -5.00m, NyState, -0.43m)]);
            p.Lines.ShouldAllBe(l => l.CouponCode == null);
        }),
        ["Load Coupon Codes: a line per coupon, named by its code, instead of the discount charge"] = new(MultiTaxTwoCoupons, p =>
        {
            p.Charges.ShouldNotContain(c => c.Kind == SaleChargeKind.Discount);
            p.Lines.Where(l => l.CouponCode != null).Select(l => (l.Name, l.Quantity, l.Price, l.Tax, l.TaxRuleId))
                .ShouldBe([("freeship", 1m, 0m, 0m, TaxFree), ("tee20", 1m, -5m, -0.43m, NyState)]);
        }, s => s with { LoadCouponCodes = true }),
        ["Shipping: a charge with the shipping rule and the store's tax"] = new(CouponFee,
            p => p.Charges.ShouldContain(new SalePlanCharge(SaleChargeKind.Shipping, "Shipping: Flat rate", 10.00m, Shipping, 0.73m))),
        ["Shipping: free shipping carries no money and makes no charge"] = new(MultiTaxTwoCoupons,
            p => p.Charges.ShouldNotContain(c => c.Kind == SaleChargeKind.Shipping)),
        ["Fees: a charge with the fees tax rule"] = new(CouponFee,
            p => p.Charges.ShouldContain(new SalePlanCharge(SaleChargeKind.Fee, "Gift wrapping", 5.00m, Fees, 0.36m))),
        ["Fees: no fees rule chosen, the shipping rule"] = new(CouponFee,
            p => p.Charges.Single(c => c.Kind == SaleChargeKind.Fee).TaxRuleId.ShouldBe(Shipping), s => s with { FeesTaxRuleId = null }),
        ["Fees: a negative fee WooCommerce taxed keeps its tax"] = new(GbVat,
            p => p.Charges.ShouldContain(new SalePlanCharge(SaleChargeKind.Fee, "Loyalty discount", -3.00m, Fees, -0.27m))),
        ["Non-taxable: a line without any rate takes the Tax Free rule"] = new(
            () => CouponFee() with { Lines = [CouponFee().Lines[0] with { SubtotalTax = 0, TotalTax = 0, Taxes = [] }] },
            p => (p.Lines[0].TaxRuleId, p.Lines[0].Tax).ShouldBe((TaxFree, 0m))),
        ["Non-taxable: a zero-rated line keeps its rate's rule"] = new(GbVat, p => p.Lines[1].TaxRuleId.ShouldBe(GbZero)),
        ["Non-taxable: an untaxed fee and untaxed shipping take the Tax Free rule"] = new(
            () => CouponFee() with
            {
                Fees = [new StoreFee { Name = "Handling", Total = 2m, Taxable = false }],
                ShippingLines = [new StoreShippingLine { MethodId = "flat_rate", MethodTitle = "Flat rate", Total = 4m, Taxable = false }],
            },
            p => p.Charges.Where(c => c.Kind != SaleChargeKind.Discount).ShouldAllBe(c => c.TaxRuleId == TaxFree)),
        ["Totals: the store's figures when they agree exactly (order 196)"] = new(MultiTaxTwoCoupons,
            p => (p.Totals.SaleTotal, p.Totals.SaleTax, p.Totals.Warning).ShouldBe((86.78m, 6.80m, null))),
        ["Totals: a cent of WooCommerce rounding is no warning (order 188)"] = new(CouponFee,
            p => (p.Totals.SaleTotal, p.Totals.StoreTotal, p.Totals.Warning).ShouldBe((256.42m, 256.43m, null))),
        ["Totals: coupon lines carry the coupons' own tax, which matches order 190 to the cent"] = new(GbVat,
            p => (p.Totals.SaleTotal, p.Totals.SaleTax).ShouldBe((216.10m, 21.70m)), s => s with { LoadCouponCodes = true }),
        ["Totals: a difference beyond rounding is a warning with both figures, never a correction line"] = new(
            () => CouponFee() with { Total = 260.43m, TotalTax = 18.34m }, p =>
            {
                p.Totals.Warning.ShouldBe("WooCommerce total 260.43 (tax 18.34) differs from the sale's total 256.42 (tax 17.33).");
                p.Lines.Count.ShouldBe(3);
                p.Charges.Count.ShouldBe(3);
            }),
        ["Payment: a paid order with a mapped gateway is paid on that account"] = new(CouponFee,
            p => p.Payments.ShouldBe([new SalePlanPayment(Bank, 256.43m, new DateTime(2026, 11, 27, 16, 36, 57, DateTimeKind.Utc), "BACS-REF-778812")])),
        ["Payment: an unpaid order records none"] = new(MultiTaxTwoCoupons, p => p.Payments.ShouldBeEmpty()),
        ["Payment: a gateway without an account records none"] = new(CouponFee, p => p.Payments.ShouldBeEmpty(),
            s => s with { PaymentAccounts = new Dictionary<string, int> { ["cod"] = Cash } }),
        ["Payment: with the invoice left Draft, the payment is held until the invoice is authorised"] = new(CouponFee,
            p => (p.InvoiceStatus, p.PaymentsHeldUntilInvoiceAuthorised).ShouldBe((InvoiceStatus.Draft, true))),
        ["Payment: with the invoice Authorised, the payment is recorded at once"] = new(CouponFee,
            p => p.PaymentsHeldUntilInvoiceAuthorised.ShouldBeFalse(), s => s with { InvoiceStatus = InvoiceStatus.Authorised }),
        ["Then: the store's pick/pack/ship and auto-assembly modes and invoice status"] = new(CouponFee,
            p => (p.Fulfilment, p.AutoAssembly, p.InvoiceStatus).ShouldBe((AutoFulfilmentMode.PickPackShip, AutoAssemblyMode.ForOrderedQuantity, InvoiceStatus.Authorised)),
            s => s with { Fulfilment = AutoFulfilmentMode.PickPackShip, AutoAssembly = AutoAssemblyMode.ForOrderedQuantity, InvoiceStatus = InvoiceStatus.Authorised }),
        ["Add Company to Address: the company heads the address lines"] = new(CouponFee, p =>
        {
            (p.BillingAddress.Line1, p.BillingAddress.Line2).ShouldBe(("Nguyen Design Studio LLC", "1200 Market St, Floor 4"));
            p.Customer.BillingAddress.Line1.ShouldBe("Nguyen Design Studio LLC");
        }, s => s with { AddCompanyToAddress = true }),
    };

    public static TheoryData<string> Rows() => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Rows))]
    public void Map_WhenIssueRule_ThenTheSaleFollowsIt(string row) => Table[row].Run();

    [Fact]
    public void Map_WhenARateIsNotMapped_ThenTheOrderIsRefusedNamingTheRate()
    {
        var settings = Settings() with { TaxRules = new Dictionary<long, int> { [2] = NyState } };

        Should.Throw<DomainException>(() => SaleMapping.Map(MultiTaxTwoCoupons(), settings, CapturedAt) with { })
            .Message.ShouldBe("Order 196: the tax rate 3 (US-NY-NYC TAX-2) is not mapped to a tax rule; map it in the store's tax settings.");
    }

    [Theory]
    [InlineData("cancelled", true)]
    [InlineData("trash", true)]
    [InlineData("refunded", false)]
    [InlineData("processing", false)]
    public void VoidsSale_WhenTheStoreConfirmsTheStatus_ThenOnlyCancelledOrTrashedVoid(string status, bool voids) =>
        StoreOrderStatus.VoidsSale(status).ShouldBe(voids);
}
