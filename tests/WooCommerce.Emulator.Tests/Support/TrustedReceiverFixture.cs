using System.Security.Cryptography.X509Certificates;

namespace WooCommerce.Emulator.Tests.Support;

/// <summary>An emulator told to trust the certificate of the test's https receivers (callbacks, webhooks).</summary>
public sealed class TrustedReceiverFixture : EmulatorFixture
{
    public X509Certificate2 ReceiverCertificate { get; } = TestCertificates.SelfSigned("trusted-receiver");

    public override EmulatorOptions Options
    {
        get
        {
            var options = new EmulatorOptions { WebhookDelay = TimeSpan.FromMilliseconds(20) };
            options.TrustedCertificates.Add(X509CertificateLoader.LoadCertificate(ReceiverCertificate.RawData));
            return options;
        }
    }
}
