namespace Portal.Benchmarks;

public interface IScenario
{
    string Name { get; }

    string Description { get; }

    /// <summary>The numbers to print; "scenario" is added by the runner.</summary>
    Task<Dictionary<string, object>> RunAsync(string[] args);
}

public static class Scenarios
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new SmokeScenario(),
        new AvailabilityBenchmark(),
        new CatalogReadScenario(),
        new CatalogDownloadScenario(),
        new LinkCheckScenario(),
        new WebhookIngestScenario(),
        new OrderMappingScenario(),
        new StockPushScenario(),
        new StockLatencyScenario(),
        new CaptureThroughputScenario(),
        new LogPageScenario(),
        new OrdersDroppedScenario(),
        new OrdersCrashScenario(),
        new OrdersThroughputScenario(),
        new ConsolidationScenario(),
    ];

    public static double Median(IReadOnlyCollection<double> samples)
    {
        var sorted = samples.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
