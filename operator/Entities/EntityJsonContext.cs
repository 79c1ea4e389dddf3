using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace JdCloudPodOperator.Entities;

/// <summary>
/// Compile-time JSON metadata for the entity parts the operator writes itself, not through KubernetesClient: the spec
/// the validator reads as JSON, the podSpec compared and hashed, the cmdb object read back (no reflection at run time,
/// docs/performance.md, "Memory and start-up"). As the API server stores a resource: unset (null) fields left out. A manifest's
/// document tree is here too, for the validator to read it as an element.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JdCloudPodSpec))]
[JsonSerializable(typeof(PodSpec))]
[JsonSerializable(typeof(CmdbSpec))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class EntityJsonContext : JsonSerializerContext;
