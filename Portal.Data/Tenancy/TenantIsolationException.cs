namespace Portal.Data.Tenancy;

/// <summary>A write that would touch another organization's data, or owned data without an organization.</summary>
public sealed class TenantIsolationException(string message) : InvalidOperationException(message);
