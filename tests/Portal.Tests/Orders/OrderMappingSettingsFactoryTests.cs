using Portal.Domain;
using Portal.Domain.Customers;
using Portal.Domain.Integrations;
using Portal.Domain.Reference;
using Portal.Features.Integrations;
using Portal.Features.Orders;

namespace Portal.Tests.Orders;

public class OrderMappingSettingsFactoryTests
{
    private static readonly ConnectedStore Store = new() { Name = "Harness Store", TimeZone = "UTC+05:30" };

    private static Customer WebSales()
    {
        var customer = Customer.Create(1, "Web Sales");
        customer.Id = 4;
        return customer;
    }

    private static StoreSettings Saved() => new()
    {
        CustomerId = 4, SalePriceTier = 0, RegularPriceTier = 3, TaxFreeRuleId = 20, ShippingTaxRuleId = 21, FeesTaxRuleId = 22,
        LoadCouponCodesAsProducts = true, AddCompanyToAddress = true, InvoiceStatus = InvoiceStatus.Authorised,
        TaxRates = [new TaxRateMapping { RateId = 7, TaxRuleId = 30 }, new TaxRateMapping { RateId = 8 }],
        PaymentMappings = [new PaymentMapping { GatewayId = "bacs", AccountId = 40 }, new PaymentMapping { GatewayId = "cod" }],
    };

    [Fact]
    public void Create_WhenSavedSettings_ThenTheMappingReadsEveryChoice()
    {
        var term = PaymentTerm.Create(1, "Net 14", 14);
        term.Id = 9;

        var mapping = OrderMappingSettingsFactory.Create(Store, Saved(), WebSales(), term, new OrganizationSalesSettings { DefaultSalesAccountId = 50 }, 6);

        (mapping.StoreName, mapping.TimeZone.Id, mapping.DefaultCustomer.Id, mapping.PriceTier).ShouldBe(("Harness Store", "UTC+05:30", 4, 3));
        (mapping.PaymentTermId, mapping.PaymentTermDays, mapping.DefaultSalesAccountId, mapping.LocationId).ShouldBe((9, 14, 50, 6));
        mapping.TaxRules.ShouldBe(new Dictionary<long, int> { [7] = 30 });
        (mapping.TaxFreeRuleId, mapping.ShippingTaxRuleId, mapping.EffectiveFeesTaxRuleId).ShouldBe((20, 21, 22));
        mapping.PaymentAccounts.ShouldBe(new Dictionary<string, int> { ["bacs"] = 40 });
        (mapping.LoadCouponCodes, mapping.AddCompanyToAddress, mapping.InvoiceStatus).ShouldBe((true, true, InvoiceStatus.Authorised));
    }

    [Fact]
    public void Create_WhenNoTaxFreeRule_ThenRefusedNamingTheStore()
    {
        var settings = Saved();
        settings.TaxFreeRuleId = null;

        Should.Throw<DomainException>(() => OrderMappingSettingsFactory.Create(Store, settings, WebSales(), null, null, 6))
            .Message.ShouldBe("Choose the Tax Free rule in the settings of Harness Store before its orders become sales.");
    }
}
