using Portal.Domain.Organizations;

namespace Portal.Domain.Catalog;

/// <summary>
/// A family of up to three options (for example Colour, Size) whose variants are ordinary products carrying one
/// value per option. Variant names follow <see cref="VariantNaming"/> and are kept in step with the family name.
/// </summary>
public class ProductFamily : IOrganizationOwned
{
    public const int MaxOptions = 3;

    private ProductFamily()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public string Name { get; private set; } = "";
    public string? Option1Name { get; private set; }
    public string? Option2Name { get; private set; }
    public string? Option3Name { get; private set; }
    public List<Product> Variants { get; private set; } = [];

    public IReadOnlyList<string> OptionNames =>
        new[] { Option1Name, Option2Name, Option3Name }.OfType<string>().ToList();

    public static ProductFamily Create(int organizationId, string? name, IEnumerable<string?> optionNames)
    {
        var family = new ProductFamily { OrganizationId = organizationId };
        family.Rename(name);
        family.SetOptionNames(optionNames);
        return family;
    }

    public void Rename(string? name)
    {
        Name = Names.Required(name, nameof(Name), "family", ProductRules.MaxNameLength);
        Variants.ForEach(v => v.RenameAsVariant(Name));
    }

    /// <summary>Sets the option names; the number of options cannot change once the family has variants.</summary>
    public void SetOptionNames(IEnumerable<string?> optionNames)
    {
        var names = optionNames.Select(Names.Optional).OfType<string>().ToList();
        if (names.Count is 0 or > MaxOptions)
        {
            throw new DomainValidationException(
                [new ValidationError("Options", $"A family has one to {MaxOptions} options.")]);
        }

        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count)
        {
            throw new DomainValidationException([new ValidationError("Options", "Two options cannot have the same name.")]);
        }

        if (Variants.Count > 0 && names.Count != OptionNames.Count)
        {
            throw new DomainException("The number of options cannot change while the family has variants.");
        }

        Option1Name = names.ElementAtOrDefault(0);
        Option2Name = names.ElementAtOrDefault(1);
        Option3Name = names.ElementAtOrDefault(2);
    }

    /// <summary>Creates a variant: a stock product with one value per option, named by the family.</summary>
    public Product AddVariant(string? sku, IEnumerable<string?> optionValues)
    {
        var values = optionValues.Select(Names.Optional).ToList();
        if (values.Count != OptionNames.Count || values.Any(v => v is null))
        {
            throw new DomainValidationException(
                [new ValidationError("Options", $"A variant needs a value for each option ({string.Join(", ", OptionNames)}).")]);
        }

        var chosen = values.OfType<string>().ToList();
        if (Variants.Any(v => v.OptionValues.SequenceEqual(chosen, StringComparer.OrdinalIgnoreCase)))
        {
            throw new DomainException($"The family already has the variant {string.Join(" / ", chosen)}.");
        }

        var variant = Product.Create(OrganizationId, sku, VariantNaming.Name(Name, chosen));
        variant.JoinFamily(this, chosen);
        Variants.Add(variant);
        return variant;
    }
}

/// <summary>"Family name - value 1 / value 2 / value 3", for example "T-Shirt - Red / L".</summary>
public static class VariantNaming
{
    public static string Name(string familyName, IEnumerable<string> optionValues) =>
        $"{familyName.Trim()} - {string.Join(" / ", optionValues.Select(v => v.Trim()))}";
}
