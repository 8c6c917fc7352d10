using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Organizations;
using Portal.Domain.Stock;
using Portal.Features.Stock;

namespace Portal.Benchmarks;

/// <summary>
/// Benchmark "availability": seeds products × locations and a ledger of the given size into a migrated SQLite file
/// with raw batched inserts, then times <see cref="AvailabilityQuery.PerLocationAsync"/> — the code the Stock page
/// and stock sync use — for every product at every location.
/// </summary>
public sealed class AvailabilityScenario(int products = 10_000, int locations = 5, int ledgerRows = 1_000_000, int runs = 9)
{
    private const long Scale = 10_000; // FixedPointDecimalConverter: quantities are stored as ten-thousandths.

    /// <summary>The scenario's one JSON object (<see cref="AvailabilityBenchmark"/> hands it to the runner).</summary>
    public async Task<string> RunAsync()
    {
        var numbers = new Dictionary<string, object> { ["scenario"] = "availability" };
        foreach (var (key, value) in await MeasureAsync())
        {
            numbers[key] = value;
        }

        return JsonSerializer.Serialize(numbers);
    }

    private async Task<Dictionary<string, object>> MeasureAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"portal-bench-availability-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        try
        {
            var seedTimer = Stopwatch.StartNew();
            var organizationId = await CreateDatabaseAsync(connectionString);
            var expected = await SeedAsync(connectionString, organizationId, products, locations, ledgerRows);
            seedTimer.Stop();

            var query = new AvailabilityQuery(new SqliteContexts(connectionString));
            var tenant = FixedTenant.For(organizationId);
            var timings = new List<double>();
            var cpu = new List<double>();
            var process = Process.GetCurrentProcess();
            IReadOnlyList<LocationAvailability> rows = [];
            for (var run = 0; run <= runs; run++)
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var timer = Stopwatch.StartNew();
                rows = await query.PerLocationAsync(tenant, new AvailabilityFilter());
                timer.Stop();
                process.Refresh();
                if (run > 0)
                {
                    // Run 0 warms up the model and the page cache. CPU time is printed too: on a shared machine the
                    // wall clock also counts the time other processes held the cores.
                    timings.Add(timer.Elapsed.TotalMilliseconds);
                    cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                }
            }

            Check(rows, expected);
            return new Dictionary<string, object>
            {
                ["products"] = products,
                ["locations"] = locations,
                ["ledger_rows"] = ledgerRows,
                ["median_ms"] = Math.Round(Scenarios.Median(timings), 1),
                ["runs"] = runs,
                ["min_ms"] = Math.Round(timings.Min(), 1),
                ["max_ms"] = Math.Round(timings.Max(), 1),
                ["median_cpu_ms"] = Math.Round(Scenarios.Median(cpu), 1),
                ["seed_s"] = Math.Round(seedTimer.Elapsed.TotalSeconds, 1),
            };
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    /// <summary>Expected figures, to check the timed query returned the right answer and not just fast.</summary>
    public sealed record Seeded(int Rows, decimal TotalOnHand, decimal TotalAllocated);

    /// <summary>
    /// Bulk-seeds one organization: <paramref name="productCount"/> stock products (SKU P000001…),
    /// <paramref name="locationCount"/> locations, <paramref name="ledgerRowCount"/> adjustment rows spread evenly
    /// over every product and location, the balances they sum to, and one pending-order allocation of 1 on every
    /// tenth product at the first location. Raw prepared INSERTs in one transaction: minutes would go to EF's
    /// change tracker otherwise. Writes the columns as the EF model stores them (fixed-point quantities, upper-case
    /// key columns, UTC text dates, upper-case GUID text).
    /// </summary>
    public static async Task<Seeded> SeedAsync(
        string connectionString, int organizationId, int productCount, int locationCount, int ledgerRowCount)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();

        var locationIds = new List<long>();
        await using (var insert = Command(connection, transaction,
            "INSERT INTO Locations (OrganizationId, Name, NameKey, IsDefault) VALUES ($org, $name, $key, $default) RETURNING Id",
            "$org", "$name", "$key", "$default"))
        {
            for (var l = 1; l <= locationCount; l++)
            {
                locationIds.Add((long)(await Run(insert, true, organizationId, $"Location {l}", $"LOCATION {l}", l == 1 ? 1 : 0))!);
            }
        }

