namespace Portal.Features.Integrations;

/// <summary>The portal's addresses a store calls, and the names the portal gives a store's clients.</summary>
public static class StorePaths
{
    public const string CallbackPath = "/integrations/woocommerce/callback";
    public const string ReturnPath = "/integrations/woocommerce/return";
    public const string WebhookPathPrefix = "/webhooks/woocommerce/";

    /// <summary>Marks the client of credentials being tried for a connected store: its calls are logged under it.</summary>
    public const string CandidateSuffix = "~candidate";

    public static string CandidateKey(string publicKey) => publicKey + CandidateSuffix;
}
