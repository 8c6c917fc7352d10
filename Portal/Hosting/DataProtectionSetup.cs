using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Portal.Data;

namespace Portal.Hosting;

/// <summary>
/// The key ring lives in the database (several nodes share it) and is encrypted with a certificate kept on the data
/// volume, outside the database: a copy of the database alone reveals neither cookies nor store secrets.
/// </summary>
public static class DataProtectionSetup
{
    public const string CertificateFileName = "dataprotection.pfx";

    public static void AddPortalDataProtection(this IServiceCollection services, PortalOptions options)
    {
        var certificate = LoadOrCreateCertificate(Path.Combine(options.FullDataDirectory, "keys", CertificateFileName));
        services.AddDataProtection()
            .SetApplicationName("WooPortal")
            .PersistKeysToDbContext<PortalDbContext>()
            .ProtectKeysWithCertificate(certificate)
            .UnprotectKeysWithAnyCertificate(certificate);
    }

    public static X509Certificate2 LoadOrCreateCertificate(string path)
    {
        if (File.Exists(path))
        {
            try
            {
                return X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.EphemeralKeySet);
            }
            catch (CryptographicException ex)
            {
                throw new StartupException($"The key ring certificate {path} cannot be read ({ex.Message}); restore it from backup.", ex);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=WooPortal key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = TimeProvider.System.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        var bytes = created.Export(X509ContentType.Pkcs12);

        // Written to a temporary file first so that a crash never leaves half a certificate behind.
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: false);
        return X509CertificateLoader.LoadPkcs12(bytes, password: null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
