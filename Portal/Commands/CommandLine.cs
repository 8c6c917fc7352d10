using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Features.Organizations;
using Portal.Features.Reference;
using Portal.Hosting;

namespace Portal.Commands;

/// <summary>
/// <c>dotnet Portal.dll</c> serves the portal; a verb does one administrative job and exits:
/// <c>migrate</c>, <c>org create</c>, <c>support add</c>, <c>healthcheck</c>.
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        Usage:
          dotnet Portal.dll [--urls URL] [--Setting=value ...]     serve the portal
          dotnet Portal.dll migrate                                apply database migrations (SQL Server: run before starting)
          dotnet Portal.dll org create --name NAME --currency ISO --timezone IANA --owner EMAIL
                                                                   create an organization and its owner; prints a one-time password
          dotnet Portal.dll support add EMAIL                      add a support user; prints a one-time password
          dotnet Portal.dll healthcheck [--url URL]                exit 0 when /healthz answers Healthy (Docker HEALTHCHECK)
        """;

    private static readonly string[] VerbOptions = ["--name", "--currency", "--timezone", "--owner", "--url"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
        switch (verb)
        {
            case null:
                await RunServerAsync(args);
                return 0;
            case "healthcheck":
                return await HealthcheckAsync(args, output, error);
            case "migrate":
                return await WithServicesAsync(args, prepare: false, async services =>
                {
                    var options = services.GetRequiredService<DatabaseOptions>();
                    await DatabaseStartup.PrepareAsync(services, options, migrate: true);
                    await output.WriteLineAsync($"Database migrated ({options.Provider}).");
                    return 0;
                });
            case "org" when args.Length > 1 && args[1] == "create":
                return await WithServicesAsync(args, prepare: true, services => CreateOrganizationAsync(services, args, output, error));
            case "support" when args.Length > 2 && args[1] == "add":
                return await WithServicesAsync(args, prepare: true, services => AddSupportAsync(services, args[2], output, error));
            default:
                await error.WriteLineAsync($"Unknown command '{string.Join(' ', args)}'.");
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task RunServerAsync(string[] args)
    {
        var app = PortalHost.Build(args);
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        await DatabaseStartup.PrepareAsync(app.Services, database, migrate: database.Provider == DatabaseProvider.Sqlite && database.MigrateOnStartup);
        // Organizations created before the starter reference books existed get them once.
        await app.Services.GetRequiredService<StarterReferenceBooks>().AddToEveryOrganizationAsync();
        await app.StartAsync();
        await app.WaitForShutdownAsync();
    }

    /// <param name="prepare">Migrate SQLite (or check that SQL Server answers) first, as the server does at start-up.</param>
    private static async Task<int> WithServicesAsync(string[] args, bool prepare, Func<IServiceProvider, Task<int>> action)
    {
        var configurationArgs = HostArguments(args).Append("--Scheduler:Enabled=false").ToArray();
        await using var app = PortalHost.Build(configurationArgs);
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        if (prepare)
        {
            await DatabaseStartup.PrepareAsync(app.Services, database, migrate: database.Provider == DatabaseProvider.Sqlite && database.MigrateOnStartup);
        }

        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>The arguments that configure the host (e.g. --Database:Provider=SqlServer), without the verb and its options.</summary>
    private static IEnumerable<string> HostArguments(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            if (VerbOptions.Contains(arg, StringComparer.OrdinalIgnoreCase))
            {
                i++;
                continue;
            }

            yield return arg;
            if (!arg.Contains('=') && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                yield return args[++i];
            }
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.FindIndex(args, a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static async Task<int> CreateOrganizationAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var provisioning = services.GetRequiredService<OrganizationProvisioning>();
        var password = TemporaryPassword.Generate();
        var result = await provisioning.CreateOrganizationAsync(
            Option(args, "--name"), Option(args, "--currency"), Option(args, "--timezone"), Option(args, "--owner"), password, temporaryPassword: true);
        if (!result.Succeeded)
        {
            foreach (var message in result.Errors.Values)
            {
                await error.WriteLineAsync(message);
            }

            return 1;
        }

        await output.WriteLineAsync($"Organization '{Option(args, "--name")!.Trim()}' created (id {result.OrganizationId}).");
        await output.WriteLineAsync($"Owner: {result.User!.Email}");
        await output.WriteLineAsync($"One-time password: {password}");
        await output.WriteLineAsync("It is shown only now and must be changed at first sign-in.");
        return 0;
    }

    private static async Task<int> AddSupportAsync(IServiceProvider services, string email, TextWriter output, TextWriter error)
    {
        var provisioning = services.GetRequiredService<OrganizationProvisioning>();
        var password = TemporaryPassword.Generate();
        var result = await provisioning.AddSupportUserAsync(email, password);
        if (!result.Succeeded)
        {
            await error.WriteLineAsync(string.Join(" ", result.Errors.Values));
            return 1;
        }

        await output.WriteLineAsync($"Support user {email} added. They can read every organization's integration logs and change nothing.");
        await output.WriteLineAsync($"One-time password: {password}");
        await output.WriteLineAsync("It is shown only now and must be changed at first sign-in.");
        return 0;
    }

    private static async Task<int> HealthcheckAsync(string[] args, TextWriter output, TextWriter error)
    {
        var url = Option(args, "--url") ?? LocalUrl(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")
            ?? Environment.GetEnvironmentVariable("URLS") ?? PortalHost.DefaultUrl);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await http.GetAsync(new Uri(new Uri(url), "/healthz"));
            var body = await response.Content.ReadAsStringAsync();
            await (response.IsSuccessStatusCode ? output : error).WriteLineAsync($"{(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await error.WriteLineAsync($"Unhealthy: {url} does not answer ({ex.Message}).");
            return 1;
        }
    }

    /// <summary>The first listening URL, with a wildcard host replaced by loopback: the probe runs inside the container.</summary>
    public static string LocalUrl(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        return first.Replace("://0.0.0.0", "://127.0.0.1").Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1")
            .Replace("://[::]", "://127.0.0.1");
    }
}
