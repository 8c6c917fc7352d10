using Portal.Domain.Organizations;

namespace Portal.Domain.Stock;

/// <summary>A warehouse or shop that holds stock. Exactly one location of an organization is its default.</summary>
public class Location : IOrganizationOwned, IDefaultable, IVersioned
{
    private Location()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid Version { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsDefault { get; private set; }

    public static Location Create(int organizationId, string name)
    {
        var location = new Location { OrganizationId = organizationId };
        location.Rename(name);
        return location;
    }

    public void Rename(string name) => Name = Names.Required(name, nameof(Name), "location", 100);

    void IDefaultable.SetDefault(bool isDefault) => IsDefault = isDefault;
}
