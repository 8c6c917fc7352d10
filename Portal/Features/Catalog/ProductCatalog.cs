using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Conventions;
using Portal.Data.Tenancy;
using Portal.Domain;
using Portal.Domain.Catalog;
using Portal.Domain.Organizations;
using Portal.Features.Common;

namespace Portal.Features.Catalog;

/// <summary>Everything the product edit page sets on a product (not its family: see <see cref="ProductCatalog.CreateFamilyAsync"/>).</summary>
public sealed record ProductInput
{
    public required string? Sku { get; init; }
    public required string? Name { get; init; }
    public ProductType Type { get; init; } = ProductType.Stock;
    public int? CategoryId { get; init; }
    public int? BrandId { get; init; }
    public IReadOnlyList<string?> Tags { get; init; } = [];
    public string? Description { get; init; }
    public decimal? Weight { get; init; }
    public decimal? Width { get; init; }
    public decimal? Height { get; init; }
    public decimal? Length { get; init; }
    public int? SaleTaxRuleId { get; init; }

    /// <summary>Quantities of it may be fractional (off: whole numbers only, see <see cref="Product.SoldInFractions"/>).</summary>
    public bool SoldInFractions { get; init; }

    /// <summary>Tier (1–10) → price; a tier left out has no price.</summary>
    public IReadOnlyDictionary<int, decimal> Prices { get; init; } = new Dictionary<int, decimal>();

    public IReadOnlyList<string?> Images { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string?>> CustomFields { get; init; } = [];
    public IReadOnlyList<(int ComponentProductId, decimal Quantity)> BillOfMaterials { get; init; } = [];
}

public sealed record VariantInput(string? Sku, IReadOnlyList<string?> OptionValues);

/// <summary>What each variant of a family starts with: the family's price per tier, category and tax rule.</summary>
public sealed record VariantDefaults(IReadOnlyDictionary<int, decimal> Prices, int? CategoryId, int? SaleTaxRuleId)
{
    /// <summary>A new variant starts as its siblings are.</summary>
    public static VariantDefaults Of(Product sibling) => new(
        sibling.Prices.ToDictionary(p => p.Tier, p => p.Price), sibling.CategoryId, sibling.SaleTaxRuleId);

    public void ApplyTo(Product variant)
    {
        variant.CategoryId = CategoryId;
        variant.SaleTaxRuleId = SaleTaxRuleId;
        foreach (var (tier, price) in Prices)
        {
            variant.SetPrice(tier, price);
        }
    }
}

/// <summary>
/// Creates and edits products and families. SKU and name are unique per organization regardless of case; a clash
/// comes back as the domain's DuplicateSku / DuplicateName field error, whether found by the check before saving or
/// by the unique index when two users save at once.
/// </summary>
public sealed class ProductCatalog(UnitOfWork unitOfWork)
{
    /// <summary>The field a refused bill of materials is reported against.</summary>
    public const string BillOfMaterialsField = nameof(Product.BillOfMaterials);

    public Task<OperationResult<int>> CreateAsync(
        ITenantContext tenant, ProductInput input, CancellationToken ct = default, SubmissionToken? submission = null) =>
        Save(tenant, async (db, organizationId, token) =>
        {
            var product = Product.Create(organizationId, input.Sku, input.Name, input.Type);
            db.Products.Add(product);
            await ApplyAsync(db, product, input, token);
            return product;
        }, ct, submission);

    /// <summary>
    /// Saves the product's fields; with <paramref name="expectedVersion"/> (the version the page showed) only if no one
    /// else saved it since — otherwise refused with <see cref="EditConflictException"/>, nothing changed.
    /// </summary>
    public Task<OperationResult<int>> UpdateAsync(
        ITenantContext tenant, int productId, ProductInput input, CancellationToken ct = default, Guid? expectedVersion = null) =>
        Save(tenant, async (db, _, token) =>
        {
            var product = await db.Products.FirstOrDefaultAsync(p => p.Id == productId, token)
                ?? throw new DomainException($"Product {productId} does not exist.");
            RowVersions.SaveUnder(db, product, expectedVersion, "product");
            product.ChangeSku(input.Sku);
            if (product.FamilyId is null)
            {
                product.Rename(input.Name);
            }

            if (input.Type == ProductType.Stock)
            {
                product.ChangeType(ProductType.Stock);
            }

            // A product becoming a service loses its components first; the domain refuses a service with some.
            await ApplyAsync(db, product, input, token);
            product.ChangeType(input.Type);
            return product;
        }, ct);

