using Portal.Domain.Organizations;

namespace Portal.Domain.Catalog;

public enum ProductType
{
    /// <summary>Held in stock: has balances, is allocated, picked and synced.</summary>
    Stock = 1,

    /// <summary>Sold but never stocked (labour, shipping, a fee).</summary>
    Service = 2,
}

public class Product : IOrganizationOwned, IVersioned
{
    public const int MaxCustomFields = 10;

    private readonly List<ProductPrice> _prices = [];
    private readonly List<ProductImage> _images = [];
    private readonly List<ProductCustomField> _customFields = [];
    private readonly List<BomLine> _billOfMaterials = [];

    private Product()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid Version { get; private set; }
    public string Sku { get; private set; } = "";
    public string Name { get; private set; } = "";
    public ProductType Type { get; private set; }
    public int? CategoryId { get; set; }
    public Category? Category { get; set; }
    public int? BrandId { get; set; }
    public Brand? Brand { get; set; }
    public List<string> Tags { get; private set; } = [];
    public string? Description { get; set; }
    public decimal? Weight { get; private set; }
    public decimal? Width { get; private set; }
    public decimal? Height { get; private set; }
    public decimal? Length { get; private set; }
    public int? SaleTaxRuleId { get; set; }

    /// <summary>
    /// Sold and counted in fractions (metres, kilograms); off, every quantity of it is a whole number, and a
    /// fractional one is refused wherever it is entered (<see cref="CheckQuantity"/>, the stock ledger).
    /// </summary>
    public bool SoldInFractions { get; set; }

    public int? FamilyId { get; private set; }
    public ProductFamily? Family { get; private set; }
    public string? Option1Value { get; private set; }
    public string? Option2Value { get; private set; }
    public string? Option3Value { get; private set; }

    public IReadOnlyList<ProductPrice> Prices => _prices;
    public IReadOnlyList<ProductImage> Images => _images;
    public IReadOnlyList<ProductCustomField> CustomFields => _customFields;
    public IReadOnlyList<BomLine> BillOfMaterials => _billOfMaterials;

    /// <summary>Built from components: a sale of it can be assembled automatically.</summary>
    public bool IsAssembled => _billOfMaterials.Count > 0;

    /// <summary>"SKU – Name", for messages that must name the product unambiguously.</summary>
    public string Label => $"{Sku} – {Name}";

    public static Product Create(int organizationId, string? sku, string? name, ProductType type = ProductType.Stock)
    {
        DomainValidationException.ThrowIfAny(ProductRules.Validate(sku, name));
        return new Product
        {
            OrganizationId = organizationId,
            Sku = sku!.Trim(),
            Name = name!.Trim(),
            Type = type,
        };
    }

    /// <summary>Refuses a fractional <paramref name="quantity"/> of a product not sold in fractions, on <paramref name="field"/>.</summary>
    public void CheckQuantity(decimal quantity, string field = "Quantity") =>
        WholeQuantities.Check(SoldInFractions, Label, quantity, field);

    public void ChangeSku(string? sku) => Sku = ProductRules.NormalizeSku(sku);

    public void Rename(string? name) => Name = ProductRules.NormalizeName(name);

    public void ChangeType(ProductType type)
    {
        if (type == ProductType.Service && IsAssembled)
        {
            throw new DomainException("A service cannot have a bill of materials; remove its components first.");
        }

        Type = type;
    }

    public void SetTags(IEnumerable<string?> tags) =>
        Tags = tags.Select(Names.Optional).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public void SetDimensions(decimal? weight, decimal? width, decimal? height, decimal? length)
    {
        var errors = new List<ValidationError>();
        CheckMeasure(weight, nameof(Weight), errors);
        CheckMeasure(width, nameof(Width), errors);
        CheckMeasure(height, nameof(Height), errors);
        CheckMeasure(length, nameof(Length), errors);
        DomainValidationException.ThrowIfAny(errors);
        (Weight, Width, Height, Length) = (weight, width, height, length);
    }

    public decimal? Price(int tier) => _prices.FirstOrDefault(p => p.Tier == PriceTiers.Check(tier))?.Price;

