using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;

namespace Portal.Hosting;

/// <summary>Limits on the two endpoints anyone can call: per store for webhook deliveries, per client address for the
/// app-authorization callback.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Deliveries one store's URL accepts per <see cref="WebhookWindow"/>; more are answered 429. A store's
    /// burst after a sale day is a few hundred a second; the default leaves ample room (and the benchmark's 2,000/s).</summary>
    [Range(1, 1_000_000)]
    public int WebhookPermitLimit { get; set; } = 5_000;

    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan WebhookWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>App-authorization callbacks one client address may post per <see cref="CallbackWindow"/>; a store
    /// posts one per authorization.</summary>
    [Range(1, 100_000)]
    public int CallbackPermitLimit { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CallbackWindow { get; set; } = TimeSpan.FromMinutes(1);
}

public static class RateLimits
{
    public const string Webhooks = "webhooks";
    public const string Callback = "app-authorization-callback";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>((o, limits) =>
        {
            var settings = limits.Value;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                // Callers are stores and scripts: the status and Retry-After, not the portal's error page.
                if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } pages)
                {
                    pages.Enabled = false;
                }

                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter =
                        ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            o.AddPolicy(Webhooks, context => RateLimitPartition.GetFixedWindowLimiter(StoreKeyPartition(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.WebhookPermitLimit, Window = settings.WebhookWindow }));
            o.AddPolicy(Callback, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.CallbackPermitLimit, Window = settings.CallbackWindow }));
        });
        return services;
    }

    // Store keys are 32 hex characters; anything else shares one partition, so made-up keys cannot each get a limiter.
    private static string StoreKeyPartition(HttpContext context) =>
        context.Request.RouteValues["storeKey"] is string key && key.Length == 32 && key.All(char.IsAsciiHexDigitLower)
            ? key
            : "";
}
