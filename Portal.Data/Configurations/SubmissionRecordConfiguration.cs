using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Configurations;

public sealed class SubmissionRecordConfiguration : IEntityTypeConfiguration<SubmissionRecord>
{
    public void Configure(EntityTypeBuilder<SubmissionRecord> builder)
    {
        builder.Property(s => s.Kind).HasMaxLength(100).IsRequired();
        builder.HasIndex(s => new { s.OrganizationId, s.Token }).IsUnique();
    }
}
