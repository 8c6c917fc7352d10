using System.Globalization;
using Portal.Domain.Catalog.Download;
using Portal.WooCommerce;

namespace Portal.Features.StoreCatalog;

/// <summary>WooCommerce's wire types as the download's store products (<see cref="StoreProductData"/>).</summary>
public static class StoreProductReading
{
    public static StoreProductData From(WooCatalogItem item, IReadOnlyDictionary<long, (string Name, long Parent)> categories)
    {
        var p = item.Product;
        var attributes = (p.Attributes ?? [])
            .Select((a, index) => (a, index))
            .OrderBy(x => x.a.Position ?? x.index).ThenBy(x => x.index)
            .Select(x => new StoreAttribute((x.a.Name ?? "").Trim(), x.a.Variation == true, x.a.Options ?? []))
            .Where(a => a.Name.Length > 0)
            .ToList();
        return new StoreProductData
        {
            WooProductId = p.Id,
            IsVariable = p.Type == "variable",
            Name = (p.Name ?? "").Trim() is { Length: > 0 } name ? name : $"WooCommerce product {p.Id}",
            Sku = p.Sku,
            Description = p.Description,
            Values = new StoreItemValues
            {
                RegularPrice = p.RegularPrice,
                SalePrice = p.SalePrice,
                Weight = Measure(p.Weight),
                Width = Measure(p.Dimensions?.Width),
                Height = Measure(p.Dimensions?.Height),
                Length = Measure(p.Dimensions?.Length),
                TaxStatus = p.TaxStatus,
                TaxClass = p.TaxClass,
                Quantity = p.ManageStock == true ? p.StockQuantity : null,
            },
            RootCategory = StoreCategories.RootOf(p.Categories?.FirstOrDefault()?.Id, categories),
            Tags = (p.Tags ?? []).Select(t => t.Name).OfType<string>().ToList(),
            Images = (p.Images ?? []).Select(i => i.Src).OfType<string>().ToList(),
            Attributes = attributes,
            Variations = item.Variations.Select(v => new StoreVariationData
            {
                WooVariationId = v.Id,
                Sku = v.Sku,
                Description = v.Description,
                Image = v.Image?.Src,
                Values = new StoreItemValues
                {
                    RegularPrice = v.RegularPrice,
                    SalePrice = v.SalePrice,
                    Weight = Measure(v.Weight),
                    Width = Measure(v.Dimensions?.Width),
                    Height = Measure(v.Dimensions?.Height),
                    Length = Measure(v.Dimensions?.Length),
                    TaxStatus = v.TaxStatus,
                    TaxClass = v.TaxClass,
                    // "parent": the parent's stock is shared; counting it again for every variation would multiply it.
                    Quantity = v.ManageStock == WooStockManagement.On ? v.StockQuantity : null,
                },
                Options = (v.Attributes ?? [])
                    .Where(a => !string.IsNullOrWhiteSpace(a.Name))
                    .GroupBy(a => a.Name!.Trim(), StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.First().Option ?? "", StringComparer.OrdinalIgnoreCase),
            }).ToList(),
        };
    }

    /// <summary>A weight or dimension as WooCommerce sends it (a string, "" when unset); nonsense is left out.</summary>
    public static decimal? Measure(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? Math.Round(value, 4)
            : null;
}
