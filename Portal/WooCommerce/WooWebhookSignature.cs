using System.Security.Cryptography;
using System.Text;

namespace Portal.WooCommerce;

/// <summary><c>X-WC-Webhook-Signature</c> = base64(HMAC-SHA256(raw body, webhook secret)). Verify against the
/// bytes as received: re-serialized JSON would not match.</summary>
public static class WooWebhookSignature
{
    public const string HeaderName = "X-WC-Webhook-Signature";

    public static string Compute(ReadOnlySpan<byte> rawBody, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody));

    public static bool Verify(ReadOnlySpan<byte> rawBody, string? signatureHeader, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrWhiteSpace(signatureHeader))
            return false;
        Span<byte> received = stackalloc byte[64];
        if (!Convert.TryFromBase64String(signatureHeader.Trim(), received, out var length) || length != 32)
            return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody);
        return CryptographicOperations.FixedTimeEquals(expected, received[..length]);
    }

    public static bool Verify(string rawBody, string? signatureHeader, string secret) =>
        Verify(Encoding.UTF8.GetBytes(rawBody), signatureHeader, secret);
}
