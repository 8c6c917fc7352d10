using Portal.Domain.Organizations;

namespace Portal.Domain.Reference;

public class PaymentTerm : IOrganizationOwned, IDefaultable, IVersioned
{
    private PaymentTerm()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid Version { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Days from the invoice date to the due date.</summary>
    public int Days { get; private set; }

    public bool IsDefault { get; private set; }

    public static PaymentTerm Create(int organizationId, string? name, int days)
    {
        var term = new PaymentTerm { OrganizationId = organizationId };
        term.Change(name, days);
        return term;
    }

    public void Change(string? name, int days)
    {
        Name = Names.Required(name, nameof(Name), "payment term", 100);
        Days = days is >= 0 and <= 3650
            ? days
            : throw new DomainValidationException([new ValidationError(nameof(Days), "Days must be from 0 to 3650.")]);
    }

    public static DateTime DueDate(DateTime invoiceDate, int days) => invoiceDate.Date.AddDays(days);

    void IDefaultable.SetDefault(bool isDefault) => IsDefault = isDefault;
}

public class Carrier : IOrganizationOwned, IVersioned
{
    public const string LocalPickupName = "Local Pickup";

    private Carrier()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid Version { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsLocalPickup => string.Equals(Name, LocalPickupName, StringComparison.OrdinalIgnoreCase);

    public static Carrier Create(int organizationId, string? name) =>
        new() { OrganizationId = organizationId, Name = Names.Required(name, nameof(Name), "carrier", 100) };

    /// <summary>The carrier every organization starts with; a web order without carrier information uses it.</summary>
    public static Carrier LocalPickup(int organizationId) => Create(organizationId, LocalPickupName);

    public void Rename(string? name) => Name = Names.Required(name, nameof(Name), "carrier", 100);

    public const string TrackingPlaceholder = "{tracking}";

    /// <summary>
    /// The carrier's tracking page with <see cref="TrackingPlaceholder"/> where the tracking number goes, e.g.
    /// <c>https://track.example/?n={tracking}</c>; null when the carrier has none.
    /// </summary>
    public string? TrackingUrlTemplate { get; private set; }

    /// <summary>Sets or clears (blank) the tracking URL template; refuses one that is not an http(s) address with the placeholder.</summary>
    public Carrier WithTrackingUrlTemplate(string? template)
    {
        var value = Names.Optional(template);
        if (value is not null)
        {
            var sample = value.Replace(TrackingPlaceholder, "0", StringComparison.Ordinal);
            if (value.Length > 500 || !value.Contains(TrackingPlaceholder, StringComparison.Ordinal) ||
                !Uri.TryCreate(sample, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new DomainValidationException([new ValidationError(nameof(TrackingUrlTemplate),
                    $"The tracking URL must be an http(s) address of at most 500 characters containing {TrackingPlaceholder}, as in https://track.example/?n={TrackingPlaceholder}.")]);
            }
        }

        TrackingUrlTemplate = value;
        return this;
    }

    /// <summary>The tracking page of one tracking number, or null without a template.</summary>
    public string? TrackingUrl(string trackingNumber) =>
        TrackingUrlTemplate?.Replace(TrackingPlaceholder, Uri.EscapeDataString(trackingNumber), StringComparison.Ordinal);
}

public class SalesRepresentative : IOrganizationOwned, IVersioned
{
    private SalesRepresentative()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid Version { get; private set; }
    public string Name { get; private set; } = "";
    public string? Email { get; set; }

    public static SalesRepresentative Create(int organizationId, string? name) =>
        new() { OrganizationId = organizationId, Name = Names.Required(name, nameof(Name), "sales representative", 100) };

    public void Rename(string? name) => Name = Names.Required(name, nameof(Name), "sales representative", 100);
}

/// <summary>An organization's own name for one of the ten price tiers; a tier without a row keeps "Tier N".</summary>
public class PriceTierName : IOrganizationOwned, IVersioned
{
    private PriceTierName()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid Version { get; private set; }
    public int Tier { get; private set; }
    public string Name { get; private set; } = "";

    public static PriceTierName Create(int organizationId, int tier, string? name) => new()
    {
        OrganizationId = organizationId,
        Tier = Catalog.PriceTiers.Check(tier),
        Name = Names.Required(name, nameof(Name), "price tier", 50),
    };

    public void Rename(string? name) => Name = Names.Required(name, nameof(Name), "price tier", 50);

    /// <summary>The ten tier names in tier order, defaults filled in.</summary>
    public static IReadOnlyList<string> Resolve(IEnumerable<PriceTierName> names)
    {
        var custom = names.ToDictionary(n => n.Tier, n => n.Name);
        return Enumerable.Range(1, Catalog.PriceTiers.Count)
            .Select(t => custom.TryGetValue(t, out var name) ? name : Catalog.PriceTiers.DefaultName(t))
            .ToList();
    }
}
