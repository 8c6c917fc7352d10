using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Identity;
using Portal.Data.Tenancy;
using Portal.Domain.Reference;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Commands;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("portal-cli-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private Task<PortalProcess.Result> RunAsync(params string[] args) => PortalProcess.RunAsync([.. args, $"--Portal:DataDirectory={_data}"]);

    private PortalDbContext OpenDatabase()
    {
        var db = PortalContexts.Sqlite($"Data Source={Path.Combine(_data, "portal.db")};Pooling=False");
        db.Tenant = FixedTenant.None;
        return db;
    }

    private static string OneTimePassword(string output) =>
        output.Split('\n').Single(l => l.StartsWith("One-time password: ", StringComparison.Ordinal))["One-time password: ".Length..].Trim();

    [Fact]
    public async Task OrgCreate_WhenValid_ThenCreatesOrganizationAndOwnerWithAOneTimePassword()
    {
        var result = await RunAsync("org", "create", "--name", "Blue Harbour", "--currency", "gbp", "--timezone", "Europe/London", "--owner", "ann@blue.test");

        result.ExitCode.ShouldBe(0, result.Error);
        var password = OneTimePassword(result.Output);
        await using var db = OpenDatabase();
        var organization = await db.Organizations.SingleAsync();
        organization.Name.ShouldBe("Blue Harbour");
        organization.BaseCurrency.ShouldBe("GBP");
        var owner = await db.Users.SingleAsync();
        owner.OrganizationId.ShouldBe(organization.Id);
        owner.IsOwner.ShouldBeTrue();
        owner.MustChangePassword.ShouldBeTrue();
        new PasswordHasher<PortalUser>().VerifyHashedPassword(owner, owner.PasswordHash!, password)
            .ShouldNotBe(PasswordVerificationResult.Failed);
        // It starts with the starter reference books.
        (await db.Locations.IgnoreQueryFilters().Select(l => l.Name).ToListAsync()).ShouldBe([StarterBooks.LocationName]);
        (await db.TaxRules.IgnoreQueryFilters().Select(t => t.Name).ToListAsync())
            .ShouldBe([StarterBooks.TaxFreeName, StarterBooks.StandardTaxName], ignoreOrder: true);
        organization.StarterBooksAddedAtUtc.ShouldNotBeNull();
    }

    [Fact]
    public async Task OrgCreate_WhenOrganizationExists_ThenRefusesAndChangesNothing()
    {
        (await RunAsync("org", "create", "--name", "Blue Harbour", "--currency", "USD", "--timezone", "UTC", "--owner", "a@blue.test")).ExitCode.ShouldBe(0);

        var again = await RunAsync("org", "create", "--name", "Blue Harbour", "--currency", "USD", "--timezone", "UTC", "--owner", "b@blue.test");

        again.ExitCode.ShouldBe(1);
        again.Error.ShouldContain("An organization named 'Blue Harbour' already exists.");
        await using var db = OpenDatabase();
        (await db.Users.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task OrgCreate_WhenFieldsAreWrong_ThenSaysEachAndCreatesNothing()
    {
        var result = await RunAsync("org", "create", "--name", "X", "--currency", "EURO", "--timezone", "Nowhere/City", "--owner", "nope");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("'EURO' is not an ISO 4217 currency code");
        result.Error.ShouldContain("'Nowhere/City' is not an IANA time zone");
        result.Error.ShouldContain("'nope' is not an e-mail address.");
        await using var db = OpenDatabase();
        (await db.Organizations.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task SupportAdd_WhenValid_ThenCreatesAUserOfNoOrganization()
    {
        var result = await RunAsync("support", "add", "help@wooportal.test");

        result.ExitCode.ShouldBe(0, result.Error);
        OneTimePassword(result.Output).Length.ShouldBeGreaterThanOrEqualTo(12);
        await using var db = OpenDatabase();
        var user = await db.Users.SingleAsync();
        user.IsSupport.ShouldBeTrue();
        user.OrganizationId.ShouldBeNull();
        user.Permissions.ShouldBe(Portal.Domain.Organizations.Permissions.None);
        user.MustChangePassword.ShouldBeTrue();
    }

    [Fact]
    public async Task Migrate_WhenRun_ThenAppliesEveryMigration()
    {
        var result = await RunAsync("migrate");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("Database migrated (Sqlite).");
        await using var db = OpenDatabase();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task UnknownCommand_WhenRun_ThenPrintsUsageAndFails()
    {
        var result = await RunAsync("frobnicate");
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("Usage:");
    }

    [Fact]
    public async Task Healthcheck_WhenNothingListens_ThenFails()
    {
        var result = await RunAsync("healthcheck", "--url", $"http://127.0.0.1:{PortalProcess.FreePort()}");
        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("Unhealthy");
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080")]
    [InlineData("http://+:80;https://+:443", "http://127.0.0.1:80")]
    [InlineData("http://[::]:5000", "http://127.0.0.1:5000")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    public void LocalUrl_WhenListeningOnAWildcard_ThenProbesLoopback(string urls, string expected) =>
        Portal.Commands.CommandLine.LocalUrl(urls).ShouldBe(expected);
}
