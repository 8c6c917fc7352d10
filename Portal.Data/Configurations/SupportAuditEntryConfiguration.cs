using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Organizations;

namespace Portal.Data.Configurations;

public sealed class SupportAuditEntryConfiguration : IEntityTypeConfiguration<SupportAuditEntry>
{
    public void Configure(EntityTypeBuilder<SupportAuditEntry> builder)
    {
        builder.Property(a => a.SupportUserId).HasMaxLength(450).IsRequired();
        builder.Property(a => a.SupportEmail).HasMaxLength(256).IsRequired();
        builder.Property(a => a.What).HasMaxLength(500).IsRequired();
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.OrganizationId, a.AtUtc });
    }
}
