using Microsoft.Extensions.Logging;

namespace EmailGuard.Gateway.Delivery;

/// <summary>Chooses the upstream the configuration asks for.</summary>
public static class UpstreamFactory
{
    /// <param name="dataDirectory">Base for a relative <see cref="UpstreamOptions.PickupDirectory"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every error.</exception>
    public static IUpstream Create(UpstreamOptions options, string dataDirectory, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid upstream options: " + string.Join("; ", errors), nameof(options));
        }
        return options.Mode switch
        {
            UpstreamMode.Smtp => new SmtpUpstream(options, timeProvider, loggerFactory),
            _ => new PickupDirectoryUpstream(Path.Combine(dataDirectory, options.PickupDirectory), timeProvider, loggerFactory),
        };
    }
}
