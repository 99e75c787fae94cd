namespace EmailGuard.Policy.Addresses;

/// <summary>
/// A configured list of addresses and domains (rule exceptions, approved accounts): an entry with '@' and a
/// local part names one mailbox; "domain" or "@domain" names every mailbox in that domain.
/// </summary>
public sealed class AddressList
{
    private readonly HashSet<string> _addresses = new(StringComparer.Ordinal);
    private readonly HashSet<string> _domains = new(StringComparer.Ordinal);

    public static AddressList Empty { get; } = new([]);

    public AddressList(IEnumerable<string> entries)
    {
        foreach (var entry in entries)
        {
            if (MailAddress.TryParse(entry, out var address))
            {
                _addresses.Add(address.ToString());
            }
            else if (MailAddress.NormalizeDomain(entry) is { Length: > 0 } domain)
            {
                _domains.Add(domain);
            }
        }
    }

    public bool IsEmpty => _addresses.Count == 0 && _domains.Count == 0;

    public bool Contains(MailAddress address) =>
        _addresses.Contains(address.ToString()) || _domains.Contains(address.Domain);
}
