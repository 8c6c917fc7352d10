using Portal.Domain;
using Portal.Domain.Customers;
using Portal.Domain.Integrations.Orders;
using Portal.WooCommerce;

namespace Portal.Features.Orders;

/// <summary>
/// Reads a WooCommerce order (as the client deserialized it) into the domain's <see cref="StoreOrder"/>. Amounts the
/// store leaves blank are zero; an order without its number or creation date is refused, since a sale could not
/// name it.
/// </summary>
public static class StoreOrderTranslation
{
    public static StoreOrder ToStoreOrder(WooOrder order)
    {
        var number = Clean(order.Number) ?? (order.Id > 0 ? order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null)
            ?? throw new DomainException("The store's order has neither an id nor a number.");
        var created = order.DateCreatedGmt
            ?? throw new DomainException($"The store's order {number} has no creation date.");
        var billing = Party(order.Billing);
        var shipping = Party(order.Shipping);
        return new StoreOrder
        {
            Id = order.Id,
            Number = number,
            Status = Clean(order.Status) ?? "",
            Currency = Clean(order.Currency) ?? "",
            CreatedAtUtc = DateTime.SpecifyKind(created, DateTimeKind.Utc),
            PaidAtUtc = order.DatePaidGmt is { } paid ? DateTime.SpecifyKind(paid, DateTimeKind.Utc) : null,
            StoreCustomerId = order.CustomerId is > 0 ? order.CustomerId : null,
            Billing = billing,
            Shipping = shipping,
            ShipToDifferentAddress = ShipsElsewhere(billing, shipping),
            CustomerNote = Clean(order.CustomerNote),
            Lines = (order.LineItems ?? []).Select(Line).ToList(),
            TaxLines = (order.TaxLines ?? []).Select(t => new StoreTaxLine(t.RateId ?? 0, t.RateCode ?? "", t.Compound ?? false, t.Label ?? "")).ToList(),
            Coupons = (order.CouponLines ?? []).Select(c => new StoreCoupon(c.Code ?? "", c.Discount ?? 0, c.DiscountTax ?? 0)).ToList(),
            ShippingLines = (order.ShippingLines ?? []).Select(s => new StoreShippingLine
            {
                MethodId = s.MethodId ?? "", MethodTitle = s.MethodTitle ?? "", Total = s.Total ?? 0, TotalTax = s.TotalTax ?? 0,
                Taxable = !IsUntaxed(s.TaxStatus), Taxes = Taxes(s.Taxes),
            }).ToList(),
            Fees = (order.FeeLines ?? []).Select(f => new StoreFee
            {
                Name = Clean(f.Name) ?? "Fee", Total = f.Total ?? 0, TotalTax = f.TotalTax ?? 0, Taxable = !IsUntaxed(f.TaxStatus),
                Taxes = Taxes(f.Taxes),
            }).ToList(),
            DiscountTotal = order.DiscountTotal ?? 0,
            DiscountTax = order.DiscountTax ?? 0,
            Total = order.Total ?? 0,
            TotalTax = order.TotalTax ?? 0,
            PaymentMethod = Clean(order.PaymentMethod),
            PaymentMethodTitle = Clean(order.PaymentMethodTitle),
            TransactionId = Clean(order.TransactionId),
        };
    }

    private static StoreOrderLine Line(WooLineItem item) => new()
    {
        ProductId = item.ProductId ?? 0,
        VariationId = item.VariationId ?? 0,
        Sku = Clean(item.Sku),
        Name = Clean(item.Name) ?? Clean(item.Sku) ?? $"Item {item.Id}",
        Quantity = item.Quantity ?? 0,
        Subtotal = item.Subtotal ?? 0,
        SubtotalTax = item.SubtotalTax ?? 0,
        Total = item.Total ?? 0,
        TotalTax = item.TotalTax ?? 0,
        Taxes = Taxes(item.Taxes),
    };

    private static List<StoreRateAmount> Taxes(IReadOnlyList<WooLineTax>? taxes) =>
        (taxes ?? []).Select(t => new StoreRateAmount(t.Id, t.Total ?? 0, t.Subtotal)).ToList();

    private static StoreOrderParty Party(WooAddress? address) => address is null ? StoreOrderParty.None : new StoreOrderParty
    {
        FirstName = Clean(address.FirstName),
        LastName = Clean(address.LastName),
        Company = Clean(address.Company),
        Email = Clean(address.Email),
        Phone = Clean(address.Phone),
        Address = new Address
        {
            Line1 = Clean(address.Address1), Line2 = Clean(address.Address2), City = Clean(address.City),
            State = Clean(address.State), Postcode = Clean(address.Postcode), Country = Clean(address.Country),
        },
    };

    /// <summary>
    /// WooCommerce does not send the checkout's "Ship to a different address?": unchecked, it copies the billing
    /// address to shipping, and an order made without one has none. So a shipping address that is there and differs
    /// from the billing one is what ticking the box leaves.
    /// </summary>
    private static bool ShipsElsewhere(StoreOrderParty billing, StoreOrderParty shipping) =>
        !shipping.Address.IsEmpty &&
        (shipping.Address != billing.Address || shipping.FullName != billing.FullName || shipping.Company != billing.Company);

    private static bool IsUntaxed(string? taxStatus) => string.Equals(taxStatus, "none", StringComparison.OrdinalIgnoreCase);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
