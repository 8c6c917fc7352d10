namespace Portal.Domain.Organizations;

/// <summary>What a user of an organization may do. Stored as flags on the user.</summary>
[Flags]
public enum Permissions
{
    None = 0,
    /// <summary>Everything, including users and reference books.</summary>
    Administrator = 1,
    /// <summary>"Integration: eCommerce - WooCommerce": stores, catalog, pending orders, integration settings.</summary>
    IntegrationWooCommerce = 2,
    /// <summary>Sales, stock and customers.</summary>
    Sales = 4,
    /// <summary>Sees everything the organization has, changes nothing.</summary>
    ReadOnly = 8,
}

public static class PermissionNames
{
    public static string Describe(Permissions p) => p switch
    {
        Permissions.Administrator => "Administrator",
        Permissions.IntegrationWooCommerce => "Integration: eCommerce - WooCommerce",
        Permissions.Sales => "Sales",
        Permissions.ReadOnly => "Read-only",
        _ => string.Join(", ", Enum.GetValues<Permissions>().Where(f => f != Permissions.None && p.HasFlag(f)).Select(Describe)),
    };

    public static IReadOnlyList<Permissions> All { get; } =
        [Permissions.Administrator, Permissions.IntegrationWooCommerce, Permissions.Sales, Permissions.ReadOnly];
}
