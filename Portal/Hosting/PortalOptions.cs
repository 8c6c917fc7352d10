using System.ComponentModel.DataAnnotations;

namespace Portal.Hosting;

public sealed class PortalOptions : IValidatableObject
{
    public const string SectionName = "Portal";

    /// <summary>Where the SQLite database and the key that protects the key ring live. Relative to the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// The address merchants and stores reach the portal at, e.g. https://portal.example.com. Webhook and
    /// app-authorization callback URLs are built from it; when it is https, cookies are always secure.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>Reverse proxies (IP addresses) whose X-Forwarded-For/Proto headers are trusted, besides loopback.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>
    /// Lets merchants connect stores whose address resolves to loopback, a local network or another non-public
    /// address. Off by default: otherwise anyone who may connect a store could make the portal call its own network.
    /// On in Development and for a portal whose stores are on the same private network.
    /// </summary>
    public bool AllowPrivateStoreAddresses { get; set; }

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public bool PublicUrlIsHttps => PublicUrl is not null
        && Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicUrl is not null && (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult($"Portal:PublicUrl '{PublicUrl}' is not an absolute http or https URL.", [nameof(PublicUrl)]);
        }

        foreach (var proxy in KnownProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
            {
                yield return new ValidationResult($"Portal:KnownProxies entry '{proxy}' is not an IP address.", [nameof(KnownProxies)]);
            }
        }
    }
}
