using QRCoder;

namespace Portal.Identity;

/// <summary>
/// The authenticator app's QR code, drawn on the server as a PNG data URI: nothing leaves the portal (no script, no
/// third-party service sees the key) and the Content-Security-Policy's <c>img-src 'self' data:</c> already allows it.
/// </summary>
public static class AuthenticatorQrCode
{
    public static string DataUri(string otpauthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
