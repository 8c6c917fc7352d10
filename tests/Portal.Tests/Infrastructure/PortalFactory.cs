using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Features.Organizations;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The real portal on a real loopback socket, with its own data directory (SQLite file and key certificate).
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new();
    private readonly bool _ownsDataDirectory;

    public PortalFactory(string? dataDirectory = null, int port = 0, System.Security.Cryptography.X509Certificates.X509Certificate2? httpsCertificate = null)
    {
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        // Emulated stores listen on loopback; a test of the refusal turns this off with With(...).
        _settings["Portal:AllowPrivateStoreAddresses"] = "true";
        // A fixed port lets a test set Portal:PublicUrl before start; a certificate makes the listener https (tests only).
        UseKestrel(o => o.Listen(IPAddress.Loopback, port, listen =>
        {
            if (httpsCertificate is not null)
            {
                listen.UseHttps(httpsCertificate);
            }
        }));
    }

    public string DataDirectory { get; }

    /// <summary>Extra service registrations for one test (e.g. a probe job).</summary>
    public Action<IServiceCollection>? ConfigureTestServices { get; set; }

    public string BaseUrl => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public PortalFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        builder.UseSetting("Scheduler:Enabled", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (ConfigureTestServices is { } configure)
        {
            builder.ConfigureServices(configure);
        }
    }

    /// <summary>Starts the server: Program runs migrations for SQLite before it serves, as in production.</summary>
    public async Task<PortalFactory> StartAsync()
    {
        StartServer();
        await Portal.Hosting.DatabaseStartup.PrepareAsync(Services, Services.GetRequiredService<Portal.Data.DatabaseOptions>(), migrate: true);
        return this;
    }

    public HttpClient CreateBrowserClient(bool followRedirects = false) => new(new HttpClientHandler
    {
        AllowAutoRedirect = followRedirects,
        CookieContainer = new CookieContainer(),
        UseCookies = true,
    })
    {
        BaseAddress = new Uri(BaseUrl),
    };

    public async Task<(int OrganizationId, string OwnerEmail, string OwnerPassword)> CreateOrganizationAsync(
        string? name = null, bool temporaryPassword = false)
    {
        name ??= "Org " + Guid.NewGuid().ToString("N")[..8];
        var email = $"owner-{Guid.NewGuid():N}@example.test";
        const string password = "Owner tulip harbor 42 lantern";
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<OrganizationProvisioning>()
            .CreateOrganizationAsync(name, "USD", "Europe/London", email, password, temporaryPassword);
        result.Succeeded.ShouldBeTrue(string.Join(" ", result.Errors.Values));
        return (result.OrganizationId!.Value, email, password);
    }

    public Portal.Data.PortalDbContext OpenDatabase(ITenantContext tenant) =>
        Services.GetRequiredService<Portal.Data.IPortalDbContextFactory>().Create(tenant);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
        }

        if (disposing && _ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a closing process; the temp folder is cleaned by the OS.
            }
        }
    }
}
