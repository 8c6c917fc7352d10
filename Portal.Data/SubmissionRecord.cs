using Portal.Domain.Organizations;

namespace Portal.Data;

/// <summary>
/// One use of a form's submission token: the unique key on (organization, token) lets the database refuse a second
/// submit of the same form (a double click, a resent request), and <see cref="Result"/> is what the first one
/// answered, so the second is shown that instead of creating a duplicate. Written in the same transaction as the work.
/// </summary>
public sealed class SubmissionRecord : IOrganizationOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid Token { get; set; }

    /// <summary>What was submitted (the command's name): a token reused for another command is refused.</summary>
    public required string Kind { get; set; }

    /// <summary>The first submit's result as JSON.</summary>
    public string? Result { get; set; }

    public DateTime SubmittedUtc { get; set; }
}
