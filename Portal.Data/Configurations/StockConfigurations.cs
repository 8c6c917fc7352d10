using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Conventions;
using Portal.Domain.Catalog;
using Portal.Domain.Sales;
using Portal.Domain.Stock;

namespace Portal.Data.Configurations;

public sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> builder)
    {
        builder.Property(l => l.Name).HasMaxLength(100).IsRequired();
        builder.HasCaseInsensitiveUniqueKey(nameof(Location.Name), 100);
    }
}

public sealed class StockBalanceConfiguration : IEntityTypeConfiguration<StockBalance>
{
    public void Configure(EntityTypeBuilder<StockBalance> builder)
    {
        // Set anew by every change (SQLite has no rowversion): of two writers that read the same row, the second fails.
        builder.Property(b => b.Version).IsConcurrencyToken();

        // Two writers opening the same balance at once: the second insert fails here instead of doubling the row.
        builder.HasIndex(b => new { b.OrganizationId, b.ProductId, b.LocationId }).IsUnique();
        builder.HasOne<Product>().WithMany().HasForeignKey(b => b.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(b => b.LocationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> builder)
    {
        builder.Property(m => m.Reason).HasMaxLength(500);
        builder.Property(m => m.Reference).HasMaxLength(100);
        builder.HasIndex(m => new { m.OrganizationId, m.ProductId, m.LocationId, m.OccurredAt });
        builder.HasOne<Product>().WithMany().HasForeignKey(m => m.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(m => m.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Sale>().WithMany().HasForeignKey(m => m.SaleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Assembly).WithMany().HasForeignKey(m => m.AssemblyId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class StockAllocationConfiguration : IEntityTypeConfiguration<StockAllocation>
{
    public void Configure(EntityTypeBuilder<StockAllocation> builder)
    {
        // One row per source, product and location; SourceId is a sale or a pending order, so it has no foreign key.
        builder.HasIndex(a => new { a.OrganizationId, a.Source, a.SourceId, a.ProductId, a.LocationId }).IsUnique();

        // Availability sums allocations per product and location.
        builder.HasIndex(a => new { a.OrganizationId, a.ProductId, a.LocationId });
        builder.HasOne<Product>().WithMany().HasForeignKey(a => a.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(a => a.LocationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class StockChangeConfiguration : IEntityTypeConfiguration<StockChange>
{
    public void Configure(EntityTypeBuilder<StockChange> builder)
    {
        // No foreign key: a marker is consumed and deleted by stock sync and must never block anything.
        builder.HasIndex(c => new { c.OrganizationId, c.Id });
    }
}
