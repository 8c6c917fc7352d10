using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;

namespace Portal.Benchmarks;

/// <summary>
/// Migrates a fresh SQLite file and times the query /healthz runs: proves the harness and the data layer work
/// end to end, and gives a floor for every other database-bound number.
/// </summary>
public sealed class SmokeScenario : IScenario
{
    public string Name => "smoke";

    public string Description => "migrate a fresh SQLite database, then time the health query (median of 50)";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"portal-bench-{Guid.NewGuid():N}.db");
        try
        {
            var migrate = Stopwatch.StartNew();
            await using (var db = PortalContexts.Sqlite($"Data Source={path}"))
            {
                await db.Database.MigrateAsync();
            }

            migrate.Stop();
            var samples = new List<double>();
            for (var i = 0; i < 50; i++)
            {
                var sw = Stopwatch.StartNew();
                await using var db = PortalContexts.Sqlite($"Data Source={path}");
                db.Tenant = FixedTenant.None;
                _ = await db.Organizations.AnyAsync();
                samples.Add(sw.Elapsed.TotalMilliseconds);
            }

            return new Dictionary<string, object>
            {
                ["migrate_ms"] = Math.Round(migrate.Elapsed.TotalMilliseconds, 1),
                ["runs"] = samples.Count,
                ["median_ms"] = Math.Round(Scenarios.Median(samples), 3),
            };
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
