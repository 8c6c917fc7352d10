using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>What every answer tells the browser: the Content-Security-Policy (whose script hash matches the page's
/// only inline script, the import map), no sniffing, the referrer policy, no framing, and HSTS only for https.</summary>
public sealed partial class SecurityHeadersTests
{
    [Fact]
    public async Task Page_WhenServed_ThenPolicyAllowsExactlyItsImportMapAndTheOtherHeadersAreSet()
    {
        await using var portal = await new PortalFactory().StartAsync();
        await portal.CreateOrganizationAsync();
        using var client = portal.CreateBrowserClient();

        var response = await client.GetAsync("/Account/Login");
        var html = await response.Content.ReadAsStringAsync();

        var policy = response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        var importMap = ImportMapScript().Match(html);
        importMap.Success.ShouldBeTrue("the page renders an import map");
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.Groups[1].Value)));
        policy.ShouldContain($"script-src 'self' 'sha256-{hash}';");
        policy.ShouldNotContain("unsafe-eval");
        policy.ShouldContain("style-src 'self' 'unsafe-inline'");
        policy.ShouldContain("img-src 'self' data:");
        policy.ShouldContain("connect-src 'self'");
        policy.ShouldContain("frame-ancestors 'none'");
        Regex.Matches(html, "<script(?![^>]*\\bsrc=)[^>]*>").Count.ShouldBe(1, "the import map is the only inline script");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["strict-origin-when-cross-origin"]);
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse("the public address is not https");

        var health = await client.GetAsync("/healthz");
        health.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldContain("script-src 'self';");
        health.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    [Fact]
    public async Task Answer_WhenPublicUrlIsHttps_ThenHsts()
    {
        await using var portal = await new PortalFactory().With("Portal:PublicUrl", "https://portal.example.test").StartAsync();
        using var client = portal.CreateBrowserClient();

        var response = await client.GetAsync("/healthz");

        response.Headers.GetValues("Strict-Transport-Security").ShouldBe(["max-age=31536000"]);
    }

    [GeneratedRegex("<script type=\"importmap\"[^>]*>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMapScript();
}
