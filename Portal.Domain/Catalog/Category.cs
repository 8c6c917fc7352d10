using Portal.Domain.Organizations;

namespace Portal.Domain.Catalog;

/// <summary>One level only: a product is in at most one category and categories do not nest.</summary>
public class Category : IOrganizationOwned, IVersioned
{
    private Category()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid Version { get; private set; }
    public string Name { get; private set; } = "";

    public static Category Create(int organizationId, string? name) =>
        new() { OrganizationId = organizationId, Name = Names.Required(name, nameof(Name), "category", 100) };

    public void Rename(string? name) => Name = Names.Required(name, nameof(Name), "category", 100);
}

public class Brand : IOrganizationOwned, IVersioned
{
    private Brand()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid Version { get; private set; }
    public string Name { get; private set; } = "";

    public static Brand Create(int organizationId, string? name) =>
        new() { OrganizationId = organizationId, Name = Names.Required(name, nameof(Name), "brand", 100) };

    public void Rename(string? name) => Name = Names.Required(name, nameof(Name), "brand", 100);
}
