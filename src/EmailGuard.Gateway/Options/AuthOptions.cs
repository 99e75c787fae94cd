namespace EmailGuard.Gateway.Options;

/// <summary>SMTP AUTH (PLAIN/LOGIN, over TLS only): section <c>EmailGuard:Smtp:Auth</c>.</summary>
public sealed class AuthOptions
{
    /// <summary>Require AUTH before MAIL, in addition to the network check. Default false.</summary>
    public bool Required { get; set; }

    /// <summary>Accounts allowed to authenticate; passwords only as hashes from <c>emailguard hash-password</c>.</summary>
    public List<AuthUser> Users { get; set; } = [];

    public IEnumerable<string> Validate(bool tlsEnabled)
    {
        const string P = "EmailGuard:Smtp:Auth:";
        if (Required && Users.Count == 0)
        {
            yield return P + "Required is true but Users is empty.";
        }
        if ((Required || Users.Count > 0) && !tlsEnabled)
        {
            yield return P + "AUTH is offered over TLS only: set EmailGuard:Smtp:Tls:CertificatePath.";
        }
        for (var i = 0; i < Users.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Users[i].Name))
            {
                yield return $"{P}Users:{i}:Name is required.";
            }
            if (!Receive.PasswordHash.IsWellFormed(Users[i].PasswordHash))
            {
                yield return $"{P}Users:{i}:PasswordHash is not a hash made by 'emailguard hash-password'.";
            }
        }
    }
}

public sealed class AuthUser
{
    public string Name { get; set; } = "";

    public string PasswordHash { get; set; } = "";
}
