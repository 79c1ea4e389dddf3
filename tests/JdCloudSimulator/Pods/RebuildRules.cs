using System.Text.RegularExpressions;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud.Models;
using JdCloudPodOperator.Validation;
using JdCloudSimulator.Api;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudSimulator.Pods;

/// <summary>
/// rebuildPod's body against the pod (docs/jdcloud-pod-lifecycle.md, "rebuildPod"): every item names an existing
/// container once (containers cannot be added or removed; those left out keep their spec); a field left out falls
/// back to the image's default, not to the old value; the result must pass the product's validator as a pod spec
/// (image limits, env, probes, mounts naming the pod's volumes). Resources and system disks are kept.
/// </summary>
internal static partial class RebuildRules
{
    public static (PodSpec Revised, IReadOnlySet<string> Rebuilt) Apply(PodSpec current, RebuildPodBody body)
    {
        if (body.Containers is not { Count: > 0 } items)
            throw ApiException.InvalidArgument("containers", ViolationKind.Required, null, "rebuildPod needs at least one container");
        var revised = SpecJson.Copy(current);
        var names = (revised.Containers ?? []).Select(c => c.Name!).ToList();
        var itemOf = new Dictionary<int, int>(); // pod container index -> body item index
        var violations = new List<FieldViolation>();
        for (var i = 0; i < items.Count; i++)
        {
            var target = Target(items[i], i, names, itemOf, violations);
            if (target is { } j)
            {
                itemOf[j] = i;
                Overwrite(revised.Containers![j], items[i]!);
            }
        }
        if (violations.Count == 0)
            violations.AddRange(CreatePodsValidation.ValidatePodSpec(revised, 1).Violations.Select(v => v with { Field = BodyPath(v.Field, itemOf) }));
        if (violations.Count > 0) throw ApiException.InvalidArgument(violations);
        return (revised, itemOf.Keys.Select(j => names[j]).ToHashSet());
    }

    /// <summary>The index of the pod container the item names, or null with a violation.</summary>
    private static int? Target(RebuildContainerSpec? item, int i, List<string> names, Dictionary<int, int> itemOf, List<FieldViolation> violations)
    {
        var path = $"containers[{i}]";
        if (item is null)
        {
            violations.Add(new(path, ViolationKind.Required, null, ""));
            return null;
        }
        if (string.IsNullOrEmpty(item.Name))
            violations.Add(new($"{path}.name", ViolationKind.Required, null, "name the container to rebuild (the 2019 key containerName is not accepted)"));
        else if (names.IndexOf(item.Name) is var j && j < 0)
            violations.Add(new($"{path}.name", ViolationKind.NotFound, item.Name, "must name one of the pod's containers (" + string.Join(", ", names) + "); rebuildPod cannot add containers"));
        else if (itemOf.ContainsKey(j))
            violations.Add(new($"{path}.name", ViolationKind.Duplicate, item.Name, ""));
        else if (string.IsNullOrEmpty(item.Image))
            violations.Add(new($"{path}.image", ViolationKind.Required, null, ""));
        else
            return j;
        return null;
    }

    private static void Overwrite(ContainerSpec container, RebuildContainerSpec item)
    {
        container.Image = item.Image;
        container.Command = item.Command;
        container.Args = item.Args;
        container.Env = item.Env;
        container.Secret = item.Secret;
        container.Tty = item.Tty;
        container.WorkingDir = item.WorkingDir;
        container.LivenessProbe = item.LivenessProbe;
        container.ReadinessProbe = item.ReadinessProbe;
        container.VolumeMounts = item.VolumeMounts;
    }

    /// <summary>"podSpec.containers[2].image" becomes "containers[0].image" when body item 0 rebuilt pod container 2.</summary>
    private static string BodyPath(string field, Dictionary<int, int> itemOf)
    {
        var match = ContainerPath().Match(field);
        return match.Success && itemOf.TryGetValue(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), out var i)
            ? $"containers[{i}]{field[match.Length..]}"
            : field;
    }

    [GeneratedRegex(@"^podSpec\.containers\[(\d+)\]")]
    private static partial Regex ContainerPath();
}