    /// <summary>Creates a family with its variants (each a stock product named "Family - value / value").</summary>
    public Task<OperationResult<int>> CreateFamilyAsync(
        ITenantContext tenant, string? name, IReadOnlyList<string?> optionNames, IReadOnlyList<VariantInput> variants,
        CancellationToken ct = default, SubmissionToken? submission = null, VariantDefaults? defaults = null) =>
        unitOfWork.RunOnceAsync(tenant, submission, "Catalog.CreateFamily", Permissions.Administrator, "products", async (db, organizationId, token) =>
        {
            if (defaults is not null)
            {
                await CheckReferencesAsync(db, defaults.CategoryId, null, defaults.SaleTaxRuleId, token);
            }

            var family = ProductFamily.Create(organizationId, name, optionNames);
            foreach (var variant in variants)
            {
                var product = family.AddVariant(variant.Sku, variant.OptionValues);
                defaults?.ApplyTo(product);
            }

            db.ProductFamilies.Add(family);
            await SaveCheckedAsync(db, family.Variants, token);
            return family.Id;
        }, ct);

    /// <summary>Adds a variant to the family; a second submit of the same form answers the first variant.</summary>
    public Task<OperationResult<int>> AddVariantAsync(
        ITenantContext tenant, int familyId, VariantInput variant, CancellationToken ct = default, SubmissionToken? submission = null) =>
        unitOfWork.RunOnceAsync(tenant, submission, "Catalog.AddVariant", Permissions.Administrator, "products", async (db, _, token) =>
        {
            var family = await db.ProductFamilies.Include(f => f.Variants).FirstOrDefaultAsync(f => f.Id == familyId, token)
                ?? throw new DomainException($"Family {familyId} does not exist.");
            var sibling = family.Variants.OrderBy(v => v.Id).FirstOrDefault();
            var product = family.AddVariant(variant.Sku, variant.OptionValues);
            if (sibling is not null)
            {
                VariantDefaults.Of(sibling).ApplyTo(product);
            }

            await SaveCheckedAsync(db, [product], token);
            return product.Id;
        }, ct);

    private Task<OperationResult<int>> Save(
        ITenantContext tenant, Func<PortalDbContext, int, CancellationToken, Task<Product>> edit, CancellationToken ct,
        SubmissionToken? submission = null) =>
        unitOfWork.RunOnceAsync(tenant, submission, "Catalog.CreateProduct", Permissions.Administrator, "products", async (db, organizationId, token) =>
        {
            var product = await edit(db, organizationId, token);
            await SaveCheckedAsync(db, [product], token);
            return product.Id;
        }, ct);

    /// <summary>Foreign keys prove a row exists, not that it is this organization's: each is looked up through the filter.</summary>
    private static async Task CheckReferencesAsync(PortalDbContext db, int? categoryId, int? brandId, int? taxRuleId, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        if (categoryId is { } category && !await db.Categories.AnyAsync(c => c.Id == category, ct))
        {
            errors.Add(new ValidationError(nameof(Product.Category), "The category does not exist."));
        }

        if (brandId is { } brand && !await db.Brands.AnyAsync(b => b.Id == brand, ct))
        {
            errors.Add(new ValidationError(nameof(Product.Brand), "The brand does not exist."));
        }

        if (taxRuleId is { } rule && !await db.TaxRules.AnyAsync(t => t.Id == rule, ct))
        {
            errors.Add(new ValidationError(nameof(Product.SaleTaxRuleId), "The tax rule does not exist."));
        }

        DomainValidationException.ThrowIfAny(errors);
    }

