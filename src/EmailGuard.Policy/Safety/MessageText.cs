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
                    var visible = text.IsHtml ? HtmlText.Extract(reader) : reader.ReadToEnd();
                    segments.Add(new TextSegment($"text part {part} ({text.ContentType.MimeType.ToLowerInvariant()})", visible));
                }
                break;
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
