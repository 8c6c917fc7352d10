using Microsoft.EntityFrameworkCore;
using Portal.Data.Conventions;
using Portal.Domain.Catalog;

namespace Portal.Features.Catalog;

public static class ProductSearch
{
    /// <summary>
    /// Products whose SKU or name contains the text, any case, compared in the database through the upper-cased key
    /// columns (the same on SQLite and SQL Server). Blank text matches everything.
    /// </summary>
    public static IQueryable<Product> Matching(this IQueryable<Product> products, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return products;
        }

        var term = CaseInsensitiveKey.Normalize(text.Trim());
        return products.Where(p =>
            EF.Property<string>(p, CaseInsensitiveKey.KeyName(nameof(Product.Sku))).Contains(term) ||
            EF.Property<string>(p, CaseInsensitiveKey.KeyName(nameof(Product.Name))).Contains(term));
    }
}
