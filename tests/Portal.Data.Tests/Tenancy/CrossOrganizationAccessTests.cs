using Microsoft.EntityFrameworkCore;
using Portal.Data.Tenancy;
using Portal.Domain.Stock;

namespace Portal.Data.Tests.Tenancy;

/// <summary>On a real database: another organization's row cannot be read or changed, even by its id.</summary>
public sealed class CrossOrganizationAccessTests
{
    [Fact]
    public async Task Read_WhenAskingForAnotherOrganizationsRowById_ThenNothingIsFound()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        var (mine, theirs, theirLocation) = await TwoOrganizationsAsync(database);

        await using var db = database.For(mine);

        (await db.Locations.FindAsync(theirLocation)).ShouldBeNull();
        (await db.Locations.FirstOrDefaultAsync(l => l.Id == theirLocation)).ShouldBeNull();
        (await db.Locations.CountAsync()).ShouldBe(1);
        theirs.ShouldNotBe(mine);
    }

    [Fact]
    public async Task Write_WhenAHandBuiltEntityCarriesAnotherOrganizationsId_ThenFailsAndChangesNothing()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        var (mine, theirs, theirLocation) = await TwoOrganizationsAsync(database);

        // Carrying my organization id: passes the guard, but the row's real organization is in the WHERE clause.
        await using (var db = database.For(mine))
        {
            var forged = Location.Create(mine, "Hijacked");
            forged.Id = theirLocation;
            db.Locations.Update(forged);
            await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        }

        await using (var db = database.For(mine))
        {
            var forged = Location.Create(mine, "x");
            forged.Id = theirLocation;
            db.Locations.Remove(forged);
            await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        }

        // Carrying their organization id: the guard refuses before anything is sent.
        await using (var db = database.For(mine))
        {
            var forged = Location.Create(theirs, "Hijacked");
            forged.Id = theirLocation;
            db.Locations.Update(forged);
            await Should.ThrowAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        }

        await using (var db = database.For(theirs))
        {
            (await db.Locations.SingleAsync(l => l.Id == theirLocation)).Name.ShouldBe("Theirs");
        }
    }

    [Fact]
    public async Task SetBasedWrite_WhenAimedAtAnotherOrganizationsRow_ThenTouchesNothing()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        var (mine, theirs, theirLocation) = await TwoOrganizationsAsync(database);

        await using (var db = database.For(mine))
        {
            (await db.Locations.Where(l => l.Id == theirLocation).ExecuteDeleteAsync()).ShouldBe(0);
        }

        await using (var db = database.For(theirs))
        {
            (await db.Locations.CountAsync()).ShouldBe(1);
        }
    }

    private static async Task<(int Mine, int Theirs, int TheirLocation)> TwoOrganizationsAsync(SqliteDatabase database)
    {
        var mine = await database.CreateOrganizationAsync("Mine");
        var theirs = await database.CreateOrganizationAsync("Theirs");
        await using (var db = database.For(mine))
        {
            db.Locations.Add(Location.Create(mine, "Mine"));
            await db.SaveChangesAsync();
        }

        await using (var db = database.For(theirs))
        {
            var location = Location.Create(theirs, "Theirs");
            db.Locations.Add(location);
            await db.SaveChangesAsync();
            return (mine, theirs, location.Id);
        }
    }
}
