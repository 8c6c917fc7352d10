namespace Portal.Features.Common;

/// <summary>
/// A form's one summary of a refused save: each error is shown once, so an error the form shows on its field is
/// only pointed at ("correct the fields marked in red"), and only errors no field shows are written out here.
/// </summary>
public static class ErrorSummary
{
    public const string NothingSaved = "Nothing was saved: correct the fields marked in red.";

    public const string FieldsMarked = "Correct the fields marked in red.";

    /// <param name="errors">The refused fields and their messages.</param>
    /// <param name="shownOnField">Whether the form shows a field's error on that field.</param>
    /// <param name="pointer">The sentence pointing at the marked fields.</param>
    public static string? Of(IEnumerable<KeyValuePair<string, string>> errors, Func<string, bool> shownOnField, string pointer = NothingSaved)
    {
        var all = errors.ToList();
        if (all.Count == 0)
        {
            return null;
        }

        var elsewhere = all.Where(e => !shownOnField(e.Key)).Select(e => e.Value).Distinct().ToList();
        return elsewhere.Count == all.Count
            ? string.Join(" ", elsewhere)
            : string.Join(" ", elsewhere.Prepend(pointer));
    }

    /// <summary>The summary of a refused command: its field errors as above, else its message.</summary>
    public static string? Of(OperationResult result, Func<string, bool> shownOnField) =>
        result.Succeeded ? null
        : result.FieldErrors.Count == 0 ? result.Error
        : Of(result.FieldErrors.Select(e => KeyValuePair.Create(e.Field, e.Message)), shownOnField);
}
