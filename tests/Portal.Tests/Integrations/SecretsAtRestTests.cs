using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Data.Tenancy;
using Portal.Features.Integrations;
using Portal.Tests.Infrastructure;
using Portal.Tests.WooCommerce;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Model;

namespace Portal.Tests.Integrations;

/// <summary>
/// After stores are connected both ways (Classic keys and app authorization) and have called and been called back,
/// no consumer key or secret, webhook secret or password is in clear in the database file, the logs (every level)
/// or the activity log.
/// </summary>
public sealed class SecretsAtRestTests
{
    [Fact]
    public async Task Secrets_WhenStoresAreConnectedBothWays_ThenNoneIsInClearInTheDatabaseTheLogsOrTheActivityLog()
    {
        var logs = new CapturingLoggerProvider();
        var port = PortalProcess.FreePort();
        await using var portal = await new PortalFactory(port: port)
        {
            ConfigureTestServices = services => services.AddSingleton<ILoggerProvider>(logs),
        }
            .With("Portal:PublicUrl", $"http://127.0.0.1:{port}")
            .With("Logging:LogLevel:Default", "Trace")
            .With("Logging:LogLevel:Microsoft", "Trace")
            .StartAsync();
        var (org, _, ownerPassword) = await portal.CreateOrganizationAsync();
        var emulatorOptions = new EmulatorOptions
        {
            WebhookDelay = TimeSpan.FromMilliseconds(20), OutboundTimeout = TimeSpan.FromSeconds(5), AllowHttpAuthCallback = true,
        };
        await using var classicStore = await WooEmulator.StartAsync(emulatorOptions);
        classicStore.SeedFixtureStore();
        await using var appStore = await WooEmulator.StartAsync(emulatorOptions);
        appStore.SeedFixtureStore();
        await using var scope = portal.Services.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectStore>();
        var finish = scope.ServiceProvider.GetRequiredService<FinishAppAuthorization>();

        var key = classicStore.CreateKey(KeyPermission.ReadWrite);
        var classic = await connector.ConnectClassicAsync(FixedTenant.For(org), "Classic shop", classicStore.BaseUrl, key.ConsumerKey, key.ConsumerSecret, false);
        classic.Succeeded.ShouldBeTrue(classic.Message);
        var start = await connector.StartAppAuthorizationAsync(FixedTenant.For(org), "user-1", "App shop", appStore.BaseUrl);
        var back = await StorePortalFixture.WalkAuthorizationAsync(appStore, start.AuthorizeUrl!, approve: true);
        var returned = QueryHelpers.ParseQuery(back.Query);
        var app = await finish.CompleteAppAuthorizationAsync(FixedTenant.For(org), returned["success"], returned["user_id"], false);
        app.Succeeded.ShouldBeTrue(app.Message);

        var secrets = new List<string> { ownerPassword };
        foreach (var emulator in new[] { classicStore, appStore })
        {
            lock (emulator.Store.Sync)
            {
                secrets.AddRange(emulator.Store.Keys.SelectMany(k => new[] { k.ConsumerKey, k.ConsumerSecret }));
                secrets.AddRange(emulator.Store.Webhooks.Select(w => w.Secret));
            }
        }

        secrets.Count.ShouldBeGreaterThanOrEqualTo(1 + 4 + 2 * StoreWebhooks.Topics.Length, "two keys and each store's webhook secrets were made");
        secrets.ShouldAllBe(s => s.Length >= 12);

        await using var db = portal.OpenDatabase(FixedTenant.For(org));
        (await db.StoreActivity.CountAsync()).ShouldBeGreaterThan(0, "the calls were logged for support");
        var activity = JsonSerializer.Serialize(await db.StoreActivity.AsNoTracking().ToListAsync());
        var files = Directory.EnumerateFiles(portal.DataDirectory, "*", SearchOption.AllDirectories)
            .Select(f => (Name: Path.GetFileName(f), Bytes: ReadShared(f))).ToList();
        files.ShouldContain(f => f.Name.EndsWith(".db", StringComparison.Ordinal));
        var logText = string.Join('\n', logs.Lines);
        logText.ShouldContain("WooCommerce", Case.Sensitive, "the client's calls were logged");

        var found = new List<string>();
        foreach (var secret in secrets)
        {
            var utf8 = Encoding.UTF8.GetBytes(secret);
            found.AddRange(files.Where(f => f.Bytes.AsSpan().IndexOf(utf8) >= 0).Select(f => $"{Hint(secret)} in {f.Name}"));
            if (logText.Contains(secret, StringComparison.Ordinal))
            {
                found.Add($"{Hint(secret)} in the logs");
            }

            if (activity.Contains(secret, StringComparison.Ordinal))
            {
                found.Add($"{Hint(secret)} in the activity log");
            }
        }

        found.ShouldBeEmpty();
    }

    private static string Hint(string secret) => secret[..4] + "…";

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
