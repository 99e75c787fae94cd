using System.Security.Cryptography;

namespace EmailGuard.Gateway.Spool;

/// <summary>
/// Queue ids: 10 characters of Crockford base32 time (48 bits of milliseconds, as in ULID) + 9 random, so ids sort by arrival and are
/// safe as file names and in logs (they say nothing about the message).
/// </summary>
public static class QueueId
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(DateTimeOffset now)
    {
        Span<char> id = stackalloc char[19];
        var ms = (ulong)now.ToUnixTimeMilliseconds();
        for (var i = 9; i >= 0; i--)
        {
            id[i] = Alphabet[(int)(ms & 31)];
            ms >>= 5;
        }
        Span<byte> random = stackalloc byte[9];
        RandomNumberGenerator.Fill(random);
        for (var i = 0; i < 9; i++)
        {
            id[10 + i] = Alphabet[random[i] & 31];
        }
        return new string(id);
    }

    /// <summary>True for strings that could be an id: guards CLI input used in file paths.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: 19 } && id.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    /// <summary>When the message with this id arrived (the id's first 10 characters are its millisecond time).</summary>
    public static DateTimeOffset TimeOf(string id)
    {
        ulong ms = 0;
        for (var i = 0; i < 10; i++)
        {
            ms = (ms << 5) | (uint)Alphabet.IndexOf(id[i], StringComparison.Ordinal);
        }
        return DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
    }
}
