using System.Reflection;
using EmailGuard.Gateway.Hosting;
using Microsoft.Extensions.Logging;

namespace EmailGuard.Gateway.Tests.Hosting;

public class LogEventIdTests
{
    [Test]
    public void Every_log_event_id_in_the_gateway_is_used_once()
    {
        // Dashboards and alerts key on event ids: two messages sharing one would be counted as the same event.
        var ids = typeof(GatewayHost).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Attribute!.EventId, Name: $"{x.Method.DeclaringType!.Name}.{x.Method.Name}"))
            .ToList();

        Assert.That(ids, Has.Count.GreaterThan(20));
        var duplicates = ids.GroupBy(x => x.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Name))}");
        Assert.That(duplicates, Is.Empty);
    }
}
