using System.Buffers;
using System.Text;
using EmailGuard.Policy.Text;
using MimeKit;

namespace EmailGuard.Policy.Safety;

/// <summary>One piece of text a reader sees, and where it came from ("subject 1", "text part 2 (text/html)").</summary>
internal readonly record struct TextSegment(string Where, string Text);

/// <summary>
/// The text a recipient reads: every Subject header, then every text/plain and text/html part (attachments and
/// attached messages included) decoded from its transfer encoding and charset, HTML reduced to its visible
/// text. Reading stops when <see cref="CharBudget"/> runs out, so a 30 MB body costs no more than the cap.
/// </summary>
internal static class MessageText
{
    public static List<TextSegment> Read(MimeMessage message, int maxChars)
    {
        var budget = new CharBudget(maxChars);
        var segments = new List<TextSegment>();
        var ordinal = 0;
        foreach (var header in message.Headers)
        {
            if (header.Id == HeaderId.Subject && !budget.Exhausted)
            {
                var subject = HeaderText.Decode(header);
                var length = budget.Take(subject.Length);
                segments.Add(new TextSegment($"subject {++ordinal}", subject[..length]));
            }
        }
        var part = 0;
        ReadEntity(message.Body, segments, budget, ref part);
        return segments;
    }

    private static void ReadEntity(MimeEntity? entity, List<TextSegment> segments, CharBudget budget, ref int part)
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
                    ReadEntity(child, segments, budget, ref part);
                }
                break;
            case MessagePart { Message: { } attached }:
                ReadEntity(attached.Body, segments, budget, ref part);
                break;
            case TextPart text when text.IsPlain || text.IsHtml:
                part++;
                if (text.Content is not { } content)
                {
                    return;
                }
                using (var reader = new BoundedTextReader(Open(text, content), budget))
                {
                    var visible = text.IsHtml ? HtmlText.Extract(reader) : ReadAll(reader, SizeHint(content, budget));
                    segments.Add(new TextSegment($"text part {part} ({text.ContentType.MimeType.ToLowerInvariant()})", visible));
                }
                break;
        }
    }

    // Decoding never yields more characters than the encoded bytes, so their count (capped by the budget) sizes
    // one buffer and the text is copied once, instead of growing a StringBuilder through ReadToEnd.
    private static int SizeHint(IMimeContent content, CharBudget budget) =>
        (int)Math.Min(content.Stream is { CanSeek: true } stream ? stream.Length + 1 : 4096, budget.Remaining + 1L);

    private static string ReadAll(TextReader reader, int sizeHint)
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
            return new string(buffer, 0, length);
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
