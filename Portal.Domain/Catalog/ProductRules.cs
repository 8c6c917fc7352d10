namespace Portal.Domain.Catalog;

/// <summary>
/// Field rules of a product. Uniqueness of SKU and name per organization is enforced by the database (unique
/// indexes); the data layer turns a violation into the messages below.
/// </summary>
public static class ProductRules
{
    public const int MaxSkuLength = 50;
    public const int MaxNameLength = 255;

    public static IReadOnlyList<ValidationError> Validate(string? sku, string? name)
    {
        var errors = new List<ValidationError>();
        if (CheckSku(sku) is { } skuError)
        {
            errors.Add(skuError);
        }

        if (Names.Check(name, nameof(Product.Name), "product", MaxNameLength) is { } nameError)
        {
            errors.Add(nameError);
        }

        return errors;
    }

    public static ValidationError? CheckSku(string? sku)
    {
        var error = Names.Check(sku, nameof(Product.Sku), "product", MaxSkuLength);
        if (error is null && sku!.Trim().Any(char.IsControl))
        {
            error = new ValidationError(nameof(Product.Sku), "The SKU cannot contain control characters.");
        }

        return error;
    }

    public static string NormalizeSku(string? sku)
    {
        DomainValidationException.ThrowIfAny(CheckSku(sku) is { } error ? [error] : []);
        return sku!.Trim();
    }

    public static string NormalizeName(string? name) =>
        Names.Required(name, nameof(Product.Name), "product", MaxNameLength);

    public static ValidationError DuplicateSku(string sku) =>
        new(nameof(Product.Sku), $"Another product already has the SKU '{sku}'.");

    public static ValidationError DuplicateName(string name) =>
        new(nameof(Product.Name), $"Another product is already named '{name}'.");
}
