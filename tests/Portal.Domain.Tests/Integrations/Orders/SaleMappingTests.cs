using Portal.Domain.Customers;
using Portal.Domain.Integrations;
using Portal.Domain.Integrations.Orders;
using Portal.Domain.Sales;
using static Portal.Domain.Tests.Integrations.Orders.StoreOrderFixtures;

namespace Portal.Domain.Tests.Integrations.Orders;

/// <summary>
/// One row per row of the guide's "No Consolidation" field-mapping table, then one per rule of the issue, each fed with
/// a real store order (<see cref="StoreOrderFixtures"/>) and a change to the order or the settings where the row needs it.
/// </summary>
public class SaleMappingTests
{
    private static readonly StoreOrderParty Nobody = StoreOrderParty.None;

    private static readonly Dictionary<string, MappingRow> Table = new()
    {
        // Customer and customer details
        ["Customer: the order's company, with the customer's name as contact"] = new(MultiTaxTwoCoupons, p =>
        {
            p.Customer.IsDefault.ShouldBeFalse();
            p.Customer.Name.ShouldBe("Martinez & Sons Hardware Inc.");
            p.Customer.Company.ShouldBe("Martinez & Sons Hardware Inc.");
            (p.Contact, p.Phone, p.Email).ShouldBe(("Bob Martinez", "+1 212 555 0199", "bob.martinez@example.test"));
        }),
        ["Customer: no company, the order's customer"] = new(() => WithoutCompany(CouponFee()), p =>
        {
            (p.Customer.Name, p.Customer.Company, p.Contact).ShouldBe(("Alice Nguyen", null, "Alice Nguyen"));
            p.Customer.Email.ShouldBe("alice.nguyen@example.test");
        }),
        ["Customer: no customer, the store's default customer with its details"] = new(
            () => CouponFee() with { Billing = Nobody, Shipping = Nobody },
            p => (p.Customer.DefaultCustomerId, p.Contact, p.Phone, p.Email).ShouldBe((Default, "Front Desk", "555 0100", "web@shop.test"))),
        ["Customer: matched by e-mail first, then by company"] = new(MultiTaxTwoCoupons, p =>
        {
            var byCompany = Customer.Create(Given.Org, "Martinez & Sons Hardware Inc.");
            byCompany.Company = "Martinez & Sons Hardware Inc.";
            var byEmail = Customer.Create(Given.Org, "Bob's other account");
            byEmail.ChangeEmail("BOB.MARTINEZ@example.test");
            StoreCustomerMatching.Find([byCompany, byEmail], p.Customer.Email, p.Customer.Company).ShouldBeSameAs(byEmail);
            StoreCustomerMatching.Find([byCompany], p.Customer.Email, p.Customer.Company).ShouldBeSameAs(byCompany);
        }),
        ["Reference: the WooCommerce order number"] = new(CouponFee, p => p.Reference.ShouldBe("188")),
        // Billing address
        ["Billing address: the order's billing address"] = new(CouponFee, p =>
            p.BillingAddress.ShouldBe(new Address { Line1 = "1200 Market St", Line2 = "Floor 4", City = "San Francisco", State = "CA", Postcode = "94102", Country = "US" })),
        ["Billing address: none given, the shipping address"] = new(
            () => CouponFee() with { Billing = CouponFee().Billing with { Address = Address.Empty }, ShipToDifferentAddress = true },
            p => p.BillingAddress.Line1.ShouldBe("1200 Market St")),
        ["Billing address: no customer, the default customer's"] = new(
            () => CouponFee() with { Billing = Nobody, Shipping = Nobody }, p => p.BillingAddress.Line1.ShouldBe("1 Default Way")),
        ["Price tier: the settings' sale price tier"] = new(CouponFee, p => p.PriceTier.ShouldBe(2)),
        ["Price tier: sale price not sent, the regular price's tier"] = new(CouponFee, p => p.PriceTier.ShouldBe(1),
            s => s with { SalePriceTier = 0 }),
        ["Terms: the default payment term"] = new(CouponFee, p => (p.PaymentTermId, p.PaymentTermDays).ShouldBe((Net30Id, 30))),
        ["Sales rep: the settings' representative"] = new(CouponFee, p => p.SalesRepresentative.ShouldBe(new SalesRepresentativePlan(7, null)),
            s => s with { SalesRepresentativeId = 7 }),
        ["Sales rep: none chosen, one named after the store"] = new(CouponFee,
            p => p.SalesRepresentative.ShouldBe(new SalesRepresentativePlan(null, "Harness Store"))),
        ["Account: the settings' revenue account"] = new(CouponFee, p => p.RevenueAccountId.ShouldBe(Revenue),
            s => s with { RevenueAccountId = Revenue }),
        ["Account: none chosen, the default sales account"] = new(CouponFee, p => p.RevenueAccountId.ShouldBe(DefaultSales)),
        ["Tax rule: the mapping of the line's rate"] = new(CouponFee, p => p.Lines.ShouldAllBe(l => l.TaxRuleId == CaTax)),
        ["Invoice date: the capture date in the store's zone (New York: still the 27th)"] = new(CouponFee,
            p => p.InvoiceDate.ShouldBe(new DateOnly(2026, 11, 27))),
        ["Invoice date: the capture date in the store's zone (Tokyo: already the 28th)"] = new(CouponFee,
            p => p.InvoiceDate.ShouldBe(new DateOnly(2026, 11, 28)), s => s with { TimeZone = StoreTimeZone.Parse("Asia/Tokyo") }),
        ["Due date: invoice date plus the payment term"] = new(CouponFee, p => p.DueDate.ShouldBe(new DateOnly(2026, 12, 27))),
        ["Location: the location the capture allocated at"] = new(CouponFee, p => p.LocationId.ShouldBe(Warehouse)),
        ["Date: the capture instant"] = new(CouponFee, p => p.SaleDateUtc.ShouldBe(CapturedAt)),
        // Shipping address
        ["Shipping address: the order's shipping address"] = new(
            () => CouponFee() with { ShipToDifferentAddress = true, Shipping = CouponFee().Shipping with { Address = new Address { Line1 = "9 Dock St", City = "Oakland" } } },
            p => p.ShippingAddress.ShouldBe(new Address { Line1 = "9 Dock St", City = "Oakland" })),
        ["Shipping address: none given, left blank"] = new(
            () => CouponFee() with { ShipToDifferentAddress = true, Shipping = CouponFee().Shipping with { Address = Address.Empty } },
            p => p.ShippingAddress.ShouldBe(Address.Empty)),
        ["Shipping address: no customer, the default customer's"] = new(
            () => CouponFee() with { Billing = Nobody, Shipping = Nobody }, p => p.ShippingAddress.Line1.ShouldBe("2 Dock Road")),
        ["Shipping address: ship to a different address unchecked, the billing address"] = new(
            () => CouponFee() with { ShipToDifferentAddress = false, Shipping = CouponFee().Shipping with { Address = new Address { Line1 = "9 Dock St" } } },
            p => p.ShippingAddress.Line1.ShouldBe("1200 Market St")),
        ["Ship to company: the order's company"] = new(
            () => CouponFee() with { ShipToDifferentAddress = true, Shipping = CouponFee().Shipping with { Company = "Nguyen Warehouse", Address = new Address { Line1 = "9 Dock St" } } },
            p => p.ShipToCompany.ShouldBe("Nguyen Warehouse")),
        ["Ship to contact: the order's customer name"] = new(
            () => CouponFee() with { ShipToDifferentAddress = true, Shipping = CouponFee().Shipping with { FirstName = "Sam", LastName = "Lee", Address = new Address { Line1 = "9 Dock St" } } },
            p => p.ShipToContact.ShouldBe("Sam Lee")),
        ["Shipping notes: the customer's note"] = new(() => CouponFee() with { CustomerNote = " Leave at the back door " },
            p => p.ShippingNotes.ShouldBe("Leave at the back door")),
        ["Comments: the customer's note"] = new(() => CouponFee() with { CustomerNote = "Leave at the back door" },
            p => p.Comments.ShouldBe("Leave at the back door")),
        ["Required by: the capture date"] = new(CouponFee, p => p.RequiredBy.ShouldBe(new DateOnly(2026, 11, 27))),
        ["Carrier: the order's shipping method"] = new(CouponFee, p => p.CarrierName.ShouldBe("Flat rate")),
        ["Carrier: no shipping method, Local Pickup"] = new(() => CouponFee() with { ShippingLines = [] }, p => p.CarrierName.ShouldBe("Local Pickup")),
        ["Carrier: WooCommerce's local pickup, Local Pickup"] = new(
            () => CouponFee() with { ShippingLines = [new StoreShippingLine { MethodId = "local_pickup", MethodTitle = "Pick up in store" }] },
            p => p.CarrierName.ShouldBe("Local Pickup")),
    };

    public static TheoryData<string> Rows() => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Rows))]
    public void Map_WhenTableRow_ThenTheSaleHasTheGuidesValue(string row) => Table[row].Run();

    internal static StoreOrder WithoutCompany(StoreOrder order) =>
        order with { Billing = order.Billing with { Company = null }, Shipping = order.Shipping with { Company = null } };
}
