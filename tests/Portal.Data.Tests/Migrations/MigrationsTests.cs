using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Portal.Data.Tests.Migrations;

public sealed class MigrationsTests
{
    private const string NoServer = "Server=(none);Database=WooPortal;Trusted_Connection=True;TrustServerCertificate=True";

    [Fact]
    public void SqliteMigrations_WhenComparedWithTheModel_ThenNothingIsPending()
    {
        using var db = PortalContexts.Sqlite("Data Source=:memory:");
        db.Database.HasPendingModelChanges().ShouldBeFalse("run dotnet ef migrations add for the Sqlite context");
    }

    [Fact]
    public void SqlServerMigrations_WhenComparedWithTheModel_ThenNothingIsPending()
    {
        using var db = PortalContexts.SqlServer(NoServer);
        db.Database.HasPendingModelChanges().ShouldBeFalse("run dotnet ef migrations add for the SqlServer context");
    }

    [Fact]
    public void SqlServerScript_WhenParsedAsTransactSql_ThenHasNoErrors()
    {
        using var db = PortalContexts.SqlServer(NoServer);
        var sql = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        sql.ShouldContain("CREATE TABLE [Organizations]");
        ParseErrors(sql).ShouldBeEmpty();
    }

    [Fact]
    public void ScriptParser_WhenGivenBrokenDdl_ThenReportsErrors() =>
        // The control for the test above: the parser really rejects malformed T-SQL.
        ParseErrors("CREATE TABLE [X] ([Id] int NOT NULL,, );").ShouldNotBeEmpty();

    [Fact]
    public async Task SqliteMigrations_WhenAppliedToAnEmptyDatabase_ThenEveryMigrationIsRecorded()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await using var db = database.Open(Portal.Data.Tenancy.FixedTenant.None);
        var applied = await db.Database.GetAppliedMigrationsAsync();
        applied.ShouldBe(db.Database.GetMigrations());
    }

    private static IList<ParseError> ParseErrors(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return errors;
    }
}
