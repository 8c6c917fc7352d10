using Microsoft.Playwright;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// Shared by the whole suite: one portal and one chromium. Tests isolate themselves with their own browser context
/// and their own organization (<see cref="PortalServer.CreateOrganizationAsync"/>).
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    // Playwright cannot download its own browser here; Debian's chromium is driven instead (STACK.md §7).
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private PortalServer? _server;

    public PortalServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (./test.sh does).");
        }

        Assertions.SetDefaultExpectTimeout(20_000);
        var server = PortalServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        _server = await server;
    }

    /// <summary>A fresh browser context on the shared portal, or on a portal of the test's own.</summary>
    public Task<BrowserSession> OpenSessionAsync(string testName, PortalServer? server = null) =>
        BrowserSession.OpenAsync(Browser, server ?? Server, testName);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "Portal and browser";
}