        var productIds = new List<long>(productCount);
        await using (var insert = Command(connection, transaction,
            "INSERT INTO Products (OrganizationId, Sku, SkuKey, Name, NameKey, Type, Tags) VALUES ($org, $sku, $sku, $name, $nameKey, 1, '[]') RETURNING Id",
            "$org", "$sku", "$name", "$nameKey"))
        {
            for (var p = 1; p <= productCount; p++)
            {
                var name = $"Product {p:D6}";
                productIds.Add((long)(await Run(insert, true, organizationId, $"P{p:D6}", name, name.ToUpperInvariant()))!);
            }
        }

        var pairs = productIds.SelectMany(p => locationIds.Select(l => (Product: p, Location: l))).ToList();
        var onHand = new long[pairs.Count];
        const string OccurredAt = "2026-01-01 00:00:00";
        await using (var insert = Command(connection, transaction,
            "INSERT INTO StockMovements (OrganizationId, ProductId, LocationId, Kind, Quantity, OccurredAt, Reason) VALUES ($org, $product, $location, $kind, $quantity, $at, 'seed')",
            "$org", "$product", "$location", "$kind", "$quantity", "$at"))
        {
            for (var row = 0; row < ledgerRowCount; row++)
            {
                var pair = row % pairs.Count;
                var round = row / pairs.Count;
                var quantity = (round % 4 == 3 ? -2L : 5L) * Scale; // never below zero: +5 +5 +5 −2 …
                onHand[pair] += quantity;
                await Run(insert, false, organizationId, pairs[pair].Product, pairs[pair].Location,
                    (int)StockMovementKind.Adjustment, quantity, OccurredAt);
            }
        }

        await using (var insert = Command(connection, transaction,
            "INSERT INTO StockBalances (OrganizationId, ProductId, LocationId, OnHand, Version) VALUES ($org, $product, $location, $onHand, $version)",
            "$org", "$product", "$location", "$onHand", "$version"))
        {
            for (var pair = 0; pair < pairs.Count; pair++)
            {
                await Run(insert, false, organizationId, pairs[pair].Product, pairs[pair].Location, onHand[pair],
                    Guid.NewGuid().ToString().ToUpperInvariant());
            }
        }

        var allocated = 0L;
        await using (var insert = Command(connection, transaction,
            "INSERT INTO StockAllocations (OrganizationId, ProductId, LocationId, Source, SourceId, Quantity, ChangedAt) VALUES ($org, $product, $location, $source, $sourceId, $quantity, $at)",
            "$org", "$product", "$location", "$source", "$sourceId", "$quantity", "$at"))
        {
            for (var p = 0; p < productIds.Count; p += 10)
            {
                await Run(insert, false, organizationId, productIds[p], locationIds[0], (int)AllocationSource.PendingOrder,
                    p + 1, Scale, OccurredAt);
                allocated += Scale;
            }
        }

        await transaction.CommitAsync();
        await Execute(connection, "PRAGMA synchronous=FULL;");
        return new Seeded(pairs.Count, (decimal)onHand.Sum() / Scale, (decimal)allocated / Scale);
    }

    private static async Task<int> CreateDatabaseAsync(string connectionString)
    {
        await using var db = PortalContexts.Sqlite(connectionString);
        await db.Database.MigrateAsync();
        var organization = Organization.Create("Benchmark", "USD", "Europe/London", DateTime.UtcNow);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization.Id;
    }

    private static void Check(IReadOnlyList<LocationAvailability> rows, Seeded expected)
    {
        var onHand = rows.Sum(r => r.OnHand);
        var allocated = rows.Sum(r => r.Allocated);
        if (rows.Count != expected.Rows || onHand != expected.TotalOnHand || allocated != expected.TotalAllocated)
        {
            throw new InvalidOperationException(
                $"Availability returned {rows.Count} rows, on hand {onHand}, allocated {allocated}; expected " +
                $"{expected.Rows}, {expected.TotalOnHand}, {expected.TotalAllocated}.");
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static async Task<object?> Run(SqliteCommand command, bool scalar, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        return scalar ? await command.ExecuteScalarAsync() : await command.ExecuteNonQueryAsync();
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
