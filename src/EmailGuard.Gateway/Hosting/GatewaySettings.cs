using EmailGuard.Gateway.Delivery;
using EmailGuard.Gateway.Options;
using Microsoft.Extensions.Configuration;

namespace EmailGuard.Gateway.Hosting;

/// <summary>
/// All option classes bound from one configuration and validated together, before anything starts.
/// The CLI reads the same settings to find the spool.
/// </summary>
public sealed record GatewaySettings(GatewayOptions Gateway, SmtpOptions Smtp, DeliveryOptions Delivery, UpstreamOptions Upstream, AdminOptions Admin, QuarantineOptions Quarantine)
{
    public static GatewaySettings Load(IConfiguration configuration)
    {
        var errors = new List<string>();
        var gateway = Bind<GatewayOptions>(configuration, GatewayOptions.Section, errors);
        var smtp = Bind<SmtpOptions>(configuration, SmtpOptions.Section, errors);
        var delivery = Bind<DeliveryOptions>(configuration, DeliveryOptions.Section, errors);
        var upstream = Bind<UpstreamOptions>(configuration, UpstreamOptions.SectionName, errors);
        var admin = Bind<AdminOptions>(configuration, AdminOptions.Section, errors);
        var quarantine = Bind<QuarantineOptions>(configuration, QuarantineOptions.Section, errors);
        if (smtp.Endpoints.Count == 0)
        {
            smtp.Endpoints.Add("127.0.0.1:2525");
        }
        if (smtp.AllowedNetworks.Count == 0)
        {
            smtp.AllowedNetworks.AddRange(["127.0.0.0/8", "::1/128"]);
        }
        errors.AddRange(ConfigKeyCheck.UnknownKeys(configuration));
        errors.AddRange(gateway.Validate());
        errors.AddRange(smtp.Validate());
        errors.AddRange(delivery.Validate());
        errors.AddRange(upstream.Validate());
        errors.AddRange(admin.Validate());
        errors.AddRange(quarantine.Validate());
        if (errors.Count > 0)
        {
            throw new InvalidConfigurationException(errors);
        }
        return new GatewaySettings(gateway, smtp, delivery, upstream, admin, quarantine);
    }

    private static T Bind<T>(IConfiguration configuration, string section, List<string> errors) where T : new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key and the value it could not convert.
            errors.Add(e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}");
        }
        return options;
    }
}