    private static async Task ApplyAsync(PortalDbContext db, Product product, ProductInput input, CancellationToken ct)
    {
        await CheckReferencesAsync(db, input.CategoryId, input.BrandId, input.SaleTaxRuleId, ct);
        // Fractions switched off while a fraction is on hand would leave it there for good: whole movements can never
        // take it off. The merchant counts it to a whole number first.
        if (product.SoldInFractions && !input.SoldInFractions && product.Id > 0)
        {
            var onHand = await db.StockBalances.Where(b => b.ProductId == product.Id).Select(b => b.OnHand).ToListAsync(ct);
            if (onHand.Any(q => !WholeQuantities.IsWhole(q)))
            {
                throw new DomainValidationException([new ValidationError(nameof(Product.SoldInFractions),
                    "A fraction of this product is on hand: adjust its stock to whole numbers before it is sold in whole numbers only.")]);
            }
        }

        product.CategoryId = input.CategoryId;
        product.SoldInFractions = input.SoldInFractions;
        product.BrandId = input.BrandId;
        product.SaleTaxRuleId = input.SaleTaxRuleId;
        product.Description = input.Description;
        product.SetTags(input.Tags);
        product.SetDimensions(input.Weight, input.Width, input.Height, input.Length);
        for (var tier = 1; tier <= PriceTiers.Count; tier++)
        {
            product.SetPrice(tier, input.Prices.TryGetValue(tier, out var price) ? price : null);
        }

        product.SetImages(input.Images);
        product.SetCustomFields(input.CustomFields);

        // Cycle detection needs the components and every assembled product they could lead back through.
        var componentIds = input.BillOfMaterials.Select(b => b.ComponentProductId).ToList();
        var related = await db.Products.AsNoTracking()
            .Where(p => componentIds.Contains(p.Id) || p.BillOfMaterials.Any())
            .ToDictionaryAsync(p => p.Id, ct);
        if (componentIds.FirstOrDefault(id => !related.ContainsKey(id)) is var missing and not 0)
        {
            throw new DomainValidationException([new ValidationError(BillOfMaterialsField, $"Component product {missing} does not exist.")]);
        }

        try
        {
            product.SetBillOfMaterials(input.BillOfMaterials, related);
        }
        catch (DomainException ex) when (ex is not DomainValidationException)
        {
            // A cycle, a self-reference, a repeated or non-positive line: shown next to the bill of materials.
            throw new DomainValidationException([new ValidationError(BillOfMaterialsField, ex.Message)]);
        }
    }

    /// <summary>Refuses a SKU or name another product has (any case), then saves; the unique index covers races.</summary>
    private static async Task SaveCheckedAsync(PortalDbContext db, IReadOnlyList<Product> products, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        foreach (var product in products)
        {
            var sku = CaseInsensitiveKey.Normalize(product.Sku);
            var name = CaseInsensitiveKey.Normalize(product.Name);
            var others = db.Products.AsNoTracking().Where(p => p.Id != product.Id);
            if (await others.AnyAsync(p => EF.Property<string>(p, "SkuKey") == sku, ct))
            {
                errors.Add(ProductRules.DuplicateSku(product.Sku));
            }

            if (await others.AnyAsync(p => EF.Property<string>(p, "NameKey") == name, ct))
            {
                errors.Add(ProductRules.DuplicateName(product.Name));
            }
        }

        DomainValidationException.ThrowIfAny(errors);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UnitOfWork.IsUniqueViolation(ex))
        {
            var message = ex.InnerException?.Message ?? "";
            var product = products[0];
            throw new DomainValidationException(message.Contains("SkuKey", StringComparison.Ordinal)
                ? [ProductRules.DuplicateSku(product.Sku)]
                : message.Contains("NameKey", StringComparison.Ordinal)
                    ? [ProductRules.DuplicateName(product.Name)]
                    : throw new DomainException("Another row with the same name already exists."));
        }
    }
}
