using System.Text.Json;
using JdCloudPodOperator.Entities;

namespace JdCloudSimulator.Pods;

/// <summary>The parts of the Pod model copied from the spec, serialized once per createPods call (they never
/// change until a call revises one pod's spec), so that describing thousands of pods costs no reflection.</summary>
internal sealed record SpecJson(JsonElement? DnsConfig, JsonElement? LogConfig, JsonElement? HostAliases, JsonElement? Volumes, IReadOnlyList<JsonElement> Containers)
{
    public static SpecJson Of(PodSpec spec) => new(
        Element(spec.DnsConfig), Element(spec.LogConfig), Element(spec.HostAliases), Element(spec.Volumes),
        [.. (spec.Containers ?? []).Select(c => Element(c) ?? Empty)]);

    /// <summary>A deep copy, for a pod whose spec a call revises (the original may be shared with other pods).</summary>
    public static PodSpec Copy(PodSpec spec) =>
        JsonSerializer.Deserialize<PodSpec>(JsonSerializer.SerializeToUtf8Bytes(spec, SimulatorJson.Options), SimulatorJson.Options)!;

    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement;

    private static JsonElement? Element<T>(T? value) =>
        value is null ? null : JsonSerializer.SerializeToElement(value, SimulatorJson.Options);
}
