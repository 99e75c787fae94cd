using System.Buffers;
using System.Text;
using EmailGuard.Policy.Text;
using MimeKit;

namespace EmailGuard.Policy.Safety;

/// <summary>
/// The text a recipient reads: every Subject header, then every text/plain and text/html part (attachments and
/// attached messages included) decoded from its transfer encoding and charset, HTML reduced to its visible
/// text. Reading stops when <see cref="CharBudget"/> runs out, so a 30 MB body costs no more than the cap.
/// </summary>
internal static class MessageText
{
    /// <summary>
    /// Calls <paramref name="onText"/> with each piece of text in turn and where it came from ("subject 1",
    /// "text part 2 (text/html)"). The span is valid only during the call: a plain part is read into a pooled
    /// buffer rather than copied into a string nobody keeps.
    /// </summary>
    public static void Read(MimeMessage message, int maxChars, Action<string, ReadOnlySpan<char>> onText)
    {
        var budget = new CharBudget(maxChars);
        var ordinal = 0;
        foreach (var header in message.Headers)
        {
            if (header.Id == HeaderId.Subject && !budget.Exhausted)
            {
                var subject = HeaderText.Decode(header);
                var length = budget.Take(subject.Length);
                onText($"subject {++ordinal}", subject.AsSpan(0, length));
            }
        }
        var part = 0;
        ReadEntity(message.Body, onText, budget, ref part);
    }

    private static void ReadEntity(MimeEntity? entity, Action<string, ReadOnlySpan<char>> onText, CharBudget budget,
        ref int part)
    {
        if (budget.Exhausted)
        {
            return;
        }
        switch (entity)
        {
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    ReadEntity(child, onText, budget, ref part);
                }
                break;
            case MessagePart { Message: { } attached }:
                ReadEntity(attached.Body, onText, budget, ref part);
                break;
            case TextPart text when text.IsPlain || text.IsHtml:
                part++;
                if (text.Content is not { } content)
                {
                    return;
                }
                var where = $"text part {part} ({text.ContentType.MimeType.ToLowerInvariant()})";
                using (var reader = new BoundedTextReader(Open(text, content), budget))
                {
                    if (text.IsHtml)
                    {
                        onText(where, HtmlText.Extract(reader));
                    }
                    else
                    {
                        ReadAll(reader, SizeHint(content, budget), where, onText);
                    }
                }
                break;
        }
    }

    // Decoding never yields more characters than the encoded bytes, so their count (capped by the budget) sizes
    // one buffer, instead of growing a StringBuilder through ReadToEnd.
    private static int SizeHint(IMimeContent content, CharBudget budget) =>
        (int)Math.Min(content.Stream is { CanSeek: true } stream ? stream.Length + 1 : 4096, budget.Remaining + 1L);

    private static void ReadAll(TextReader reader, int sizeHint, string where,
        Action<string, ReadOnlySpan<char>> onText)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(sizeHint, 256));
        var length = 0;
        try
        {
            int read;
            while ((read = reader.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<char>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<char>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
            onText(where, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    // Decodes base64 / quoted-printable as it reads, then the declared charset (UTF-8 when absent or unknown).
    private static StreamReader Open(TextPart part, IMimeContent content)
    {
        HeaderText.RegisterCodePages();
        Encoding? encoding = null;
        var charset = part.ContentType.Charset;
        if (!string.IsNullOrWhiteSpace(charset))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim());
            }
            catch (ArgumentException)
            {
                encoding = null;
            }
        }
        return new StreamReader(content.Open(), encoding ?? Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    }
}
