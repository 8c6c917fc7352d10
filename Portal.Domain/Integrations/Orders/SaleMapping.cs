using Portal.Domain.Customers;
using Portal.Domain.Reference;

namespace Portal.Domain.Integrations.Orders;

/// <summary>
/// No consolidation: one store order becomes one sale with the order's customer, addresses, lines, charges and payment.
/// </summary>
public static class SaleMapping
{
    /// <param name="capturedAtUtc">When the order was captured: the sale date, and in the store's zone the invoice date.</param>
    public static SalePlan Map(StoreOrder order, OrderMappingSettings settings, DateTime capturedAtUtc)
    {
        var lines = OrderAmounts.Lines(order, settings);
        var charges = OrderAmounts.Charges(order, settings);
        var party = Identified(order.Billing) ? order.Billing : Identified(order.Shipping) ? order.Shipping : null;
        var (billing, shipping) = Addresses(order, settings, party);
        var shipTo = order.ShipToDifferentAddress ? order.Shipping : order.Billing;
        var defaultCustomer = settings.DefaultCustomer;
        return Header(settings, capturedAtUtc) with
        {
            Customer = party is null ? SaleCustomerPlan.Default(defaultCustomer.Id) : CustomerOf(party, billing, shipping),
            Contact = party is null ? defaultCustomer.Contact : party.FullName,
            Phone = party is null ? defaultCustomer.Phone : Names.Optional(party.Phone) ?? Names.Optional(order.Shipping.Phone),
            Email = party is null ? defaultCustomer.Email : Names.Optional(party.Email),
            Reference = order.Number,
            BillingAddress = billing,
            ShippingAddress = shipping,
            ShipToCompany = party is null ? defaultCustomer.Company : Names.Optional(shipTo.Company) ?? Names.Optional(party.Company),
            ShipToContact = party is null ? defaultCustomer.Contact : shipTo.FullName ?? party.FullName,
            ShippingNotes = Names.Optional(order.CustomerNote),
            Comments = Names.Optional(order.CustomerNote),
            CarrierName = CarrierOf(order),
            Currency = order.Currency,
            Lines = lines,
            Charges = charges,
            Payments = OrderAmounts.Payments(order, settings),
            Totals = TotalsCheck.Of(order.Total, order.TotalTax, lines, charges),
            OrderNumbers = [order.Number],
        };
    }

    /// <summary>The fields every sale from a store shares, whether from one order or from a day's.</summary>
    internal static SalePlan Header(OrderMappingSettings settings, DateTime capturedAtUtc) => new()
    {
        Customer = SaleCustomerPlan.Default(settings.DefaultCustomer.Id),
        Reference = "",
        CarrierName = Carrier.LocalPickupName,
        LocationId = settings.LocationId,
        PriceTier = settings.PriceTier,
        PaymentTermId = settings.PaymentTermId,
        PaymentTermDays = settings.PaymentTermDays,
        SalesRepresentative = settings.SalesRepresentativeId is { } rep
            ? new SalesRepresentativePlan(rep, null)
            : new SalesRepresentativePlan(null, settings.StoreName),
        RevenueAccountId = settings.RevenueAccountId ?? settings.DefaultSalesAccountId,
        SaleDateUtc = Amounts.Utc(capturedAtUtc, nameof(capturedAtUtc)),
        InvoiceDate = settings.TimeZone.DateOf(capturedAtUtc),
        Fulfilment = settings.Fulfilment,
        AutoAssembly = settings.AutoAssembly,
        InvoiceStatus = settings.InvoiceStatus,
        Totals = new TotalsCheck(0, 0, 0, 0, 0),
    };

    /// <summary>The order's shipping method; Local Pickup when it has none (or is a local pickup).</summary>
    public static string CarrierOf(StoreOrder order) =>
        order.ShippingLines.FirstOrDefault(s => Names.Optional(s.MethodTitle) is not null) is { IsLocalPickup: false } line
            ? line.MethodTitle.Trim()
            : Carrier.LocalPickupName;

    private static (Address Billing, Address Shipping) Addresses(StoreOrder order, OrderMappingSettings settings, StoreOrderParty? party)
    {
        if (party is null)
        {
            return (settings.DefaultCustomer.BillingAddress, settings.DefaultCustomer.ShippingAddress);
        }

        var billing = !order.Billing.Address.IsEmpty ? WithCompany(order.Billing, settings)
            : WithCompany(order.Shipping, settings);
        var shipping = !order.ShipToDifferentAddress ? billing
            : order.Shipping.Address.IsEmpty ? Address.Empty
            : WithCompany(order.Shipping, settings);
        return (billing, shipping);
    }

    /// <summary>Add Company to Address: the company becomes the first address line.</summary>
    private static Address WithCompany(StoreOrderParty party, OrderMappingSettings settings)
    {
        var address = party.Address;
        if (!settings.AddCompanyToAddress || Names.Optional(party.Company) is not { } company || address.IsEmpty)
        {
            return address;
        }

        var street = string.Join(", ", new[] { address.Line1, address.Line2 }.Select(Names.Optional).OfType<string>());
        return address with { Line1 = company, Line2 = Names.Optional(street) };
    }

    private static SaleCustomerPlan CustomerOf(StoreOrderParty party, Address billing, Address shipping)
    {
        var company = Names.Optional(party.Company);
        return new SaleCustomerPlan
        {
            Name = company ?? party.FullName ?? Names.Optional(party.Email),
            Company = company,
            Contact = party.FullName,
            Email = Names.Optional(party.Email),
            Phone = Names.Optional(party.Phone),
            BillingAddress = billing,
            ShippingAddress = shipping,
        };
    }

    private static bool Identified(StoreOrderParty party) =>
        Names.Optional(party.Company) is not null || party.FullName is not null || Names.Optional(party.Email) is not null;
}
