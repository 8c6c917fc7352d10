using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Identity;
using Portal.Domain.Organizations;
using Portal.Features.Organizations;
using Portal.Hosting;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// The real portal on a real loopback socket, in-process, with its own empty data directory (SQLite file and key
/// certificate), so every instance starts as a fresh installation.
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    private static int _sequence;
    private readonly PortalApplication _factory;

    private PortalServer(PortalApplication factory, string dataDirectory, Uri baseUrl)
    {
        _factory = factory;
        DataDirectory = dataDirectory;
        BaseUrl = baseUrl;
    }

    public string DataDirectory { get; }

    /// <summary>http://localhost:port — chromium treats "localhost" as a secure context and stays quieter than with 127.0.0.1.</summary>
    public Uri BaseUrl { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>A portal whose Portal:PublicUrl is its own address, so that stores can call it back and deliver webhooks.</summary>
    public static Task<PortalServer> StartWithOwnPublicUrlAsync(IReadOnlyDictionary<string, string?>? more = null)
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var settings = new Dictionary<string, string?>(more ?? new Dictionary<string, string?>()) { ["Portal:PublicUrl"] = $"http://localhost:{port}" };
        return StartAsync(settings, port);
    }

    /// <summary>A fixed <paramref name="port"/> lets a test name the portal's own address in a setting (Portal:PublicUrl).</summary>
    public static async Task<PortalServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, int port = 0)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("wooportal-e2e-").FullName;
        var factory = new PortalApplication(dataDirectory, settings ?? new Dictionary<string, string?>());
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        factory.StartServer();

        // WebApplicationFactory stops Program right after Build(), before the start-up migration that
        // `dotnet Portal.dll` runs; the same start-up step is run here before the first request.
        var database = factory.Services.GetRequiredService<DatabaseOptions>();
        await DatabaseStartup.PrepareAsync(factory.Services, database, migrate: true);

        var address = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new PortalServer(factory, dataDirectory, new UriBuilder(address) { Host = "localhost" }.Uri);
    }

    /// <summary>An organization with an owner who has a permanent password, created the way `org create` does it.</summary>
    public async Task<TestUser> CreateOrganizationAsync(string namePrefix = "Org")
    {
        var number = Interlocked.Increment(ref _sequence);
        var name = $"{namePrefix} {number} {Guid.NewGuid().ToString("N")[..6]}";
        var email = $"owner{number}-{Guid.NewGuid().ToString("N")[..6]}@example.test";
        var password = NewPassword();
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<OrganizationProvisioning>()
            .CreateOrganizationAsync(name, "EUR", "Europe/Berlin", email, password, temporaryPassword: false);
        result.Succeeded.ShouldBeTrue(string.Join(" ", result.Errors.Values));
        return new TestUser(email, password, result.OrganizationId!.Value, name);
    }

    /// <summary>A further user of an existing organization with a permanent password (no first-login change).</summary>
    public async Task<TestUser> AddUserAsync(TestUser owner, Permissions permissions)
    {
        var number = Interlocked.Increment(ref _sequence);
        var email = $"user{number}-{Guid.NewGuid().ToString("N")[..6]}@example.test";
        var password = NewPassword();
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var created = await users.CreateAsync(new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            OrganizationId = owner.OrganizationId,
            Permissions = permissions,
            LockoutEnabled = true,
            CreatedAtUtc = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        }, password);
        created.Succeeded.ShouldBeTrue(OrganizationProvisioning.Describe(created));
        return new TestUser(email, password, owner.OrganizationId, owner.OrganizationName);
    }

    public static string NewPassword() => $"Pw-{Guid.NewGuid().ToString("N")[..10]}-Aa1!";

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }
}

/// <summary>The portal with its settings for a test: its own data directory, no scheduled jobs.</summary>
internal sealed class PortalApplication(string dataDirectory, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Portal:DataDirectory", dataDirectory);
        builder.UseSetting("Scheduler:Enabled", "false");
        // The emulated stores listen on loopback.
        builder.UseSetting("Portal:AllowPrivateStoreAddresses", "true");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

public sealed record TestUser(string Email, string Password, int OrganizationId, string OrganizationName);
