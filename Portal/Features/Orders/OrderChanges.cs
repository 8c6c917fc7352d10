using System.Globalization;
using Portal.WooCommerce;

namespace Portal.Features.Orders;

/// <summary>What changed in the store after an order was captured, in words for the Log entry. The payment is not
/// listed: it is recorded.</summary>
public static class OrderChanges
{
    public const string Prefix = "changed in the store after capture: ";

    public static IEnumerable<string> Between(WooOrder captured, WooOrder now)
    {
        ArgumentNullException.ThrowIfNull(captured);
        ArgumentNullException.ThrowIfNull(now);
        if (!string.Equals(captured.Status, now.Status, StringComparison.Ordinal) && now.Status is not null)
        {
            yield return $"{Prefix}status {captured.Status} → {now.Status}";
        }

        if (captured.Billing != now.Billing && now.Billing is not null)
        {
            yield return Prefix + "billing address";
        }

        if (captured.Shipping != now.Shipping && now.Shipping is not null)
        {
            yield return Prefix + "shipping address";
        }

        if (Lines(captured) != Lines(now))
        {
            yield return Prefix + "lines";
        }

        if (captured.Total != now.Total && now.Total is not null)
        {
            yield return $"{Prefix}total {Money(captured.Total)} → {Money(now.Total)}";
        }

        if (!string.Equals(captured.CustomerNote ?? "", now.CustomerNote ?? "", StringComparison.Ordinal))
        {
            yield return Prefix + "customer note";
        }
    }

    private static string Lines(WooOrder order) => string.Join(';', (order.LineItems ?? [])
        .OrderBy(l => l.Id).Select(l => FormattableString.Invariant($"{l.Id}:{l.ProductId}:{l.VariationId}:{l.Quantity}:{l.Total}")));

    private static string Money(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";
}
