namespace Portal.Domain.Catalog;

internal static class BomRules
{
    public static void Validate(
        Product product, IReadOnlyList<(int ComponentProductId, decimal Quantity)> lines,
        IReadOnlyDictionary<int, Product> products)
    {
        var seen = new HashSet<int>();
        foreach (var (componentId, quantity) in lines)
        {
            if (!products.TryGetValue(componentId, out var component))
            {
                throw new ArgumentException($"Component product {componentId} was not loaded.", nameof(products));
            }

            if (product.Id > 0 && componentId == product.Id)
            {
                throw new DomainException($"{product.Label} cannot be a component of itself.");
            }

            if (!seen.Add(componentId))
            {
                throw new DomainException($"{component.Label} is listed twice in the bill of materials.");
            }

            Amounts.PositiveQuantity(quantity, $"component {component.Label}");
            component.CheckQuantity(quantity);
            if (product.Id > 0 && Reaches(component, product.Id, products, []))
            {
                throw new DomainException(
                    $"{component.Label} is itself assembled from {product.Label} (directly or through other " +
                    "components): a bill of materials cannot go round in a circle.");
            }
        }
    }

    private static bool Reaches(Product from, int targetId, IReadOnlyDictionary<int, Product> products, HashSet<int> visited)
    {
        if (!visited.Add(from.Id))
        {
            return false;
        }

        foreach (var line in from.BillOfMaterials)
        {
            if (line.ComponentProductId == targetId)
            {
                return true;
            }

            if (products.TryGetValue(line.ComponentProductId, out var next) && Reaches(next, targetId, products, visited))
            {
                return true;
            }
        }

        return false;
    }
}
