using System.Text.Json;

namespace Portal.Benchmarks;

/// <summary>Runs <see cref="AvailabilityScenario"/> at the size (10,000 products × 5 locations, 1,000,000 ledger rows).</summary>
public sealed class AvailabilityBenchmark : IScenario
{
    public string Name => "availability";

    public string Description => "availability of 10,000 products at 5 locations over a 1,000,000-row ledger (median of 9)";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        var json = await new AvailabilityScenario().RunAsync();
        var numbers = JsonSerializer.Deserialize<Dictionary<string, object>>(json)!;
        numbers.Remove("scenario");
        return numbers;
    }
}
