using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Organizations;

namespace Portal.Data.Configurations;

public sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(o => o.Name).IsUnique();
        builder.Property(o => o.BaseCurrency).HasMaxLength(3).IsRequired();
        builder.Property(o => o.TimeZoneId).HasMaxLength(100).IsRequired();
    }
}
