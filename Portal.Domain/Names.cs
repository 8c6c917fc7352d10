namespace Portal.Domain;

internal static class Names
{
    /// <summary>Trims a mandatory name and refuses an empty or too long one.</summary>
    public static string Required(string? value, string field, string what, int maxLength)
    {
        var error = Check(value, field, what, maxLength);
        DomainValidationException.ThrowIfAny(error is null ? [] : [error]);
        return value!.Trim();
    }

    public static ValidationError? Check(string? value, string field, string what, int maxLength)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return new ValidationError(field, $"The {what} {Words(field)} is required.");
        }

        return trimmed.Length > maxLength
            ? new ValidationError(field, $"The {what} {Words(field)} must be at most {maxLength} characters.")
            : null;
    }

    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Words(string field) => field == "Sku" ? "SKU" : field.ToLowerInvariant();
}

/// <summary>A reference row of which an organization has exactly one default (a location, a payment term).</summary>
public interface IDefaultable
{
    bool IsDefault { get; }

    internal void SetDefault(bool isDefault);
}

public static class Defaults
{
    /// <summary>Makes <paramref name="chosen"/> the only default among all of the organization's rows.</summary>
    public static void MakeDefault<T>(IEnumerable<T> all, T chosen) where T : class, IDefaultable
    {
        var found = false;
        foreach (var item in all)
        {
            var isChosen = ReferenceEquals(item, chosen);
            found |= isChosen;
            item.SetDefault(isChosen);
        }

        if (!found)
        {
            throw new ArgumentException("The chosen default is not among the rows given.", nameof(chosen));
        }
    }
}
