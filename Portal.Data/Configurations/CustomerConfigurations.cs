using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Customers;
using Portal.Domain.Reference;

namespace Portal.Data.Configurations;

public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(255).IsRequired();
        builder.Property(c => c.Contact).HasMaxLength(255);
        builder.Property(c => c.Phone).HasMaxLength(50);
        builder.Property(c => c.Email).HasMaxLength(256);
        builder.Property(c => c.Company).HasMaxLength(255);
        builder.ComplexProperty(c => c.BillingAddress, AddressMapping.Configure);
        builder.ComplexProperty(c => c.ShippingAddress, AddressMapping.Configure);
        builder.ComplexProperty(c => c.BusinessAddress, AddressMapping.Configure);
        builder.HasIndex(c => new { c.OrganizationId, c.Name });
        builder.HasOne<PaymentTerm>().WithMany().HasForeignKey(c => c.PaymentTermId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TaxRule>().WithMany().HasForeignKey(c => c.TaxRuleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SalesRepresentative>().WithMany().HasForeignKey(c => c.SalesRepresentativeId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CustomerCreditEntryConfiguration : IEntityTypeConfiguration<CustomerCreditEntry>
{
    public void Configure(EntityTypeBuilder<CustomerCreditEntry> builder)
    {
        builder.Property(e => e.Description).HasMaxLength(255).IsRequired();
        // The balance is a sum over a customer's entries; a sale's entries show where its credit came from or went.
        builder.HasIndex(e => new { e.OrganizationId, e.CustomerId });
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Portal.Domain.Sales.Sale>().WithMany().HasForeignKey(e => e.SaleId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>An address is columns of its owner (BillingAddress_City, …), never a row of its own.</summary>
internal static class AddressMapping
{
    public static void Configure(ComplexPropertyBuilder<Address> address)
    {
        address.Property(a => a.Line1).HasMaxLength(255);
        address.Property(a => a.Line2).HasMaxLength(255);
        address.Property(a => a.City).HasMaxLength(100);
        address.Property(a => a.State).HasMaxLength(100);
        address.Property(a => a.Postcode).HasMaxLength(20);
        address.Property(a => a.Country).HasMaxLength(100);
    }
}
