using System.Globalization;

namespace EmailGuard.Policy.Addresses;

/// <summary>
/// An address reduced to the form the policy compares: lower case, IDN domains in their ASCII (punycode) form,
/// so "Zoë@Schüle.example" and "zoë@xn--schle-mva.example" are the same mailbox. Local parts are compared
/// case-insensitively too: every mail system the Trust uses treats them so, and a case slip is not a new account.
/// </summary>
public readonly record struct MailAddress(string LocalPart, string Domain)
{
    public override string ToString() => LocalPart + "@" + Domain;

    /// <summary>Parses "local@domain" (angle brackets and surrounding spaces tolerated); false for anything else.</summary>
    public static bool TryParse(string? text, out MailAddress address)
    {
        address = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var trimmed = text.Trim().TrimStart('<').TrimEnd('>').Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1 || trimmed.AsSpan().ContainsAny(' ', '\t', '<'))
        {
            return false;
        }
        var domain = NormalizeDomain(trimmed[(at + 1)..]);
        if (domain.Length == 0)
        {
            return false;
        }
        address = new MailAddress(trimmed[..at].ToLowerInvariant(), domain);
        return true;
    }

    /// <summary>Lower case ASCII form of a domain ("" when it is not a usable domain).</summary>
    public static string NormalizeDomain(string domain)
    {
        var trimmed = domain.Trim().TrimStart('@').TrimEnd('.');
        if (trimmed.Length == 0)
        {
            return string.Empty;
        }
        if (System.Text.Ascii.IsValid(trimmed))
        {
            return trimmed.ToLowerInvariant();
        }
        try
        {
            return new IdnMapping().GetAscii(trimmed.ToLowerInvariant());
        }
        catch (ArgumentException)
        {
            // Not a valid IDN (e.g. symbols); still compare it, just not as punycode.
            return trimmed.ToLowerInvariant();
        }
    }

    /// <summary>The Unicode form of an ASCII domain, for look-alike checks; the input when it is not punycode.</summary>
    public static string DomainToUnicode(string asciiDomain)
    {
        if (!asciiDomain.Contains("xn--", StringComparison.Ordinal))
        {
            return asciiDomain;
        }
        try
        {
            return new IdnMapping().GetUnicode(asciiDomain);
        }
        catch (ArgumentException)
        {
            return asciiDomain;
        }
    }
}
