namespace Portal.Domain.Organizations;

/// <summary>A tenant: one merchant's business. Everything the merchant owns carries its id.</summary>
public sealed class Organization
{
    private Organization()
    {
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string BaseCurrency { get; private set; } = "";
    public string TimeZoneId { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>When the starter reference books were added; null until then. They are added once: a starter row the
    /// merchant deletes later stays deleted.</summary>
    public DateTime? StarterBooksAddedAtUtc { get; private set; }

    public static Organization Create(string name, string baseCurrency, string timeZoneId, DateTime nowUtc)
    {
        var errors = Validate(name, baseCurrency, timeZoneId);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Values));
        }

        return new Organization
        {
            Name = name.Trim(),
            BaseCurrency = baseCurrency.Trim().ToUpperInvariant(),
            TimeZoneId = timeZoneId.Trim(),
            CreatedAtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
    }

    /// <summary>Field name → message, empty when valid. Shared by the setup form and the command line.</summary>
    public static IReadOnlyDictionary<string, string> Validate(string? name, string? baseCurrency, string? timeZoneId)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["Name"] = "Organization name is required.";
        }
        else if (name.Trim().Length > 200)
        {
            errors["Name"] = "Organization name must be at most 200 characters.";
        }

        if (!CurrencyCodes.IsKnown(baseCurrency))
        {
            errors["BaseCurrency"] = $"'{baseCurrency}' is not an ISO 4217 currency code (for example USD, EUR, GBP).";
        }

        if (string.IsNullOrWhiteSpace(timeZoneId) || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId.Trim(), out var zone)
            || !zone.HasIanaId)
        {
            errors["TimeZoneId"] = $"'{timeZoneId}' is not an IANA time zone (for example Europe/London, America/New_York).";
        }

        return errors;
    }

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("Organization name is required.");
        }

        Name = name.Trim();
    }
}
