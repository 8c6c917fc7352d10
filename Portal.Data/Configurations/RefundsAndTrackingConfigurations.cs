using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Integrations;
using Portal.Domain.Sales;

namespace Portal.Data.Configurations;

public sealed class ShipmentTrackingExportConfiguration : IEntityTypeConfiguration<ShipmentTrackingExport>
{
    public void Configure(EntityTypeBuilder<ShipmentTrackingExport> builder)
    {
        builder.ToTable("ShipmentTrackingExports");
        builder.HasOne<ConnectedStore>().WithMany().HasForeignKey(e => e.StoreId).OnDelete(DeleteBehavior.Cascade);
        // Restrict: SQL Server refuses a second cascade path to the row; sales are voided, never deleted.
        builder.HasOne<Sale>().WithMany().HasForeignKey(e => e.SaleId).OnDelete(DeleteBehavior.Restrict);
        // One row per sale: a repeat re-queues it, so an order never gets a second set of tracking meta.
        builder.HasIndex(e => e.SaleId).IsUnique();
        builder.Property(e => e.ClaimedBy).HasMaxLength(100);
        builder.Property(e => e.Note).HasMaxLength(500);
        builder.Property(e => e.LastError).HasMaxLength(2000);
        // The sender's look-up: pending rows due first.
        builder.HasIndex(e => new { e.Status, e.NextAttemptAtUtc });
    }
}
