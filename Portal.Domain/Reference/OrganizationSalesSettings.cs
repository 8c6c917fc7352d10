using Portal.Domain.Organizations;

namespace Portal.Domain.Reference;

/// <summary>One row per organization: defaults every new sale starts from.</summary>
public class OrganizationSalesSettings : IOrganizationOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int? DefaultSalesAccountId { get; set; }
    /// <summary>The tax rule a sale line starts with, and the one store settings offer first for taxed lines.</summary>
    public int? DefaultSaleTaxRuleId { get; set; }
    public Sales.AutoFulfilmentMode AutoFulfilment { get; set; } = Sales.AutoFulfilmentMode.None;
    public Sales.AutoAssemblyMode AutoAssembly { get; set; } = Sales.AutoAssemblyMode.None;
}
