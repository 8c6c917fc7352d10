using Portal.Domain.Integrations;

namespace Portal.Domain.Orders;

/// <summary>The facts of a store's order that capture decides on (read from the store, never from a delivery).</summary>
public sealed record CaptureFacts(string? Status, DateTime? CreatedUtc, DateTime? PaidUtc, DateTime? CompletedUtc);

/// <summary>
/// Which orders a store's Order Capture setting takes: created (after the store was connected, or after the date
/// orders are loaded from), paid (<c>date_paid</c> set) or completed. Orders that are not live orders are never
/// captured: checkout drafts, and orders already cancelled, failed, refunded or in the trash.
/// </summary>
public static class OrderCapturePolicy
{
    public const string Cancelled = "cancelled";
    public const string Trash = "trash";

    private static readonly HashSet<string> NeverCaptured = new(StringComparer.OrdinalIgnoreCase)
    {
        "checkout-draft", Cancelled, Trash, "failed", "refunded",
    };

    /// <summary>Whether the order is captured: the event the setting names (creation, payment, completion) happened
    /// at or after <paramref name="createdSinceUtc"/>, when the store was connected (Load Orders, which picks orders
    /// by their creation date itself, passes <see cref="DateTime.MinValue"/>).</summary>
    public static bool Captures(OrderCapture setting, CaptureFacts order, DateTime createdSinceUtc)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (string.IsNullOrEmpty(order.Status) || NeverCaptured.Contains(order.Status))
        {
            return false;
        }

        return setting switch
        {
            OrderCapture.Created => order.CreatedUtc is { } created && created >= createdSinceUtc,
            OrderCapture.Paid => order.PaidUtc is { } paid && paid >= createdSinceUtc,
            OrderCapture.Completed => string.Equals(order.Status, "completed", StringComparison.OrdinalIgnoreCase)
                && (order.CompletedUtc ?? order.CreatedUtc) is { } completed && completed >= createdSinceUtc,
            _ => false,
        };
    }

    /// <summary>The store's statuses that drop a pending order (when the store itself says so).</summary>
    public static bool IsGone(string? status) =>
        string.Equals(status, Cancelled, StringComparison.OrdinalIgnoreCase) || string.Equals(status, Trash, StringComparison.OrdinalIgnoreCase);
}
