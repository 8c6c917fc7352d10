using System.Security.Cryptography.X509Certificates;

namespace WooCommerce.Emulator;

public sealed class EmulatorOptions
{
    /// <summary>Delay before a queued webhook delivery runs (WooCommerce: Action Scheduler, seconds to minutes).</summary>
    public TimeSpan WebhookDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>At most this many deliveries are sent at once (WooCommerce: Action Scheduler runs its queue in one or a
    /// few concurrent batches); null sends each as soon as it is due.</summary>
    public int? MaxConcurrentDeliveries { get; set; }

    /// <summary>A webhook becomes disabled when its consecutive failures exceed this (WooCommerce: 5).</summary>
    public int MaxConsecutiveFailures { get; set; } = 5;

    /// <summary>Refuse delivery URLs as wp_safe_remote_post does (localhost, loopback ports other than 80/443/8080).</summary>
    public bool RefuseLocalDeliveryUrls { get; set; }

    /// <summary>Allow an http callback_url in app authorization (the real store demands https).</summary>
    public bool AllowHttpAuthCallback { get; set; }

    /// <summary>Certificates trusted for https callbacks and webhook deliveries besides the system's trust store.</summary>
    public List<X509Certificate2> TrustedCertificates { get; } = [];

    /// <summary>Timeout for outbound calls (webhooks, pings, app-authorization callbacks).</summary>
    public TimeSpan OutboundTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>OAuth 1.0a timestamp window (WooCommerce: 15 minutes).</summary>
    public TimeSpan OAuthTimestampWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Login accepted by the app-authorization page.</summary>
    public string AdminUser { get; set; } = "admin";
    public string AdminPassword { get; set; } = "admin";

    /// <summary>Seed the fixture-shaped store at start-up (handy when run alone).</summary>
    public bool SeedOnStart { get; set; }

    /// <summary>Start as a newly installed store (see <see cref="Seed.NewStore"/>) rather than an empty one.</summary>
    public bool FreshOnStart { get; set; }
}
