using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Integrations;

namespace Portal.Data.Configurations;

public sealed class ConnectedStoreConfiguration : IEntityTypeConfiguration<ConnectedStore>
{
    public void Configure(EntityTypeBuilder<ConnectedStore> builder)
    {
        builder.Property(s => s.PublicKey).HasMaxLength(32).IsRequired();
        builder.HasIndex(s => s.PublicKey).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(100).IsRequired();
        builder.Property(s => s.Url).HasMaxLength(400).IsRequired();
        builder.Property(s => s.NormalizedUrl).HasMaxLength(400).IsRequired();
        // Across organizations: one store feeds one organization.
        builder.HasIndex(s => s.NormalizedUrl).IsUnique();
        builder.Property(s => s.ProtectedConsumerKey).HasMaxLength(1000).IsRequired();
        builder.Property(s => s.ProtectedConsumerSecret).HasMaxLength(1000).IsRequired();
        builder.Property(s => s.ConsumerKeyHint).HasMaxLength(20).IsRequired();
        builder.Property(s => s.KeyPermission).HasMaxLength(20).IsRequired();
        builder.Property(s => s.Currency).HasMaxLength(3).IsRequired();
        builder.Property(s => s.TimeZone).HasMaxLength(64).IsRequired();
        builder.Property(s => s.WordPressVersion).HasMaxLength(40).IsRequired();
        builder.Property(s => s.WooCommerceVersion).HasMaxLength(40).IsRequired();
        builder.Property(s => s.ProtectedWebhookSecret).HasMaxLength(1000).IsRequired();
        builder.Property(s => s.WebhookIds).HasMaxLength(200).IsRequired();
        builder.Property(s => s.WebhookProblem).HasMaxLength(1000);
        builder.Property(s => s.StockPushError).HasMaxLength(1000);
        builder.HasIndex(s => s.Status);
        builder.Property(s => s.ConnectionMethod).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
    }
}

public sealed class PendingStoreAuthorizationConfiguration : IEntityTypeConfiguration<PendingStoreAuthorization>
{
    public void Configure(EntityTypeBuilder<PendingStoreAuthorization> builder)
    {
        builder.Property(p => p.State).HasMaxLength(64).IsRequired();
        builder.HasIndex(p => p.State).IsUnique();
        builder.Property(p => p.StoreName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.Url).HasMaxLength(400).IsRequired();
        builder.Property(p => p.NormalizedUrl).HasMaxLength(400).IsRequired();
        builder.Property(p => p.CreatedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(p => p.ProtectedConsumerKey).HasMaxLength(1000);
        builder.Property(p => p.ProtectedConsumerSecret).HasMaxLength(1000);
        builder.Property(p => p.KeyPermission).HasMaxLength(20);
    }
}

public sealed class WebhookInboxEntryConfiguration : IEntityTypeConfiguration<WebhookInboxEntry>
{
    public void Configure(EntityTypeBuilder<WebhookInboxEntry> builder)
    {
        builder.ToTable("WebhookInbox");
        builder.Property(w => w.DeliveryId).HasMaxLength(64).IsRequired();
        builder.Property(w => w.Topic).HasMaxLength(64).IsRequired();
        builder.Property(w => w.ResourceId).HasMaxLength(40);
        builder.Property(w => w.Body).IsRequired();
        builder.HasOne<ConnectedStore>().WithMany().HasForeignKey(w => w.StoreId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(w => new { w.StoreId, w.DeliveryId }).IsUnique();
        builder.Property(w => w.ClaimedBy).HasMaxLength(100);
        builder.Property(w => w.LastError).HasMaxLength(2000);
        // The drain's look-up: rows not processed yet, oldest first.
        builder.HasIndex(w => new { w.ProcessedAtUtc, w.Id });
    }
}

public sealed class StoreActivityConfiguration : IEntityTypeConfiguration<StoreActivity>
{
    public void Configure(EntityTypeBuilder<StoreActivity> builder)
    {
        builder.ToTable("StoreActivity");
        builder.Property(a => a.Method).HasMaxLength(10).IsRequired();
        builder.Property(a => a.Path).HasMaxLength(1000).IsRequired();
        builder.Property(a => a.ErrorKind).HasMaxLength(40);
        builder.Property(a => a.Subject).HasMaxLength(200);
        builder.HasOne<ConnectedStore>().WithMany().HasForeignKey(a => a.StoreId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.StoreId, a.AtUtc });
    }
}

public sealed class StoreProductLinkConfiguration : IEntityTypeConfiguration<StoreProductLink>
{
    public void Configure(EntityTypeBuilder<StoreProductLink> builder)
    {
        builder.Property(l => l.Sku).HasMaxLength(100).IsRequired();
        builder.HasOne<ConnectedStore>().WithMany().HasForeignKey(l => l.StoreId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Portal.Domain.Catalog.Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.StoreId, l.WooProductId, l.WooVariationId }).IsUnique();
        builder.HasIndex(l => l.ProductId);
    }
}

public sealed class CatalogOperationConfiguration : IEntityTypeConfiguration<CatalogOperation>
{
    public void Configure(EntityTypeBuilder<CatalogOperation> builder)
    {
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.RequestedBy).HasMaxLength(256).IsRequired();
        builder.Property(o => o.Phase).HasMaxLength(200).IsRequired();
        builder.Property(o => o.Error).HasMaxLength(2000);
        builder.HasOne<ConnectedStore>().WithMany().HasForeignKey(o => o.StoreId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.StoreId, o.Status });
    }
}

public sealed class StockChangeAcknowledgementConfiguration : IEntityTypeConfiguration<StockChangeAcknowledgement>
{
    public void Configure(EntityTypeBuilder<StockChangeAcknowledgement> builder)
    {
        builder.HasKey(a => new { a.StoreId, a.StockChangeId });
        builder.HasOne<ConnectedStore>().WithMany().HasForeignKey(a => a.StoreId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key to the marker, which must never block a stock change; acknowledgements go with their marker.
        builder.HasIndex(a => a.StockChangeId);
    }
}
