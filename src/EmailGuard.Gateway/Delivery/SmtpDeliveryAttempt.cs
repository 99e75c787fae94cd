using MailKit.Net.Smtp;

namespace EmailGuard.Gateway.Delivery;

/// <summary>
/// One try of one message on one pooled connection. Replies that settle the message (2xx, 5xx, per-recipient
/// refusals) come back as an outcome; trouble worth another try (I/O, protocol, 4xx for the whole message)
/// is thrown for the resilience pipeline to judge.
/// </summary>
internal sealed class SmtpDeliveryAttempt(SmtpConnectionPool pool)
{
    public async ValueTask<DeliveryOutcome> RunAsync(SmtpTransaction transaction, RawContent content, CancellationToken cancellationToken)
    {
        var connection = await pool.RentAsync(cancellationToken);
        // MailKit answers a refused command with RSET and keeps the session; any other failure may have
        // left it mid-DATA, so only those replies let the connection go back to the pool.
        var reusable = false;
        try
        {
            var client = connection.Client;
            client.BeginTransaction();
            using var message = await RawMessage.CreateAsync(content, cancellationToken);
            try
            {
                var reply = await client.SendAsync(RawMessage.FormatOptionsFor(content, client.Capabilities), message, transaction.Sender!, transaction.Sendable, cancellationToken);
                reusable = true;
                return transaction.Complete(client, RecipientStatus.Delivered, SmtpReplies.Format(SmtpStatusCode.Ok, reply));
            }
            catch (SmtpCommandException) when (client.NoRecipientsAccepted)
            {
                reusable = true;
                return transaction.Complete(client, RecipientStatus.Deferred, "no recipient was accepted");
            }
            catch (SmtpCommandException e) when (SmtpReplies.IsPermanent(e.StatusCode))
            {
                // 5xx to MAIL FROM or DATA: the relay will say the same next time, so never retry. After a
                // refused MAIL FROM the pipelined RCPTs were refused only as a consequence; ignore those replies.
                reusable = true;
                return e.ErrorCode == SmtpErrorCode.SenderNotAccepted
                    ? transaction.All(RecipientStatus.Failed, SmtpReplies.Format(e))
                    : transaction.Complete(client, RecipientStatus.Failed, SmtpReplies.Format(e));
            }
            catch (SmtpCommandException)
            {
                reusable = true;
                throw;
            }
        }
        finally
        {
            pool.Return(connection, reusable);
        }
    }
}
