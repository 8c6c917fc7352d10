using Portal.Domain;
using Portal.Domain.Customers;
using Portal.Domain.Integrations;
using Portal.Domain.Integrations.Orders;
using Portal.Domain.Reference;
using Portal.Features.Integrations;

namespace Portal.Features.Orders;

/// <summary>A store's saved settings, with the organization's defaults looked up, as the domain's order mapping reads them.</summary>
public static class OrderMappingSettingsFactory
{
    /// <param name="locationId">Where the capture allocated the order's stock.</param>
    public static OrderMappingSettings Create(
        ConnectedStore store, StoreSettings settings, Customer defaultCustomer, PaymentTerm? defaultTerm,
        OrganizationSalesSettings? salesSettings, int locationId)
    {
        if (settings.CustomerId != defaultCustomer.Id)
        {
            throw new InvalidOperationException("The default customer given is not the one the store's settings name.");
        }

        return new OrderMappingSettings
        {
            StoreName = store.Name,
            TimeZone = StoreTimeZone.Parse(store.TimeZone),
            DefaultCustomer = DefaultCustomer.From(defaultCustomer),
            SalePriceTier = settings.SalePriceTier,
            RegularPriceTier = settings.RegularPriceTier,
            PaymentTermId = defaultTerm?.Id,
            PaymentTermDays = defaultTerm?.Days ?? 0,
            SalesRepresentativeId = settings.SalesRepresentativeId,
            RevenueAccountId = settings.RevenueAccountId,
            DefaultSalesAccountId = salesSettings?.DefaultSalesAccountId,
            LocationId = locationId,
            TaxRules = settings.TaxRates.Where(r => r.TaxRuleId is not null).ToDictionary(r => r.RateId, r => r.TaxRuleId!.Value),
            TaxFreeRuleId = settings.TaxFreeRuleId
                ?? throw new DomainException($"Choose the Tax Free rule in the settings of {store.Name} before its orders become sales."),
            ShippingTaxRuleId = settings.ShippingTaxRuleId
                ?? throw new DomainException($"Choose the shipping tax rule in the settings of {store.Name} before its orders become sales."),
            FeesTaxRuleId = settings.FeesTaxRuleId,
            LoadCouponCodes = settings.LoadCouponCodesAsProducts,
            AddCompanyToAddress = settings.AddCompanyToAddress,
            PaymentAccounts = settings.PaymentMappings.Where(m => m.AccountId is not null)
                .ToDictionary(m => m.GatewayId, m => m.AccountId!.Value, StringComparer.Ordinal),
            Fulfilment = settings.Fulfilment,
            AutoAssembly = settings.AutoAssembly,
            InvoiceStatus = settings.InvoiceStatus,
        };
    }
}
