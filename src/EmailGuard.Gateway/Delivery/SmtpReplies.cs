using MailKit.Net.Smtp;

namespace EmailGuard.Gateway.Delivery;

/// <summary>The one place an SMTP reply code becomes a recipient status.</summary>
internal static class SmtpReplies
{
    public static RecipientStatus StatusOf(SmtpStatusCode code) => (int)code switch
    {
        >= 200 and < 300 => RecipientStatus.Delivered,
        >= 500 and < 600 => RecipientStatus.Failed,
        // 4xx, and anything a relay should never say: try again later rather than bounce.
        _ => RecipientStatus.Deferred,
    };

    public static bool IsPermanent(SmtpStatusCode code) => StatusOf(code) == RecipientStatus.Failed;

    public static bool IsTemporary(SmtpStatusCode code) => (int)code is >= 400 and < 500;

    public static string Format(SmtpStatusCode code, string text) => $"{(int)code} {text}";

    public static string Format(SmtpResponse response) => Format(response.StatusCode, response.Response);

    public static string Format(SmtpCommandException exception) => Format(exception.StatusCode, exception.Message);
}
