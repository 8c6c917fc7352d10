using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Stock;

namespace Portal.Data.Tests.Conventions;

/// <summary>Quantities and money sort and filter in SQL on SQLite, as fixed-point integers.</summary>
public sealed class DecimalQueryTests
{
    // As text these would sort 10, 100, 2.5, 9.75; as numbers 2.5, 9.75, 10, 100.
    private static readonly decimal[] Quantities = [10m, 100m, 2.5m, 9.75m];

    [Fact]
    public async Task OnHand_WhenSortedAndFiltered_ThenOrderByAndWhereRunInTheDatabaseAndAreNumeric()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync("Acme");
        await using (var db = database.For(org))
        {
            var location = Location.Create(org, "Main");
            var products = Quantities.Select((_, i) => Product.Create(org, $"P{i}", $"Product {i}")).ToList();
            db.AddRange(location);
            db.AddRange(products);
            await db.SaveChangesAsync();
            var ledger = new StockLedger(org, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), [], []);
            for (var i = 0; i < Quantities.Length; i++)
            {
                ledger.Adjust(products[i].Id, location.Id, Quantities[i], "count");
            }

            db.AddRange(ledger.Effects.NewBalances);
            db.AddRange(ledger.Effects.NewMovements);
            await db.SaveChangesAsync();
        }

        await using (var db = database.For(org))
        {
            var query = db.StockBalances.Where(b => b.OnHand > 9.5m).OrderBy(b => b.OnHand).Select(b => b.OnHand);

            var sql = query.ToQueryString();
            sql.ShouldContain("ORDER BY \"s\".\"OnHand\"");
            sql.ShouldContain("\"s\".\"OnHand\" > 95000"); // the threshold converted to fixed point, compared in SQL
            (await query.ToListAsync()).ShouldBe([9.75m, 10m, 100m]);
            (await db.StockMovements.SumAsync(m => m.Quantity)).ShouldBe(122.25m);
        }
    }
}
