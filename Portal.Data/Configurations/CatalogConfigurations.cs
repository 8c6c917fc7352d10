using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Conventions;
using Portal.Domain.Catalog;
using Portal.Domain.Reference;

namespace Portal.Data.Configurations;

public sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.Property(p => p.Sku).HasMaxLength(ProductRules.MaxSkuLength).IsRequired();
        builder.Property(p => p.Name).HasMaxLength(ProductRules.MaxNameLength).IsRequired();
        builder.HasCaseInsensitiveUniqueKey(nameof(Product.Sku), ProductRules.MaxSkuLength);
        builder.HasCaseInsensitiveUniqueKey(nameof(Product.Name), ProductRules.MaxNameLength);
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.Property(p => p.Option1Value).HasMaxLength(100);
        builder.Property(p => p.Option2Value).HasMaxLength(100);
        builder.Property(p => p.Option3Value).HasMaxLength(100);

        // A JSON array column on both providers: tags are shown and searched with the product, never joined.
        builder.PrimitiveCollection(p => p.Tags);

        builder.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Brand).WithMany().HasForeignKey(p => p.BrandId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TaxRule>().WithMany().HasForeignKey(p => p.SaleTaxRuleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Family).WithMany(f => f.Variants).HasForeignKey(p => p.FamilyId)
            .OnDelete(DeleteBehavior.Restrict);

        builder.OwnsMany(p => p.Prices, b =>
        {
            b.StoredAsRows("ProductPrices", "ProductId");
            b.HasIndex("ProductId", nameof(ProductPrice.Tier));
        });
        builder.Navigation(p => p.Prices).HasField("_prices");

        builder.OwnsMany(p => p.Images, b =>
        {
            b.StoredAsRows("ProductImages", "ProductId");
            b.Property(i => i.Url).HasMaxLength(2000).IsRequired();
        });
        builder.Navigation(p => p.Images).HasField("_images");

        builder.OwnsMany(p => p.CustomFields, b =>
        {
            b.StoredAsRows("ProductCustomFields", "ProductId");
            b.Property(f => f.Name).HasMaxLength(100).IsRequired();
            b.Property(f => f.Value).HasMaxLength(1000);
        });
        builder.Navigation(p => p.CustomFields).HasField("_customFields");

        builder.OwnsMany(p => p.BillOfMaterials, b =>
        {
            b.StoredAsRows("BomLines", "ProductId");
            b.HasOne<Product>().WithMany().HasForeignKey(l => l.ComponentProductId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Navigation(p => p.BillOfMaterials).HasField("_billOfMaterials");
    }
}

public sealed class ProductFamilyConfiguration : IEntityTypeConfiguration<ProductFamily>
{
    public void Configure(EntityTypeBuilder<ProductFamily> builder)
    {
        builder.Property(f => f.Name).HasMaxLength(ProductRules.MaxNameLength).IsRequired();
        builder.Property(f => f.Option1Name).HasMaxLength(100);
        builder.Property(f => f.Option2Name).HasMaxLength(100);
        builder.Property(f => f.Option3Name).HasMaxLength(100);
        builder.HasCaseInsensitiveUniqueKey(nameof(ProductFamily.Name), ProductRules.MaxNameLength);
    }
}

public sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100).IsRequired();
        builder.HasCaseInsensitiveUniqueKey(nameof(Category.Name), 100);
    }
}

public sealed class BrandConfiguration : IEntityTypeConfiguration<Brand>
{
    public void Configure(EntityTypeBuilder<Brand> builder)
    {
        builder.Property(b => b.Name).HasMaxLength(100).IsRequired();
        builder.HasCaseInsensitiveUniqueKey(nameof(Brand.Name), 100);
    }
}
