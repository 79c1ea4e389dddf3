using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace JdCloudPodOperator.KubernetesApi;

/// <summary>
/// The options <see cref="EntityClient{T}"/> and <see cref="Runtime.ResourceCache{T}"/> read and write objects with:
/// <see cref="KubernetesJsonContext"/>'s, and its generated metadata. There is no reflection fallback: a type missing
/// from the context fails at its client's first use, in the JIT build as in the native one.
/// </summary>
public static class ApiJson
{
    private static readonly JsonSerializerOptions Options = new(KubernetesJsonContext.Default.Options);

    /// <summary>The metadata of <typeparamref name="T"/>.</summary>
    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Info(typeof(T));

    /// <summary>The metadata of <paramref name="type"/>.</summary>
    public static JsonTypeInfo Info(Type type) =>
        Options.TryGetTypeInfo(type, out var info) ? info
            : throw new NotSupportedException($"{type.Name} has no JSON metadata: add [JsonSerializable(typeof({type.Name}))] to {nameof(KubernetesJsonContext)}");

    /// <summary>
    /// Adds the metadata of types the operator does not have (the tests' own resources), with the same options; only
    /// before the first object is read or written.
    /// </summary>
    internal static void Add(IJsonTypeInfoResolver resolver) => Options.TypeInfoResolverChain.Add(resolver);
}
