using System.Security.Cryptography.X509Certificates;
using EmailGuard.Gateway.Options;

namespace EmailGuard.Gateway.Receive;

/// <summary>Loads the STARTTLS certificate from PEM (certificate + key) or PFX.</summary>
internal static class CertificateLoader
{
    public static X509Certificate2 Load(TlsOptions tls)
    {
        var path = tls.CertificatePath!;
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is ".pfx" or ".p12")
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, tls.Password);
        }
        using var pem = string.IsNullOrWhiteSpace(tls.KeyPath)
            ? X509Certificate2.CreateFromPemFile(path)
            : X509Certificate2.CreateFromPemFile(path, tls.KeyPath);
        // SslStream needs the key in a persisted store form on some platforms; a PKCS#12 round trip gives it that.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
