namespace WooCommerce.Emulator.Model;

/// <summary>Order totals are derived from the items, as WooCommerce recalculates them on save.</summary>
public sealed record OrderTotals(decimal DiscountTotal, decimal DiscountTax, decimal ShippingTotal, decimal ShippingTax, decimal CartTax, decimal Total, decimal TotalTax)
{
    public static OrderTotals Of(Order o) => Of(o.Items);

    public static OrderTotals Of(IReadOnlyCollection<OrderItem> items)
    {
        var lines = items.Where(i => i.Kind == "line_item").ToList();
        var shipping = items.Where(i => i.Kind == "shipping").ToList();
        var fees = items.Where(i => i.Kind == "fee").ToList();
        var discount = lines.Sum(i => i.Subtotal - i.Total);
        var discountTax = lines.Sum(i => i.SubtotalTax - i.TotalTax);
        var shippingTotal = shipping.Sum(i => i.Total);
        var shippingTax = shipping.Sum(i => i.TotalTax);
        var cartTax = lines.Sum(i => i.TotalTax) + fees.Sum(i => i.TotalTax);
        var total = lines.Sum(i => i.Total) + fees.Sum(i => i.Total) + shippingTotal + cartTax + shippingTax;
        return new OrderTotals(discount, discountTax, shippingTotal, shippingTax, cartTax, total, cartTax + shippingTax);
    }
}

public static class Slugs
{
    public static string Make(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray();
        var slug = new string(chars);
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        return slug.Trim('-');
    }
}
