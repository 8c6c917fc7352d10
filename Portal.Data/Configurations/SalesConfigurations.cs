using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Reference;
using Portal.Domain.Sales;
using Portal.Domain.Stock;

namespace Portal.Data.Configurations;

public sealed class SaleConfiguration : IEntityTypeConfiguration<Sale>
{
    public void Configure(EntityTypeBuilder<Sale> builder)
    {
        // Every step sets a new Version: two users acting on one sale at once cannot both win.
        builder.Property(s => s.Version).IsConcurrencyToken();

        builder.Property(s => s.StoreOrderNumber).HasMaxLength(100);
        builder.Property(s => s.Contact).HasMaxLength(255);
        builder.Property(s => s.Phone).HasMaxLength(50);
        builder.Property(s => s.Email).HasMaxLength(256);
        builder.Property(s => s.Reference).HasMaxLength(100);
        builder.Property(s => s.ShipToCompany).HasMaxLength(255);
        builder.Property(s => s.ShipToContact).HasMaxLength(255);
        builder.Property(s => s.ShippingNotes).HasMaxLength(2000);
        builder.Property(s => s.Comments).HasMaxLength(4000);
        builder.Property(s => s.CarrierService).HasMaxLength(100);
        builder.Property(s => s.FulfilmentNote).HasMaxLength(2000);
        builder.Property(s => s.VoidReason).HasMaxLength(500);
        builder.Property(s => s.InvoiceNumber).HasMaxLength(20);
        builder.ComplexProperty(s => s.BillingAddress, AddressMapping.Configure);
        builder.ComplexProperty(s => s.ShippingAddress, AddressMapping.Configure);

        // Nullable columns: SQL Server gets "IS NOT NULL" filters by convention, SQLite allows many NULLs anyway.
        builder.HasIndex(s => new { s.OrganizationId, s.InvoiceNumber }).IsUnique();
        // Not unique: plugins rewrite order numbers. An order is identified by its WooCommerce id and the store's
        // address, which a reconnected store looks sales up by.
        builder.Property(s => s.StoreAddress).HasMaxLength(400);
        builder.HasIndex(s => new { s.OrganizationId, s.StoreId, s.StoreOrderNumber });
        // Unique: one sale per store order (a consolidated sale has no order id), whatever repeats or races.
        builder.HasIndex(s => new { s.OrganizationId, s.StoreAddress, s.WooOrderId }).IsUnique();
        builder.Property(s => s.StoreTotalsWarning).HasMaxLength(Sale.MaxTotalsWarning);
        builder.HasIndex(s => new { s.OrganizationId, s.Status, s.SaleDate });
        builder.HasIndex(s => new { s.OrganizationId, s.SaleDate });

        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(s => s.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Carrier>().WithMany().HasForeignKey(s => s.CarrierId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Carrier>().WithMany().HasForeignKey(s => s.ShipCarrierId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PaymentTerm>().WithMany().HasForeignKey(s => s.PaymentTermId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SalesRepresentative>().WithMany().HasForeignKey(s => s.SalesRepresentativeId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.RevenueAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TaxRule>().WithMany().HasForeignKey(s => s.TaxRuleId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.SaleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Charges).WithOne().HasForeignKey(c => c.SaleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Payments).WithOne().HasForeignKey(p => p.SaleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.TrackingNumbers).WithOne().HasForeignKey(t => t.SaleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Assemblies).WithOne().HasForeignKey(a => a.SaleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.CreditNotes).WithOne().HasForeignKey(c => c.SaleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.HeldPayments).WithOne().HasForeignKey(p => p.SaleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SaleHeldPaymentConfiguration : IEntityTypeConfiguration<SaleHeldPayment>
{
    public void Configure(EntityTypeBuilder<SaleHeldPayment> builder)
    {
        builder.Property(p => p.Reference).HasMaxLength(SaleHeldPayment.MaxReference);
        builder.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SaleLineConfiguration : IEntityTypeConfiguration<SaleLine>
{
    public void Configure(EntityTypeBuilder<SaleLine> builder)
    {
        builder.Property(l => l.Sku).HasMaxLength(ProductRules.MaxSkuLength);
        builder.Property(l => l.Name).HasMaxLength(ProductRules.MaxNameLength).IsRequired();
        builder.ComplexProperty(l => l.Tax);
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SaleChargeConfiguration : IEntityTypeConfiguration<SaleCharge>
{
    public void Configure(EntityTypeBuilder<SaleCharge> builder)
    {
        builder.Property(c => c.Description).HasMaxLength(255).IsRequired();
        builder.ComplexProperty(c => c.Tax);
    }
}

public sealed class SalePaymentConfiguration : IEntityTypeConfiguration<SalePayment>
{
    public void Configure(EntityTypeBuilder<SalePayment> builder)
    {
        builder.Property(p => p.Reference).HasMaxLength(100);
        builder.Property(p => p.ReversalReason).HasMaxLength(500);
        builder.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SaleTrackingNumberConfiguration : IEntityTypeConfiguration<SaleTrackingNumber>
{
    public void Configure(EntityTypeBuilder<SaleTrackingNumber> builder) =>
        builder.Property(t => t.Number).HasMaxLength(100).IsRequired();
}

public sealed class SaleAssemblyConfiguration : IEntityTypeConfiguration<SaleAssembly>
{
    public void Configure(EntityTypeBuilder<SaleAssembly> builder)
    {
        builder.Property(a => a.Sku).HasMaxLength(ProductRules.MaxSkuLength).IsRequired();
        builder.Property(a => a.DraftReason).HasMaxLength(2000);
        builder.HasOne<Product>().WithMany().HasForeignKey(a => a.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(a => a.Components, b =>
        {
            b.StoredAsRows("SaleAssemblyComponents", "SaleAssemblyId");
            b.Property(c => c.Sku).HasMaxLength(ProductRules.MaxSkuLength).IsRequired();
        });
    }
}

public sealed class CreditNoteConfiguration : IEntityTypeConfiguration<CreditNote>
{
    public void Configure(EntityTypeBuilder<CreditNote> builder)
    {
        builder.OwnsMany(c => c.Lines, b =>
        {
            b.StoredAsRows("CreditNoteLines", "CreditNoteId");
            b.Property(l => l.Description).HasMaxLength(255).IsRequired();
            b.OwnsOne(l => l.Tax);
            b.Navigation(l => l.Tax).IsRequired();
        });
        builder.OwnsMany(c => c.RestockLines, b =>
        {
            b.StoredAsRows("RestockLines", "CreditNoteId");
            b.Property(l => l.Sku).HasMaxLength(ProductRules.MaxSkuLength).IsRequired();
        });
        builder.Property(c => c.RefundReference).HasMaxLength(255);
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.RefundAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
