using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using JdCloudPodOperator.KubernetesApi;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>
/// Generated JSON metadata for the tests' own resource types, which the operator's <see cref="ApiJson"/> does not
/// have; added to it when the test assembly loads, before any client reads or writes an object.
/// </summary>
[JsonSerializable(typeof(Widget))]
[JsonSerializable(typeof(EntityList<Widget>))]
[JsonSerializable(typeof(V1ConfigMap))]
[JsonSerializable(typeof(EntityList<V1ConfigMap>))]
internal sealed partial class TestJsonContext : JsonSerializerContext
{
    [ModuleInitializer]
    internal static void Register() => ApiJson.Add(Default);
}
