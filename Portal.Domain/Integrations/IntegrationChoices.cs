namespace Portal.Domain.Integrations;

/// <summary>Which WooCommerce orders a store's capture takes: every order once created, or only completed or paid ones.</summary>
public enum OrderCapture { Created = 1, Completed = 2, Paid = 3 }

/// <summary>Whether captured orders become sales at once or in one sale per day at the store's consolidation time.</summary>
public enum Consolidation { None = 0, Daily = 1 }

/// <summary>The status of the invoice of a sale made from a store's order.</summary>
public enum InvoiceStatus { Draft = 1, Authorised = 2 }

/// <summary>
/// The rules of a store's order choices. A value no option offers can only come from a crafted message or an edited
/// document, so each choice is checked against its options as well.
/// </summary>
public static class OrderChoices
{
    public static string? CaptureProblem(OrderCapture capture) =>
        Enum.IsDefined(capture) ? null : "Choose when orders are captured: created, completed or paid.";

    public static string? ConsolidationProblem(Consolidation consolidation) =>
        Enum.IsDefined(consolidation) ? null : "Choose no consolidation or a daily one.";

    /// <summary>A daily consolidation needs its time of day; without consolidation there is none.</summary>
    public static string? ConsolidationTimeProblem(Consolidation consolidation, TimeOnly? time) =>
        consolidation == Consolidation.Daily && time is null ? "Choose when the day's orders are consolidated." : null;

    /// <summary>The consolidation time that takes effect: none unless consolidation is daily.</summary>
    public static TimeOnly? EffectiveConsolidationTime(Consolidation consolidation, TimeOnly? time) =>
        consolidation == Consolidation.Daily ? time : null;

    public static string? InvoiceStatusProblem(InvoiceStatus status) =>
        Enum.IsDefined(status) ? null : "Choose Draft or Authorised.";
}
