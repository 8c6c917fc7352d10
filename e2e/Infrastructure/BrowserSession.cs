using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// One test's browser: its own context (cookies, storage) and page against one portal, numbered full-page
/// screenshots under artifacts/e2e/&lt;test&gt;/, and every browser-side error collected so a test can fail on it.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    // Blazor acknowledges every applied render batch with an "OnRenderCompleted" hub message; after the first one the
    // prerendered page belongs to its circuit. The first renders still continue for a moment (data loaded after the
    // first await, MudBlazor's popover and theme set up through JS interop), and a click in that window can be lost,
    // so the page counts as interactive once a batch has been applied and the circuit's socket has been quiet for a
    // while. The probe lives in the document: every full page load starts again from zero.
    private const string CircuitProbe = """
        (() => {
            window.__e2eRenderBatches = 0;
            window.__e2eLastFrame = 0;
            const send = WebSocket.prototype.send;
            WebSocket.prototype.send = function (data) {
                try {
                    if (this.url.includes('/_blazor')) {
                        window.__e2eLastFrame = performance.now();
                        if (!this.__e2eProbed) {
                            this.__e2eProbed = true;
                            this.addEventListener('message', () => window.__e2eLastFrame = performance.now());
                        }
                        if (typeof data !== 'string' && new TextDecoder('latin1').decode(data).includes('OnRenderCompleted')) {
                            window.__e2eRenderBatches++;
                        }
                    }
                } catch { }
                return send.call(this, data);
            };
        })();
        """;

    // Chromium logs a refused script, style or connection as a console error; the event names the directive too.
    private const string PolicyViolationProbe = """
        document.addEventListener('securitypolicyviolation', e =>
            console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
        """;

    private const string CircuitSettled = "() => window.__e2eRenderBatches > 0 && performance.now() - window.__e2eLastFrame > 400";

    private readonly string _artifacts;
    private readonly List<string> _browserErrors = [];
    private readonly List<string> _policyViolations = [];
    private int _screenshots;
    private bool _reachedEnd;

    private BrowserSession(IBrowserContext context, IPage page, PortalServer server, string artifacts)
    {
        Context = context;
        Page = page;
        Server = server;
        _artifacts = artifacts;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public PortalServer Server { get; }

    public IReadOnlyList<string> BrowserErrors => _browserErrors;

    public static async Task<BrowserSession> OpenAsync(IBrowser browser, PortalServer server, string testName)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            ColorScheme = ColorScheme.Light,
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        // A cold portal compiles its first pages on a slow 2-core machine: the first navigation alone can take 5 s.
        context.SetDefaultNavigationTimeout(60_000);
        context.SetDefaultTimeout(20_000);
        await context.AddInitScriptAsync(CircuitProbe);
        await context.AddInitScriptAsync(PolicyViolationProbe);

        var page = await context.NewPageAsync();
        var artifacts = ArtifactsFolder(testName);
        var session = new BrowserSession(context, page, server, artifacts);
        page.PageError += (_, error) => session._browserErrors.Add($"page error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session._browserErrors.Add($"console error: {message.Text}");
                if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) || message.Text.StartsWith("CSP violation", StringComparison.Ordinal))
                {
                    session._policyViolations.Add(message.Text);
                }
            }
        };
        return session;
    }

    /// <summary>Opens a path and, for an interactive page, waits until its circuit is attached.</summary>
    public async Task GotoAsync(string path, bool interactive = true)
    {
        var response = await Page.GotoAsync(path.TrimStart('/'));
        response.ShouldNotBeNull();
        response.Ok.ShouldBeTrue($"GET {path} answered {response.Status}");
        if (interactive)
        {
            await WaitForInteractiveAsync();
        }
    }

    /// <summary>Call after the new page is known to have loaded (its URL or a landmark), never straight after a click.</summary>
    public async Task WaitForInteractiveAsync()
    {
        await Page.WaitForFunctionAsync(CircuitSettled, null, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 100 });
    }

    /// <summary>Saves a full-page screenshot as &lt;nn&gt;-&lt;step&gt;.png; waits for fonts, images and animations to settle first.</summary>
    public async Task ScreenshotAsync(string step)
    {
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 10_000 });
        var file = Path.Combine(_artifacts, $"{++_screenshots:00}-{step}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Animations = ScreenshotAnimations.Disabled });
    }

    /// <summary>
    /// Screenshots the step and checks nothing is wider than the screen: a page that scrolls sideways on a phone is
    /// broken even if it renders.
    /// </summary>
    public async Task FitsAsync(int width, string step)
    {
        await WaitForInteractiveAsync();
        var scrollWidth = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        await ScreenshotAsync(step);
        scrollWidth.ShouldBeLessThanOrEqualTo(width, $"{step}: the page is {scrollWidth} px wide");
    }

    public async Task SignInAsync(string email, string password)
    {
        await FillSignInFormAsync(email, password);
        await Expect(Page).Not.ToHaveURLAsync(LoginUrl());
    }

    public async Task FillSignInFormAsync(string email, string password)
    {
        if (!LoginUrl().IsMatch(Page.Url))
        {
            await GotoAsync("/Account/Login", interactive: false);
        }

        await Page.Locator("#Input\\.Email").FillAsync(email);
        await Page.Locator("#Input\\.Password").FillAsync(password);
        await Page.Locator("#login-submit").ClickAsync();
    }

    /// <summary>Signs out through the user menu, as a user would, and lands on the sign-in page.</summary>
    public async Task SignOutAsync()
    {
        await Page.Locator("#user-menu").ClickAsync();
        await Page.Locator("#logout").ClickAsync();
        await Expect(Page).ToHaveURLAsync(LoginUrl());
    }

    /// <summary>A test's last line. A session disposed without reaching it belongs to a failed test.</summary>
    /// <summary>Opens the MudSelect labelled <paramref name="label"/> and picks <paramref name="option"/>.</summary>
    public async Task ChooseAsync(string label, string option)
    {
        await Page.Locator(".mud-select", new PageLocatorOptions { HasText = label }).First.ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = option }).First.ClickAsync();
        await Assertions.Expect(Page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    public void ShouldHaveNoBrowserErrors()
    {
        _reachedEnd = true;
        _browserErrors.ShouldBeEmpty();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_reachedEnd)
        {
            // The state the failing step left behind, next to the steps' screenshots. Never masks the test's own failure.
            try
            {
                await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_artifacts, "failed.png"), FullPage = true, Timeout = 10_000 });
            }
            catch (PlaywrightException)
            {
                // The page or browser is gone; the steps' screenshots remain.
            }
        }

        if (_browserErrors.Count > 0)
        {
            await File.WriteAllLinesAsync(Path.Combine(_artifacts, "browser-errors.txt"), _browserErrors);
        }

        await Context.CloseAsync();

        // Every test, whether or not it checks for browser errors at its end: a page that needs something the
        // Content-Security-Policy refuses is broken for real users.
        _policyViolations.ShouldBeEmpty("the page broke the Content-Security-Policy");
    }

    [GeneratedRegex(@"/Account/Login(\?|$)")]
    public static partial Regex LoginUrl();

    private static string ArtifactsFolder(string testName)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "e2e", testName);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "")
    {
        // The build output may live anywhere; the source tree is found from this file's compile-time path, and from
        // the output folder upwards when the sources are gone (a copied build).
        foreach (var start in new[] { Path.GetDirectoryName(thisFile)!, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "WooPortal.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return AppContext.BaseDirectory;
    }
}
