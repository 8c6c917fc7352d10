namespace Portal.WooCommerce;

/// <summary>The body WooCommerce POSTs to the app-authorization <c>callback_url</c> after the merchant approves
/// (<c>/wc-auth/v1/authorize</c>): the new key. Unsigned; the callback must answer exactly 200 or the store
/// deletes the key.</summary>
public sealed record WooAuthCallback
{
    public long KeyId { get; init; }
    /// <summary>The <c>user_id</c> the portal passed to the authorize URL, echoed back as a string.</summary>
    public string? UserId { get; init; }
    public string? ConsumerKey { get; init; }
    public string? ConsumerSecret { get; init; }
    /// <summary>read, write or read_write.</summary>
    public string? KeyPermissions { get; init; }

    public override string ToString() => $"WooAuthCallback {{ KeyId = {KeyId}, UserId = {UserId}, KeyPermissions = {KeyPermissions} }}";
}