    /// <summary>Sets the price of one tier (1–10); null removes it.</summary>
    public void SetPrice(int tier, decimal? price)
    {
        PriceTiers.Check(tier);
        _prices.RemoveAll(p => p.Tier == tier);
        if (price is { } value)
        {
            if (value < 0)
            {
                throw new DomainValidationException([new ValidationError($"PriceTier{tier}", "A price cannot be negative.")]);
            }

            _prices.Add(new ProductPrice(tier, Amounts.Scaled(value, $"price tier {tier}")));
            _prices.Sort((a, b) => a.Tier.CompareTo(b.Tier));
        }
    }

    /// <summary>Replaces the images; the order given is the display order (the first is the main image).</summary>
    public void SetImages(IEnumerable<string?> urls)
    {
        var list = urls.Select(Names.Optional).OfType<string>().ToList();
        foreach (var url in list)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
            {
                throw new DomainValidationException([new ValidationError("Images", $"'{url}' is not an http(s) address.")]);
            }
        }

        _images.Clear();
        _images.AddRange(list.Select((url, index) => new ProductImage(index + 1, url)));
    }

    public void SetCustomFields(IEnumerable<KeyValuePair<string, string?>> fields)
    {
        var list = fields.Select(f => new ProductCustomField(f.Key.Trim(), Names.Optional(f.Value))).ToList();
        if (list.Count > MaxCustomFields)
        {
            throw new DomainValidationException(
                [new ValidationError("CustomFields", $"A product has at most {MaxCustomFields} custom fields.")]);
        }

        if (list.Any(f => f.Name.Length == 0) ||
            list.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != list.Count)
        {
            throw new DomainValidationException(
                [new ValidationError("CustomFields", "Each custom field needs a name of its own.")]);
        }

        _customFields.Clear();
        _customFields.AddRange(list);
    }

    /// <summary>
    /// Replaces the components. <paramref name="products"/> must hold each component (and, to find cycles, the
    /// components of components with their own bills of materials loaded).
    /// </summary>
    public void SetBillOfMaterials(
        IEnumerable<(int ComponentProductId, decimal Quantity)> components, IReadOnlyDictionary<int, Product> products)
    {
        var lines = components.ToList();
        if (lines.Count > 0 && Type != ProductType.Stock)
        {
            throw new DomainException("Only a stock product can be assembled from components.");
        }

        BomRules.Validate(this, lines, products);
        _billOfMaterials.Clear();
        _billOfMaterials.AddRange(lines.Select(l => new BomLine(l.ComponentProductId, l.Quantity)));
    }

    internal void JoinFamily(ProductFamily family, IReadOnlyList<string> values)
    {
        Family = family;
        FamilyId = family.Id > 0 ? family.Id : null;
        Option1Value = values.ElementAtOrDefault(0);
        Option2Value = values.ElementAtOrDefault(1);
        Option3Value = values.ElementAtOrDefault(2);
        Name = family.NamedByStore ? StoreVariantNaming.Name(family.Name, values) : VariantNaming.Name(family.Name, values);
    }

    internal IReadOnlyList<string> OptionValues =>
        new[] { Option1Value, Option2Value, Option3Value }.OfType<string>().ToList();

    internal void RenameAsVariant(string familyName) => Name = VariantNaming.Name(familyName, OptionValues);

    private static void CheckMeasure(decimal? value, string field, List<ValidationError> errors)
    {
        if (value is { } v && (v < 0 || !Amounts.FitsStoredScale(v)))
        {
            errors.Add(new ValidationError(field, $"{field} must be zero or more, with at most 4 decimals."));
        }
    }
}

public sealed record ProductPrice(int Tier, decimal Price);

public sealed record ProductImage(int Position, string Url);

public sealed record ProductCustomField(string Name, string? Value);

public sealed record BomLine(int ComponentProductId, decimal Quantity);

/// <summary>The rule for products not sold in fractions, shared by the entity and the stock ledger.</summary>
public static class WholeQuantities
{
    public static bool IsWhole(decimal quantity) => quantity == decimal.Truncate(quantity);

    public static void Check(bool soldInFractions, string product, decimal quantity, string field = "Quantity")
    {
        if (!soldInFractions && !IsWhole(quantity))
        {
            throw new DomainValidationException([new ValidationError(field,
                $"{product} is not sold in fractions: enter a whole number, not {Math.Abs(quantity):0.####}.")]);
        }
    }
}
