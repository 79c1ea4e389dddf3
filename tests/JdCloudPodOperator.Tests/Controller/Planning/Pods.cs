using JdCloudPodOperator.Controller.Planning;

namespace JdCloudPodOperator.Tests.Controller.Planning;

/// <summary>Small builders for observed cloud pods.</summary>
internal static class Pods
{
    public static ObservedPod Pod(string id, string phase = "running", string? name = null, string? owner = null) =>
        new(id, name ?? "web-" + id, phase, "10.0.0.1", null, phase == "running", null, owner);

    public static IReadOnlyDictionary<string, ObservedPod> Observed(params ObservedPod[] pods) =>
        pods.ToDictionary(p => p.PodId);
}
