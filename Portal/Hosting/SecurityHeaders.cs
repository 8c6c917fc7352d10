using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Portal.Hosting;

/// <summary>
/// Response headers every answer carries: a Content-Security-Policy Blazor Server and MudBlazor work under, no MIME
/// sniffing, no full URLs in the Referer to other sites, no framing, and HSTS when the portal's public address is https.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<PortalOptions> options)
{
    // Scripts only from the portal itself; the one inline script, the import map that <ImportMap /> renders, is
    // allowed by its hash (the same on every page of a build, so enhanced navigation keeps matching). MudBlazor sets
    // inline styles, hence 'unsafe-inline' for styles only. connect-src 'self' covers the circuit's WebSocket.
    private const string Policy = "default-src 'self'; script-src 'self'{0}; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    private static readonly ConditionalWeakTable<ImportMapDefinition, string> Hashes = new();

    private readonly bool _hsts = options.Value.PublicUrlIsHttps;

    public Task InvokeAsync(HttpContext context)
    {
        // At the start of the answer, so an error or status page that replaced the response gets them too.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy(context.GetEndpoint());
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (_hsts)
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    public static string ContentSecurityPolicy(Endpoint? endpoint) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy,
            endpoint?.Metadata.GetMetadata<ImportMapDefinition>() is { } importMap ? " " + Hashes.GetValue(importMap, HashOf) : "");

    /// <summary>The CSP source for the import map script: <c>&lt;ImportMap /&gt;</c> writes exactly
    /// <see cref="ImportMapDefinition.ToString"/> as the script's text.</summary>
    public static string HashOf(ImportMapDefinition importMap) =>
        $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.ToString())))}'";
}
