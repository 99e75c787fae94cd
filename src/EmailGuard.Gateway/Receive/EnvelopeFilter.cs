using EmailGuard.Gateway.Options;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace EmailGuard.Gateway.Receive;

/// <summary>
/// MAIL and RCPT checks SmtpServer does not do itself: TLS before MAIL when required (530), and the recipient cap
/// (452 4.5.3, RFC 5321 4.5.3.1.8) so the client sends the rest in another transaction.
/// </summary>
internal sealed class EnvelopeFilter(SmtpOptions options) : IMailboxFilter
{
    public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
    {
        if (options.Tls.Required && !context.Pipe.IsSecure)
        {
            throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)530, "5.7.0 Must issue a STARTTLS command first"));
        }
        context.Properties[RecipientCount] = 0;
        return Task.FromResult(true);
    }

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
    {
        var count = context.Properties.TryGetValue(RecipientCount, out var n) ? (int)n : 0;
        if (count >= options.MaxRecipients)
        {
            throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)452, "4.5.3 Too many recipients"));
        }
        context.Properties[RecipientCount] = count + 1;
        return Task.FromResult(true);
    }

    /// <summary>SmtpServer does not show the filter its transaction; MAIL resets this count, each accepted RCPT adds one.</summary>
    private const string RecipientCount = "EmailGuard:RecipientCount";
}
