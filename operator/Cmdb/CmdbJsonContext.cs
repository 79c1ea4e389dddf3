using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace JdCloudPodOperator.Cmdb;

/// <summary>
/// Compile-time JSON metadata for the three kube pod APIs' bodies and replies (no reflection at run time, README
/// "Memory and start-up"); the wire format stays <see cref="CmdbClient"/>'s options, whose type resolver this is.
/// A filter rule's <c>value</c> is an object: the types it is given (<see cref="CmdbPodLookup"/>) are listed too.
/// </summary>
[JsonSerializable(typeof(BatchCreateKubePodRequest))]
[JsonSerializable(typeof(BatchDeleteKubePodRequest))]
[JsonSerializable(typeof(ListKubePodRequest))]
[JsonSerializable(typeof(CmdbEnvelope))]
[JsonSerializable(typeof(BatchCreateKubePodResult))]
[JsonSerializable(typeof(ListKubePodResult))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class CmdbJsonContext : JsonSerializerContext;
