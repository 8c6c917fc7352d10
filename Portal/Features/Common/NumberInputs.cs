using MudBlazor;

namespace Portal.Features.Common;

/// <summary>
/// Number fields whose text does not parse: MudBlazor then shows "Not a valid number" but keeps the old value
/// underneath, which a save would otherwise store as if the user had entered it. Pages check their number fields
/// with this before saving and show the field's message instead.
/// </summary>
public static class NumberInputs
{
    /// <summary>The field's message when its text is not a number; null when it parsed (or is empty).</summary>
    public static string? Unparsed<T>(MudBaseInput<T>? field, string label) =>
        field is { ConversionError: true } ? $"{label} is not a number: type digits, as in 12.5." : null;
}

/// <summary>A field whose saved value differs from what the user typed, shown after an edit conflict.</summary>
public sealed record ConflictRow(string Label, string Current, string Yours)
{
    /// <summary>The fields whose values differ, in the order given.</summary>
    public static IReadOnlyList<ConflictRow> Differing(IEnumerable<(string Label, string? Current, string? Yours)> fields) =>
        fields.Where(f => (f.Current ?? "") != (f.Yours ?? "")).Select(f => new ConflictRow(f.Label, f.Current ?? "—", f.Yours ?? "—")).ToList();
}
