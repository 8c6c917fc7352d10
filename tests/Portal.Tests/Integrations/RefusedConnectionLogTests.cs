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
/// A refused connection is the merchant's business, answered on the page: the server's log keeps no error for it (an
/// operator reading the log would chase a fault that is none).
/// </summary>
public sealed class RefusedConnectionLogTests
{
    [Fact]
    public async Task Connect_WhenTheKeyIsWrongOrNothingListens_ThenTheMerchantIsToldAndTheServerLogHasNoError()
    {
        var logs = new CapturingLoggerProvider();
        var port = PortalProcess.FreePort();
        await using var portal = await new PortalFactory(port: port)
        {
            ConfigureTestServices = services => services.AddSingleton<ILoggerProvider>(logs),
        }.With("Portal:PublicUrl", $"http://127.0.0.1:{port}").StartAsync();
        var (org, _, _) = await portal.CreateOrganizationAsync();
        logs.Lines.Clear(); // Only what the two attempts leave.
        await using var emulator = await WooEmulator.StartAsync(new EmulatorOptions());
        emulator.SeedFixtureStore();
        var key = emulator.CreateKey(KeyPermission.ReadWrite);
        await using var scope = portal.Services.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectStore>();

        var wrongSecret = await connector.ConnectClassicAsync(FixedTenant.For(org), "Shop", emulator.BaseUrl, key.ConsumerKey, "cs_" + new string('0', 40), false);
        wrongSecret.Failure.ShouldBe(ConnectFailure.BadCredentials);
        var nobody = await connector.ConnectClassicAsync(FixedTenant.For(org), "Shop", $"http://127.0.0.1:{PortalProcess.FreePort()}", key.ConsumerKey,
            key.ConsumerSecret, false);
        nobody.Succeeded.ShouldBeFalse();

        // Retries of an unanswered store are warnings an operator may read; an error would send them after a fault.
        logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }
}
