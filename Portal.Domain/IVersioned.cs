namespace Portal.Domain;

/// <summary>
/// A row edited on a page: its <see cref="Version"/> changes with every save (the data layer sets it), and an edit
/// saves only under the version the page showed, so a second user's save never silently overwrites the first's.
/// SQLite has no rowversion: the token is a Guid the application sets, which works on both providers.
/// </summary>
public interface IVersioned
{
    Guid Version { get; }
}

/// <summary>
/// Someone else saved the row since the page read it. Reported against the <see cref="Field"/> "Version", so a page
/// can tell it from other refusals, show the current values and keep what the user typed.
/// </summary>
public sealed class EditConflictException(string what)
    : DomainValidationException([new ValidationError(Field, Describe(what))])
{
    public const string Field = "Version";

    public static string Describe(string what) =>
        $"Someone else saved this {what} after you opened it; nothing of yours was saved. The current values are shown: " +
        "your entries are kept in the form — check them and save again to apply them.";
}
