using System.Buffers;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace EmailGuard.Gateway.Tests.Support;

/// <summary>SmtpServer's store and mailbox filter for <see cref="SmtpSink"/>: rules decide, the sink records.</summary>
internal sealed class SmtpSinkHandlers(SmtpSink sink) : IMessageStore, IMailboxFilter, IUserAuthenticator
{
    public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
    {
        var accepted = sink.CredentialRule(user, password);
        if (accepted)
        {
            sink.RecordLogin(user);
        }
        return Task.FromResult(accepted);
    }

    public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
    {
        sink.CountMailFrom();
        return Decide(sink.SenderRule(AddressOf(from)));
    }

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        => Decide(sink.RecipientRule(AddressOf(to)));

    public Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var message = new SinkMessage(
            AddressOf(transaction.From),
            transaction.To.Select(AddressOf).ToList(),
            RepairData(buffer),
            new Dictionary<string, string>(transaction.Parameters, StringComparer.OrdinalIgnoreCase),
            context.SessionId);
        var refusal = sink.DataRule(message);
        if (refusal is null)
        {
            sink.Record(message);
        }
        else
        {
            sink.CountRefusedData();
        }
        return Task.FromResult(refusal ?? SmtpResponse.Ok);
    }

    public static string AddressOf(IMailbox mailbox)
        => string.IsNullOrEmpty(mailbox.User) && string.IsNullOrEmpty(mailbox.Host) ? string.Empty : $"{mailbox.User}@{mailbox.Host}";

    // Throwing is the only way to choose the reply: returning false always says "550 mailbox unavailable".
    private static Task<bool> Decide(SmtpResponse? refusal)
        => refusal is null ? Task.FromResult(true) : Task.FromException<bool>(new SmtpResponseException(refusal));

    /// <summary>
    /// SmtpServer 11.1.0 hands over the data without the CRLF before the final dot and does not
    /// un-stuff a dot on the first line; both are undone so tests compare against what the client meant.
    /// </summary>
    private static byte[] RepairData(ReadOnlySequence<byte> buffer)
    {
        var data = buffer.ToArray();
        var skip = data.Length >= 2 && data[0] == '.' && data[1] == '.' ? 1 : 0;
        var repaired = new byte[data.Length - skip + 2];
        data.AsSpan(skip).CopyTo(repaired);
        repaired[^2] = (byte)'\r';
        repaired[^1] = (byte)'\n';
        return repaired;
    }
}
