using Portal.Domain.Integrations;

namespace Portal.Domain.Tests.Integrations;

public sealed class ShipmentTrackingExportTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void AttemptFailed_WhenTheStoreKeepsFailing_ThenTheWaitDoublesUpToTheCapAndItStopsAsFailed()
    {
        var export = ShipmentTrackingExport.Queue(1, 2, 3, 190, Now);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            export.AttemptFailed("ServerError: down", Now, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3), maxAttempts: 5);
            waits.Add(export.NextAttemptAtUtc - Now);
            export.Status.ShouldBe(TrackingExportStatus.Pending);
        }

        waits.ShouldBe([TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3)]);
        export.AttemptFailed("ServerError: down", Now, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3), maxAttempts: 5);
        export.Status.ShouldBe(TrackingExportStatus.Failed);
        export.Attempts.ShouldBe(5);
        export.LastError.ShouldBe("ServerError: down");
    }

    [Fact]
    public void Requeue_WhenFailed_ThenItIsDueNowWithItsAttemptsCountedAfresh()
    {
        var export = ShipmentTrackingExport.Queue(1, 2, 3, 190, Now);
        export.AttemptFailed("Timeout: no answer", Now, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), maxAttempts: 1);
        export.Status.ShouldBe(TrackingExportStatus.Failed);

        export.Requeue(Now.AddHours(2));

        (export.Status, export.Attempts, export.NextAttemptAtUtc, export.LastError).ShouldBe(
            (TrackingExportStatus.Pending, 0, Now.AddHours(2), (string?)null));
    }

    [Fact]
    public void Exported_WhenClaimed_ThenTheClaimIsReleasedAndTheTimeKept()
    {
        var export = ShipmentTrackingExport.Queue(1, 2, 3, 190, Now);
        export.ClaimedBy = "node-a";
        export.ClaimedUntilUtc = Now.AddMinutes(5);

        export.Exported(Now.AddSeconds(3), "Tracking number 1Z exported.");

        (export.Status, export.ExportedAtUtc, export.ClaimedBy, export.ClaimedUntilUtc).ShouldBe(
            (TrackingExportStatus.Exported, (DateTime?)Now.AddSeconds(3), (string?)null, (DateTime?)null));
    }
}
