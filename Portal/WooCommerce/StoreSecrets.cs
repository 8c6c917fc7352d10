using Microsoft.AspNetCore.DataProtection;

namespace Portal.WooCommerce;

/// <summary>Protects store credentials and webhook secrets at rest with the portal's key ring.</summary>
public sealed class StoreSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Portal.Integrations.WooCommerce.StoreSecrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
