using Portal.Domain;

namespace Portal.Features.Common;

/// <summary>
/// The outcome of a command: done, or refused with a message written for the user (and, for field errors, the
/// field each belongs to, so a page can show it next to that field). A refused command has saved nothing.
/// </summary>
public record OperationResult(bool Succeeded, string? Error, IReadOnlyList<ValidationError> FieldErrors)
{
    public static readonly OperationResult Ok = new(true, null, []);

    public static OperationResult Fail(string message, IReadOnlyList<ValidationError>? fieldErrors = null) =>
        new(false, message, fieldErrors ?? []);
}

public sealed record OperationResult<T>(bool Succeeded, T? Value, string? Error, IReadOnlyList<ValidationError> FieldErrors)
    : OperationResult(Succeeded, Error, FieldErrors)
{
    public static OperationResult<T> Done(T value) => new(true, value, null, []);

    public static OperationResult<T> From(OperationResult failure) => new(false, default, failure.Error, failure.FieldErrors);
}
