namespace EmailGuard.Gateway.Options;

/// <summary>STARTTLS: section <c>EmailGuard:Smtp:Tls</c>. Off unless a certificate is configured.</summary>
public sealed class TlsOptions
{
    /// <summary>PEM certificate (with <see cref="KeyPath"/>) or a PFX file (with optional <see cref="Password"/>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key; leave empty for PFX or a PEM that holds the key too.</summary>
    public string? KeyPath { get; set; }

    public string? Password { get; set; }

    /// <summary>Refuse MAIL with 530 until STARTTLS. Default false (loopback needs no TLS).</summary>
    public bool Required { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    public IEnumerable<string> Validate()
    {
        const string P = "EmailGuard:Smtp:Tls:";
        if (Required && !Enabled)
        {
            yield return P + "Required is true but no CertificatePath is set.";
        }
        if (Enabled && !File.Exists(CertificatePath))
        {
            yield return $"{P}CertificatePath '{CertificatePath}' does not exist.";
        }
        if (!string.IsNullOrWhiteSpace(KeyPath) && !File.Exists(KeyPath))
        {
            yield return $"{P}KeyPath '{KeyPath}' does not exist.";
        }
    }
}
