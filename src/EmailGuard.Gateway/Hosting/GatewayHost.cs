using System.Reflection;
using EmailGuard.Gateway.Admin;
using EmailGuard.Gateway.Actions;
using EmailGuard.Gateway.Delivery;
using EmailGuard.Gateway.Metrics;
using EmailGuard.Gateway.Options;
using EmailGuard.Gateway.Policy;
using EmailGuard.Gateway.Queue;
using EmailGuard.Gateway.Receive;
using EmailGuard.Gateway.Spool;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace EmailGuard.Gateway.Hosting;

/// <summary>Builds the EmailGuard service: configuration, validation, and the receive → spool → deliver pipeline.</summary>
public static class GatewayHost
{
    public const string ConfigFileName = "emailguard.json";

    /// <summary>The build's version (with its commit), for <c>emailguard version</c> and the metrics' <c>target_info</c>.</summary>
    public static string Version { get; } =
        typeof(GatewayHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>
    /// Configuration in precedence order: <c>CONFIGDIR/emailguard.json</c>, environment (<c>EMAILGUARD__SMTP__MAXRECIPIENTS</c>),
    /// then command-line overrides (<c>--EmailGuard:Smtp:MaxRecipients=100</c>).
    /// </summary>
    public static IConfigurationRoot LoadConfiguration(string configDirectory, string[] args, IDictionary<string, string?>? overrides = null)
    {
        var file = Path.GetFullPath(Path.Combine(configDirectory, ConfigFileName));
        if (!File.Exists(file))
        {
            throw new InvalidConfigurationException([$"{file}: configuration file not found (use --config DIR)."]);
        }
        try
        {
            return new ConfigurationBuilder()
                .AddJsonFile(file, optional: false, reloadOnChange: false)
                .AddEnvironmentVariables()
                .AddConfiguration(CommandLine(args, overrides))
                .Build();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidConfigurationException([$"{file}: {e.Message} {e.InnerException?.Message}"]);
        }
        catch (FormatException e)
        {
            throw new InvalidConfigurationException([$"{file}: {e.Message}"]);
        }
    }

    /// <summary>
    /// What outranks the file and the environment: the command line (and a test's overrides). The policy is re-read
    /// from the file on reload, so it lays these over each fresh read.
    /// </summary>
    public static IConfiguration CommandLine(string[] args, IDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder().AddCommandLine(args);
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }
        return builder.Build();
    }

    /// <summary>Builds the host; throws <see cref="InvalidConfigurationException"/> listing every problem found.</summary>
    public static IHost Build(string configDirectory, string[] args, Action<IServiceCollection>? configure = null, IDictionary<string, string?>? overrides = null)
    {
        var configuration = LoadConfiguration(configDirectory, args, overrides);
        var settings = GatewaySettings.Load(configuration);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            DisableDefaults = true,
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        builder.Logging.AddConsole();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(settings);
        services.AddSingleton(MsOptions.Create(settings.Gateway));
        services.AddSingleton(MsOptions.Create(settings.Smtp));
        services.AddSingleton(MsOptions.Create(settings.Delivery));
        services.AddSingleton(MsOptions.Create(settings.Upstream));
        services.AddSingleton(MsOptions.Create(settings.Admin));
        services.AddMetrics();
        services.AddSingleton(MsOptions.Create(settings.Quarantine));
        // Recovery (dropping unfinished writes) happens here, before anything listens: done later, it raced the
        // first message's write into tmp/. Only the service recovers; the CLI must never touch tmp/.
        var spool = new MessageSpool(settings.Gateway.DataDirectory);
        spool.Recover();
        services.AddSingleton(spool);
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton(sp => new NoticeQueue(sp.GetRequiredService<MessageSpool>(), sp.GetRequiredService<DeliveryQueue>().Enqueue));
        services.AddEmailGuardPolicy(configDirectory, CommandLine(args, overrides));
        services.AddSingleton<IUpstream>(sp => UpstreamFactory.Create(settings.Upstream, settings.Gateway.DataDirectory, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<ReadinessCheck>();
        if (settings.Admin.Enabled)
        {
            services.AddSingleton<AdminServer>();
            services.AddHostedService(sp => sp.GetRequiredService<AdminServer>());
        }
        services.AddSingleton<SmtpReceiver>();
        services.AddHostedService(sp => sp.GetRequiredService<SmtpReceiver>());
        services.AddSingleton<QueueRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueRunner>());
        services.AddSingleton(new TemplateDirectory(Path.Combine(configDirectory, settings.Quarantine.TemplateDirectory)));
        services.AddSingleton(sp => new Notices(
            sp.GetRequiredService<NoticeQueue>(),
            () => sp.GetRequiredService<IPolicySource>().Current,
            settings.Delivery.Postmaster(settings.Gateway),
            sp.GetRequiredService<TemplateDirectory>(),
            settings.Quarantine,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Notices>>()));
        services.AddSingleton(sp => new AuditLog(settings.Gateway.DataDirectory));
        services.AddSingleton(sp => new Quarantine(sp.GetRequiredService<MessageSpool>(), sp.GetRequiredService<Notices>(), sp.GetRequiredService<AuditLog>(), sp.GetRequiredService<ILogger<Quarantine>>()));
        services.AddSingleton<VerdictActions>();
        services.AddSingleton<QuarantineExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<QuarantineExpiry>());
        configure?.Invoke(services);
        return builder.Build();
    }
}
