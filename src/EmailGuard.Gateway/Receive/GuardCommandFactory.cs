using SmtpServer;
using SmtpServer.Protocol;

namespace EmailGuard.Gateway.Receive;

/// <summary>SmtpServer's commands, with an EHLO that offers AUTH only when accounts are configured.</summary>
internal sealed class GuardCommandFactory(bool offerAuth) : SmtpCommandFactory
{
    public override SmtpCommand CreateEhlo(string domainOrAddress) => new Ehlo(domainOrAddress, offerAuth);

    private sealed class Ehlo(string domainOrAddress, bool offerAuth) : EhloCommand(domainOrAddress)
    {
        protected override IEnumerable<string> GetExtensions(ISessionContext context) =>
            base.GetExtensions(context).Where(e => offerAuth || !e.StartsWith("AUTH", StringComparison.Ordinal));

        protected override string GetGreeting(ISessionContext context) => context.ServerOptions.ServerName;
    }
}
