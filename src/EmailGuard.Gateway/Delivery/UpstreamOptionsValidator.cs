using Microsoft.Extensions.Options;

namespace EmailGuard.Gateway.Delivery;

/// <summary>
/// Lets the host refuse to start on bad upstream settings, listing every error at once:
/// <c>services.AddOptions&lt;UpstreamOptions&gt;().BindConfiguration(UpstreamOptions.SectionName).ValidateOnStart();</c>
/// plus <c>services.AddSingleton&lt;IValidateOptions&lt;UpstreamOptions&gt;, UpstreamOptionsValidator&gt;();</c>.
/// </summary>
public sealed class UpstreamOptionsValidator : IValidateOptions<UpstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
