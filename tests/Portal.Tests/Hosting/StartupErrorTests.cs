using System.Net;
using System.Net.Sockets;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>A misconfigured portal stops with one line that names the setting, and no stack trace.</summary>
public sealed class StartupErrorTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("portal-startup-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private async Task<string> FailingStartAsync(params string[] args)
    {
        var result = await PortalProcess.RunAsync([$"--Portal:DataDirectory={_data}", .. args]);
        result.ExitCode.ShouldBe(1, result.Output + result.Error);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, result.Error);
        result.Error.ShouldNotContain("   at ");
        return lines[0];
    }

    [Fact]
    public async Task Start_WhenProviderIsUnknown_ThenOneLineNamesTheSetting() =>
        (await FailingStartAsync("--Database:Provider=Oracle", $"--urls=http://127.0.0.1:{PortalProcess.FreePort()}"))
            .ShouldBe("WooPortal cannot start: Database:Provider 'Oracle' is not supported; use Sqlite (default) or SqlServer.");

    [Fact]
    public async Task Start_WhenConnectionStringIsMalformed_ThenOneLineNamesTheSetting() =>
        (await FailingStartAsync("--Database:ConnectionString=Data Source=x.db;Flavour=vanilla", $"--urls=http://127.0.0.1:{PortalProcess.FreePort()}"))
            .ShouldStartWith("WooPortal cannot start: Database:ConnectionString is malformed:");

    [Fact]
    public async Task Start_WhenSqlServerIsUnreachable_ThenOneLineNamesTheSetting() =>
        (await FailingStartAsync("--Database:Provider=SqlServer",
            "--Database:ConnectionString=Server=tcp:127.0.0.1,1;Database=WooPortal;User Id=sa;Password=x;Connect Timeout=2;ConnectRetryCount=0;TrustServerCertificate=True",
            $"--urls=http://127.0.0.1:{PortalProcess.FreePort()}"))
            .ShouldContain("Database:ConnectionString cannot be reached");

    [Fact]
    public async Task Start_WhenSqliteFolderCannotBeCreated_ThenOneLineNamesTheSetting()
    {
        var file = Path.Combine(_data, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");
        (await FailingStartAsync($"--Database:ConnectionString=Data Source={Path.Combine(file, "portal.db")}",
                $"--urls=http://127.0.0.1:{PortalProcess.FreePort()}"))
            .ShouldContain("Database:ConnectionString cannot be used");
    }

    [Fact]
    public async Task Start_WhenStoreMaintenanceIntervalIsTooShort_ThenOneLineNamesTheSetting() =>
        (await FailingStartAsync("--StoreMaintenance:Interval=00:00:05", $"--urls=http://127.0.0.1:{PortalProcess.FreePort()}"))
            .ShouldContain("StoreMaintenance:Interval must be between 00:01:00 and 1.00:00:00 (1 day).");

    [Fact]
    public async Task Start_WhenPortIsInUse_ThenOneLineSaysSo()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        (await FailingStartAsync($"--urls=http://127.0.0.1:{port}")).ShouldContain("port is already in use");
    }

    [Fact]
    public async Task Start_WhenPublicUrlIsNotAUrl_ThenOneLineNamesTheSetting() =>
        (await FailingStartAsync("--Portal:PublicUrl=portal.example.com", $"--urls=http://127.0.0.1:{PortalProcess.FreePort()}"))
            .ShouldContain("Portal:PublicUrl 'portal.example.com' is not an absolute http or https URL.");
}
