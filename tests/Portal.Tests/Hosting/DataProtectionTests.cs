using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Hosting;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

public sealed class DataProtectionTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("portal-keys-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private static IDataProtector Protector(PortalFactory portal) =>
        portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test-purpose");

    [Fact]
    public async Task KeyRing_WhenThePortalRestarts_ThenWhatWasProtectedCanStillBeRead()
    {
        string protectedText;
        await using (var first = await new PortalFactory(_data).StartAsync())
        {
            protectedText = Protector(first).Protect("consumer secret cs_123");
        }

        await using var second = await new PortalFactory(_data).StartAsync();
        Protector(second).Unprotect(protectedText).ShouldBe("consumer secret cs_123");
    }

    [Fact]
    public async Task KeyRing_WhenStoredInTheDatabase_ThenEveryKeyIsEncrypted()
    {
        await using var portal = await new PortalFactory(_data).StartAsync();
        Protector(portal).Protect("make sure a key exists");

        await using var db = portal.OpenDatabase(FixedTenant.None);
        var keys = await db.DataProtectionKeys.ToListAsync();
        keys.ShouldNotBeEmpty();
        foreach (var key in keys)
        {
            var xml = key.Xml ?? "";
            xml.ShouldContain("EncryptedData");
            xml.ShouldNotContain("<masterKey");
        }

        File.Exists(Path.Combine(_data, "keys", DataProtectionSetup.CertificateFileName)).ShouldBeTrue();
    }

    [Fact]
    public async Task KeyRing_WhenTheDatabaseIsCopiedWithoutTheCertificate_ThenNothingCanBeRead()
    {
        string protectedText;
        await using (var original = await new PortalFactory(_data).StartAsync())
        {
            protectedText = Protector(original).Protect("consumer secret cs_123");
        }

        // A thief with the database but not the data volume's certificate: a fresh certificate is made.
        File.Delete(Path.Combine(_data, "keys", DataProtectionSetup.CertificateFileName));
        await using var stolen = await new PortalFactory(_data).StartAsync();

        Should.Throw<CryptographicException>(() => Protector(stolen).Unprotect(protectedText));
    }

    [Fact]
    public void Certificate_WhenCreated_ThenOnlyItsOwnerCanReadTheFile()
    {
        var path = Path.Combine(_data, "keys", DataProtectionSetup.CertificateFileName);
        using var certificate = DataProtectionSetup.LoadOrCreateCertificate(path);

        certificate.HasPrivateKey.ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using var again = DataProtectionSetup.LoadOrCreateCertificate(path);
        again.Thumbprint.ShouldBe(certificate.Thumbprint);
    }
}
