namespace Portal.Domain;

/// <summary>
/// A step the rules refuse. The message is written for the person who asked for the step and is shown to them as is.
/// </summary>
public class DomainException(string message) : Exception(message);

/// <summary>One refused field value, so that a page can show the message next to that field.</summary>
public sealed record ValidationError(string Field, string Message);

/// <summary>A refused entry with one or more field errors; nothing of it has been applied.</summary>
public class DomainValidationException(IReadOnlyList<ValidationError> errors)
    : DomainException(string.Join(" ", errors.Select(e => e.Message)))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;

    public static void ThrowIfAny(IReadOnlyList<ValidationError> errors)
    {
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }
    }
}
