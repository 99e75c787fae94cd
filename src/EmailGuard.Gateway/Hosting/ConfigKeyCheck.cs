using System.Collections;
using System.Reflection;
using EmailGuard.Gateway.Delivery;
using EmailGuard.Gateway.Options;
using Microsoft.Extensions.Configuration;

namespace EmailGuard.Gateway.Hosting;

/// <summary>
/// Finds keys under <c>EmailGuard</c> that no option class has: a typo like <c>MaxRecipents</c> would otherwise be
/// ignored silently and the default would apply. Sections owned by the policy engine are checked there.
/// </summary>
internal static class ConfigKeyCheck
{
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Smtp"] = typeof(SmtpOptions),
        ["Delivery"] = typeof(DeliveryOptions),
        ["Upstream"] = typeof(UpstreamOptions),
        ["Admin"] = typeof(AdminOptions),
        ["Quarantine"] = typeof(QuarantineOptions),
    };

    /// <summary>Sections validated by someone else (the policy loader checks its own keys).</summary>
    private static readonly HashSet<string> Delegated = new(StringComparer.OrdinalIgnoreCase) { "Policy" };

    public static IEnumerable<string> UnknownKeys(IConfiguration configuration)
    {
        var root = configuration.GetSection(GatewayOptions.Section);
        foreach (var child in root.GetChildren())
        {
            if (Delegated.Contains(child.Key))
            {
                continue;
            }
            if (Sections.TryGetValue(child.Key, out var type))
            {
                foreach (var e in Check(child, type))
                {
                    yield return e;
                }
            }
            else if (Property(typeof(GatewayOptions), child.Key) is null)
            {
                yield return $"{child.Path}: unknown key.";
            }
        }
    }

    private static IEnumerable<string> Check(IConfigurationSection section, Type type)
    {
        foreach (var child in section.GetChildren())
        {
            var property = Property(type, child.Key);
            if (property is null)
            {
                yield return $"{child.Path}: unknown key.";
                continue;
            }
            var t = property.PropertyType;
            if (t == typeof(string) || t.IsValueType || Nullable.GetUnderlyingType(t) is not null)
            {
                continue;
            }
            if (typeof(IList).IsAssignableFrom(t) && t.IsGenericType)
            {
                var item = t.GetGenericArguments()[0];
                if (item != typeof(string) && !item.IsValueType)
                {
                    foreach (var element in child.GetChildren())
                    {
                        foreach (var e in Check(element, item))
                        {
                            yield return e;
                        }
                    }
                }
                continue;
            }
            foreach (var e in Check(child, t))
            {
                yield return e;
            }
        }
    }

    private static PropertyInfo? Property(Type type, string key) =>
        type.GetProperty(key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
}
