using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Integrations;
using Portal.Domain.Orders;

namespace Portal.Data.Configurations;

public sealed class PendingOrderConfiguration : IEntityTypeConfiguration<PendingOrder>
{
    public void Configure(EntityTypeBuilder<PendingOrder> builder)
    {
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasOne<ConnectedStore>().WithMany().HasForeignKey(o => o.StoreId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.StoreId, o.WooOrderId }).IsUnique();
        builder.HasIndex(o => new { o.StoreId, o.Status });
        // Every drain run looks for orders waiting for a tax mapping across stores: without it, a scan of every
        // pending order (with its JSON) each time a delivery arrives.
        builder.HasIndex(o => o.Status);
        builder.Property(o => o.OrderNumber).HasMaxLength(100).IsRequired();
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Problem).HasMaxLength(1000);
        builder.Property(o => o.WooStatus).HasMaxLength(40).IsRequired();
        builder.Property(o => o.Currency).HasMaxLength(3).IsRequired();
        builder.Property(o => o.CustomerName).HasMaxLength(255);
        builder.Property(o => o.Company).HasMaxLength(255);
        builder.Property(o => o.Email).HasMaxLength(256);
        builder.Property(o => o.Phone).HasMaxLength(50);
        builder.Property(o => o.CustomerNote).HasMaxLength(4000);
        builder.Property(o => o.PaymentMethod).HasMaxLength(100);
        builder.Property(o => o.OrderJson).IsRequired();
        builder.ComplexProperty(o => o.BillingAddress, AddressMapping.Configure);
        builder.ComplexProperty(o => o.ShippingAddress, AddressMapping.Configure);

        builder.OwnsMany(o => o.Lines, b =>
        {
            b.StoredAsRows("PendingOrderLines", "PendingOrderId");
            b.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
            b.Property(l => l.Sku).HasMaxLength(100);
            b.Property(l => l.Name).HasMaxLength(400).IsRequired();
            b.Property(l => l.TaxClass).HasMaxLength(100);
            b.OwnsMany(l => l.Taxes, t => t.StoredAsRows("PendingOrderLineTaxes", "PendingOrderLineId"));
        });
        builder.Navigation(o => o.Lines).HasField("_lines");
        builder.OwnsMany(o => o.Payments, b =>
        {
            b.StoredAsRows("PendingOrderPayments", "PendingOrderId");
            b.Property(p => p.Method).HasMaxLength(100);
            b.Property(p => p.MethodTitle).HasMaxLength(200);
            b.Property(p => p.TransactionId).HasMaxLength(200);
        });
        builder.Navigation(o => o.Payments).HasField("_payments");
        builder.OwnsMany(o => o.Coupons, b =>
        {
            b.StoredAsRows("PendingOrderCoupons", "PendingOrderId");
            b.Property(c => c.Code).HasMaxLength(200).IsRequired();
        });
        builder.Navigation(o => o.Coupons).HasField("_coupons");
    }
}

public sealed class OrderLogEntryConfiguration : IEntityTypeConfiguration<OrderLogEntry>
{
    public void Configure(EntityTypeBuilder<OrderLogEntry> builder)
    {
        builder.ToTable("OrderLog");
        builder.HasOne<ConnectedStore>().WithMany().HasForeignKey(e => e.StoreId).OnDelete(DeleteBehavior.Cascade);
        // What identifies a captured order: never the order number, which plugins rewrite.
        builder.HasIndex(e => new { e.StoreId, e.WooOrderId }).IsUnique();
        // The Log page: by status and an order number prefix, and by date; newest first. The organization leads, as
        // every query filters by it: the count and the page's ids are then read from the index alone.
        builder.HasIndex(e => new { e.OrganizationId, e.StoreId, e.Status, e.OrderNumber });
        builder.HasIndex(e => new { e.StoreId, e.OrderNumber });
        builder.HasIndex(e => new { e.StoreId, e.OrderedAtUtc });
        builder.Property(e => e.OrderNumber).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.WooStatus).HasMaxLength(40).IsRequired();
        builder.Property(e => e.CustomerName).HasMaxLength(255);
        builder.Property(e => e.ChangesAfterCapture).HasMaxLength(OrderLogEntry.MaxChanges);
        builder.Property(e => e.Note).HasMaxLength(500);
    }
}

public sealed class StoreConsolidationRunConfiguration : IEntityTypeConfiguration<StoreConsolidationRun>
{
    public void Configure(EntityTypeBuilder<StoreConsolidationRun> builder)
    {
        builder.HasOne<ConnectedStore>().WithMany().HasForeignKey(r => r.StoreId).OnDelete(DeleteBehavior.Cascade);
        // A store's day is consolidated once: a repeated or concurrent run fails on this key and makes nothing.
        builder.HasIndex(r => new { r.StoreId, r.LocalDate }).IsUnique();
    }
}
