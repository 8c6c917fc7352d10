using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Reference;

namespace Portal.Data.Configurations;

public sealed class TaxRuleConfiguration : IEntityTypeConfiguration<TaxRule>
{
    public void Configure(EntityTypeBuilder<TaxRule> builder) =>
        builder.Property(t => t.Name).HasMaxLength(100).IsRequired();
}

public sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.Property(a => a.Code).HasMaxLength(20).IsRequired();
        builder.Property(a => a.Name).HasMaxLength(100).IsRequired();
        builder.HasIndex(a => new { a.OrganizationId, a.Code }).IsUnique();
    }
}

public sealed class PaymentTermConfiguration : IEntityTypeConfiguration<PaymentTerm>
{
    public void Configure(EntityTypeBuilder<PaymentTerm> builder) =>
        builder.Property(t => t.Name).HasMaxLength(100).IsRequired();
}

public sealed class CarrierConfiguration : IEntityTypeConfiguration<Carrier>
{
    public void Configure(EntityTypeBuilder<Carrier> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100).IsRequired();
        builder.Property(c => c.TrackingUrlTemplate).HasMaxLength(500);
    }
}

public sealed class SalesRepresentativeConfiguration : IEntityTypeConfiguration<SalesRepresentative>
{
    public void Configure(EntityTypeBuilder<SalesRepresentative> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Email).HasMaxLength(256);
    }
}

public sealed class PriceTierNameConfiguration : IEntityTypeConfiguration<PriceTierName>
{
    public void Configure(EntityTypeBuilder<PriceTierName> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(50).IsRequired();
        builder.HasIndex(t => new { t.OrganizationId, t.Tier }).IsUnique();
    }
}

public sealed class OrganizationSalesSettingsConfiguration : IEntityTypeConfiguration<OrganizationSalesSettings>
{
    public void Configure(EntityTypeBuilder<OrganizationSalesSettings> builder)
    {
        builder.HasIndex(s => s.OrganizationId).IsUnique();
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.DefaultSalesAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TaxRule>().WithMany().HasForeignKey(s => s.DefaultSaleTaxRuleId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InvoiceSequenceConfiguration : IEntityTypeConfiguration<InvoiceSequence>
{
    public void Configure(EntityTypeBuilder<InvoiceSequence> builder) =>
        builder.HasIndex(s => s.OrganizationId).IsUnique();
}
