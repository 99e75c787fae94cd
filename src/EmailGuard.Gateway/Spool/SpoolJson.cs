using System.Text.Json.Serialization;

namespace EmailGuard.Gateway.Spool;

[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SpoolEnvelope))]
[JsonSerializable(typeof(DeliveryState))]
internal sealed partial class SpoolJson : JsonSerializerContext;
