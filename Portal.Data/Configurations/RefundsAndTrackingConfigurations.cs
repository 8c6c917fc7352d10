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

public sealed class StoreRefundConfiguration : IEntityTypeConfiguration<StoreRefund>
{
    public void Configure(EntityTypeBuilder<StoreRefund> builder)
    {
        builder.ToTable("StoreRefunds");
        builder.HasOne<ConnectedStore>().WithMany().HasForeignKey(r => r.StoreId).OnDelete(DeleteBehavior.Cascade);
        // Each WooCommerce refund once, however often it is seen.
        builder.HasIndex(r => new { r.StoreId, r.WooRefundId }).IsUnique();
        builder.HasIndex(r => new { r.StoreId, r.WooOrderId });
        builder.HasIndex(r => r.Status);
        builder.Property(r => r.RefundJson).IsRequired();
        builder.Property(r => r.OrderJson).IsRequired();
        builder.Property(r => r.Note).HasMaxLength(1000);
    }
}
