using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EmailGuard.Gateway.Tests.Support;

internal static class TestCertificates
{
    /// <summary>A throwaway self-signed server certificate; no client trusts it, which tests rely on.</summary>
    public static X509Certificate2 SelfSigned(string name = "sink.test")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Round-trip through PKCS#12 so SslStream gets a certificate whose private key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), password: null);
    }
}
