using System.Globalization;

namespace Portal.Domain.Organizations;

/// <summary>ISO 4217 codes known to the runtime's culture data (ICU), so no list is maintained by hand.</summary>
public static class CurrencyCodes
{
    private static readonly Lazy<HashSet<string>> Known = new(() =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c =>
            {
                try
                {
                    return new RegionInfo(c.Name).ISOCurrencySymbol;
                }
                catch (ArgumentException)
                {
                    return null;
                }
            })
            .Where(code => code is { Length: 3 })
            .Select(code => code!)
            .ToHashSet(StringComparer.Ordinal));

    public static bool IsKnown(string? code) =>
        code is not null && code.Trim().Length == 3 && Known.Value.Contains(code.Trim().ToUpperInvariant());
}
