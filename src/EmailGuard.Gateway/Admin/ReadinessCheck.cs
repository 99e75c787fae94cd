using System.Text.Json;
using EmailGuard.Gateway.Delivery;
using EmailGuard.Gateway.Policy;
using EmailGuard.Gateway.Spool;

namespace EmailGuard.Gateway.Admin;

/// <summary>
/// What <c>/health/ready</c> reports: ready when the spool takes writes, the policy loaded and its last reload was
/// accepted, and the upstream circuit is not open. Each check carries a detail an operator can act on; a refused
/// reload shows its reasons (file and line numbers, never names or addresses: see <see cref="PolicyLoader"/>).
/// </summary>
public sealed class ReadinessCheck(MessageSpool spool, IPolicySource policy, IUpstream upstream)
{
    public sealed record Check(string Name, bool Ok, string Detail);

    public IReadOnlyList<Check> Run()
    {
        var spoolOk = spool.ProbeWritable(out var spoolError);
        var current = policy.Current;
        var reloadError = policy is FilePolicySource file ? file.LastReloadError : null;
        var circuitOpen = upstream is IUpstreamCircuit { IsCircuitOpen: true };
        return
        [
            new Check("spool", spoolOk, spoolOk ? $"writable: {spool.Root}" : $"not writable: {spoolError}"),
            new Check("policy", reloadError is null, reloadError is null
                ? $"loaded: {current.PupilCount} pupils, {current.StaffCount} staff, {current.EnabledRuleCount} rules enabled"
                : $"last reload refused, still enforcing the last good policy ({current.PupilCount} pupils, {current.StaffCount} staff): {reloadError}"),
            new Check("upstream", !circuitOpen, circuitOpen
                ? "circuit open: the relay failed repeatedly; deliveries are deferred until it recovers"
                : upstream is IUpstreamCircuit ? "circuit closed" : "pickup directory (no circuit)"),
        ];
    }

    /// <summary>The body of <c>/health/ready</c>: <c>{"status":"ready"|"not ready","checks":{name:{ok,detail}}}</c>.</summary>
    public static byte[] ToJson(IReadOnlyList<Check> checks)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("status", checks.All(c => c.Ok) ? "ready" : "not ready");
            json.WriteStartObject("checks");
            foreach (var c in checks)
            {
                json.WriteStartObject(c.Name);
                json.WriteBoolean("ok", c.Ok);
                json.WriteString("detail", c.Detail);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
