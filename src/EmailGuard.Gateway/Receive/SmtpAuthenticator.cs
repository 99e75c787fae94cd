using EmailGuard.Gateway.Options;
using SmtpServer;
using SmtpServer.Authentication;

namespace EmailGuard.Gateway.Receive;

/// <summary>
/// Checks AUTH against the configured hashes. Registered even when AUTH is off, because SmtpServer's fallback
/// authenticator accepts any credentials; with no users configured every attempt fails.
/// </summary>
internal sealed class SmtpAuthenticator(AuthOptions options) : IUserAuthenticator
{
    private readonly Dictionary<string, string> _hashes = options.Users.ToDictionary(u => u.Name, u => u.PasswordHash, StringComparer.Ordinal);

    public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken) =>
        Task.FromResult(context.Pipe.IsSecure && _hashes.TryGetValue(user, out var hash) && PasswordHash.Verify(password, hash));
}
