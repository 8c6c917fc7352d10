using Portal.Domain.Organizations;

namespace Portal.Domain.Catalog;

/// <summary>
/// A family of up to three options (for example Colour, Size) whose variants are ordinary products carrying one
/// value per option. Variant names follow <see cref="VariantNaming"/> and are kept in step with the family name.
/// </summary>
public class ProductFamily : IOrganizationOwned, IVersioned
{
    public const int MaxOptions = 3;

    private ProductFamily()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid Version { get; private set; }
    public string Name { get; private set; } = "";
    public string? Option1Name { get; private set; }
    public string? Option2Name { get; private set; }
    public string? Option3Name { get; private set; }
    public List<Product> Variants { get; private set; } = [];

    /// <summary>
    /// Downloaded from a store: its variants are named as the store names them ("title value value", see
    /// <see cref="StoreVariantNaming"/>) and may share option values, because a store product can have more than
    /// three variation attributes and only three become options.
    /// </summary>
    public bool NamedByStore { get; private set; }

    public IReadOnlyList<string> OptionNames =>
        new[] { Option1Name, Option2Name, Option3Name }.OfType<string>().ToList();

    public static ProductFamily Create(int organizationId, string? name, IEnumerable<string?> optionNames)
    {
        var family = new ProductFamily { OrganizationId = organizationId };
        family.Rename(name);
        family.SetOptionNames(optionNames);
        return family;
    }

    /// <summary>A family as a store's variable product: its variants keep the names the download gives them.</summary>
    public static ProductFamily CreateFromStore(int organizationId, string? name, IEnumerable<string?> optionNames)
    {
        var family = Create(organizationId, name, optionNames);
        family.NamedByStore = true;
        return family;
    }

    public void Rename(string? name)
    {
        var previous = Name;
        Name = Names.Required(name, nameof(Name), "family", ProductRules.MaxNameLength);
        foreach (var variant in Variants)
        {
            if (!NamedByStore)
            {
                variant.RenameAsVariant(Name);
            }
            else if (previous.Length > 0 && variant.Name.StartsWith(previous, StringComparison.Ordinal))
            {
                // Keeps what the download appended (option values, a SKU that made the name unique).
                variant.Rename(Name + variant.Name[previous.Length..]);
            }
        }
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

    /// <summary>
    /// Creates a variant: a stock product with one value per option, named by the family (a store-named family
    /// takes <paramref name="name"/> when given, the name the download chose).
    /// </summary>
    public Product AddVariant(string? sku, IEnumerable<string?> optionValues, string? name = null)
    {
        var chosen = CheckValues(optionValues, except: null);
        var variant = Product.Create(OrganizationId, sku, VariantName(chosen));
        variant.JoinFamily(this, chosen);
        if (NamedByStore && name is not null)
        {
            variant.Rename(name);
        }

        Variants.Add(variant);
        return variant;
    }

    /// <summary>Changes a variant's option values; a store-named variant keeps its name (the download chose it).</summary>
    public void ChangeVariantValues(Product variant, IEnumerable<string?> optionValues)
    {
        if (!Variants.Contains(variant))
        {
            throw new ArgumentException("The product is not a variant of this family.", nameof(variant));
        }

        var name = variant.Name;
        variant.JoinFamily(this, CheckValues(optionValues, except: variant));
        if (NamedByStore)
        {
            variant.Rename(name);
        }
    }

    private string VariantName(IReadOnlyList<string> values) =>
        NamedByStore ? StoreVariantNaming.Name(Name, values) : VariantNaming.Name(Name, values);

    private List<string> CheckValues(IEnumerable<string?> optionValues, Product? except)
    {
        var values = optionValues.Select(Names.Optional).ToList();
        if (values.Count != OptionNames.Count || values.Any(v => v is null))
        {
            throw new DomainValidationException(
                [new ValidationError("Options", $"A variant needs a value for each option ({string.Join(", ", OptionNames)}).")]);
        }

        var chosen = values.OfType<string>().ToList();
        if (!NamedByStore && Variants.Any(v => v != except && v.OptionValues.SequenceEqual(chosen, StringComparer.OrdinalIgnoreCase)))
        {
            throw new DomainException($"The family already has the variant {string.Join(" / ", chosen)}.");
        }

        return chosen;
    }
}

/// <summary>"Family name - value 1 / value 2 / value 3", for example "T-Shirt - Red / L".</summary>
public static class VariantNaming
{
    public static string Name(string familyName, IEnumerable<string> optionValues) =>
        $"{familyName.Trim()} - {string.Join(" / ", optionValues.Select(v => v.Trim()))}";
}

/// <summary>How a store names a variation in the portal: the product title and the option values present, separated
/// by spaces, for example "T-Shirt Red L".</summary>
public static class StoreVariantNaming
{
    public static string Name(string title, IEnumerable<string?> optionValues) =>
        string.Join(' ', new[] { title }.Concat(optionValues).Select(v => v?.Trim()).Where(v => !string.IsNullOrEmpty(v)));
}
