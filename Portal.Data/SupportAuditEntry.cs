namespace Portal.Data;

/// <summary>One time a support user opened an organization's data: who, what and when. Never updated.</summary>
public sealed class SupportAuditEntry
{
    public long Id { get; set; }
    public required string SupportUserId { get; set; }
    public required string SupportEmail { get; set; }
    public int OrganizationId { get; set; }
    public required string What { get; set; }
    public DateTime AtUtc { get; set; }
}
