using System.Globalization;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;
using JdCloudSimulator.Api;
using JdCloudSimulator.World;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudSimulator.Pods;

/// <summary>
/// resizePod's body against the pod and the world (docs/jdcloud-pod-lifecycle.md, "resizePod"): a known type,
/// offered in the region and in stock in the pod's zone, other than the current one; each containerResources item
/// names a container once. Values left out keep the old ones, except a limit equal to the old type's size, which
/// follows the new type. Then the containers' requests together must fit the type and no limit may exceed it.
/// </summary>
internal static class ResizeRules
{
    public static PodSpec Apply(SimulatedWorld world, RegionWorld region, PodSpec current, ResizePodBody body)
    {
        var violations = new List<FieldViolation>();
        var type = NewType(world, region, current, body.InstanceType, violations);
        var changes = Changes(current, body.ContainerResources ?? [], violations);
        if (violations.Count > 0 || type is null) throw ApiException.InvalidArgument(violations);
        var old = world.FindInstanceType(current.InstanceType!);
        var revised = SpecJson.Copy(current);
        revised.InstanceType = type.Name;
        foreach (var container in revised.Containers ?? [])
            container.Resources = Resize(container.Resources, changes.GetValueOrDefault(container.Name!), old, type);
        CheckFit(revised, type, body.ContainerResources is { Count: > 0 }, violations);
        if (violations.Count > 0) throw ApiException.InvalidArgument(violations);
        return revised;
    }

    private static InstanceType? NewType(SimulatedWorld world, RegionWorld region, PodSpec current, string? name, List<FieldViolation> violations)
    {
        var type = name is null ? null : world.FindInstanceType(name);
        if (string.IsNullOrEmpty(name)) violations.Add(new("instanceType", ViolationKind.Required, null, ""));
        else if (name == current.InstanceType) violations.Add(new("instanceType", ViolationKind.Invalid, name, "must differ from the pod's current instance type"));
        else if (type is null || !type.OfferedIn(region.RegionId))
            violations.Add(new("instanceType", ViolationKind.NotSupported, name, $"not a pod instance type offered in {region.RegionId} (see describeInstanceTypes)"));
        else if (!world.InStock(name, current.Az!)) violations.Add(new("instanceType", ViolationKind.Invalid, name, $"is sold out in zone {current.Az}"));
        else return type;
        return null;
    }

    private static Dictionary<string, ResourceRequestsSpec> Changes(PodSpec current, List<ContainerResourceBody?> items, List<FieldViolation> violations)
    {
        var names = (current.Containers ?? []).Select(c => c.Name!).ToList();
        var changes = new Dictionary<string, ResourceRequestsSpec>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"containerResources[{i}]";
            if (string.IsNullOrEmpty(items[i]?.Name)) violations.Add(new($"{path}.name", ViolationKind.Required, null, ""));
            else if (!names.Contains(items[i]!.Name!)) violations.Add(new($"{path}.name", ViolationKind.NotFound, items[i]!.Name, "must name one of the pod's containers (" + string.Join(", ", names) + ")"));
            else if (changes.ContainsKey(items[i]!.Name!)) violations.Add(new($"{path}.name", ViolationKind.Duplicate, items[i]!.Name, ""));
            else if (items[i]!.Resources is null) violations.Add(new($"{path}.resources", ViolationKind.Required, null, ""));
            else
            {
                CheckQuantities(items[i]!.Resources!, $"{path}.resources", violations);
                changes[items[i]!.Name!] = items[i]!.Resources!;
            }
        }
        return changes;
    }

    private static void CheckQuantities(ResourceRequestsSpec resources, string path, List<FieldViolation> violations)
    {
        foreach (var (part, spec) in new[] { ("requests", resources.Requests), ("limits", resources.Limits) })
        {
            if (spec?.Cpu is { } cpu && Quantity.MilliCpu(cpu) is null)
                violations.Add(new($"{path}.{part}.cpu", ViolationKind.Invalid, cpu, "must be a CPU quantity such as 500m or 2"));
            if (spec?.MemoryMB is { } memory && Quantity.MegaBytes(memory) is null)
                violations.Add(new($"{path}.{part}.memoryMB", ViolationKind.Invalid, memory, "must be a memory size in MB such as 1024 or 1024Mi"));
        }
    }

    private static ResourceRequestsSpec? Resize(ResourceRequestsSpec? old, ResourceRequestsSpec? change, InstanceType? oldType, InstanceType type)
    {
        if (old is null && change is null) return null;
        return new ResourceRequestsSpec
        {
            Requests = Merge(old?.Requests, change?.Requests, null, type),
            Limits = Merge(old?.Limits, change?.Limits, oldType, type),
        };
    }

    /// <summary>Given values win; a value left out keeps the old one, or the new type's size for a limit that was the old type's.</summary>
    private static RequestSpec? Merge(RequestSpec? old, RequestSpec? change, InstanceType? oldType, InstanceType type)
    {
        var cpu = change?.Cpu ?? FollowType(old?.Cpu, oldType is null ? null : oldType.Cpu * 1000L, Quantity.MilliCpu, type.Cpu.ToString(CultureInfo.InvariantCulture));
        var memory = change?.MemoryMB ?? FollowType(old?.MemoryMB, oldType?.MemoryMB, Quantity.MegaBytes, type.MemoryMB.ToString(CultureInfo.InvariantCulture));
        return cpu is null && memory is null ? null : new RequestSpec { Cpu = cpu, MemoryMB = memory };
    }

    private static string? FollowType(string? old, long? oldMaximum, Func<string, long?> parse, string newMaximum) =>
        old is not null && oldMaximum is { } max && parse(old) == max ? newMaximum : old;

    private static void CheckFit(PodSpec revised, InstanceType type, bool itemsGiven, List<FieldViolation> violations)
    {
        var containers = revised.Containers ?? [];
        var where = itemsGiven ? "containerResources" : "instanceType";
        var cpu = containers.Sum(c => Quantity.MilliCpu(c.Resources?.Requests?.Cpu ?? "0") ?? 0);
        var memory = containers.Sum(c => Quantity.MegaBytes(c.Resources?.Requests?.MemoryMB ?? "0") ?? 0);
        if (cpu > type.Cpu * 1000L || memory > type.MemoryMB)
            violations.Add(new(where, ViolationKind.Invalid, type.Name,
                $"the containers' requests together ({cpu}m CPU, {memory} MB) must fit instance type {type.Name} ({type.Cpu} CPU, {type.MemoryMB} MB)"));
        foreach (var container in containers.Where(c => Quantity.MilliCpu(c.Resources?.Limits?.Cpu ?? "0") > type.Cpu * 1000L
                     || Quantity.MegaBytes(c.Resources?.Limits?.MemoryMB ?? "0") > type.MemoryMB))
            violations.Add(new(where, ViolationKind.Invalid, container.Name,
                $"container {container.Name}'s limits must not exceed instance type {type.Name} ({type.Cpu} CPU, {type.MemoryMB} MB)"));
    }
}

/// <summary>CPU and memory amounts as the Pod API writes them: <c>500m</c> or <c>2</c>; <c>1024</c>, <c>1024Mi</c> or <c>1Gi</c>.</summary>
internal static class Quantity
{
    public static long? MilliCpu(string text) =>
        text.EndsWith('m') ? Number(text[..^1], 1) : Number(text, 1000);

    public static long? MegaBytes(string text) =>
        text.EndsWith("Gi", StringComparison.Ordinal) ? Number(text[..^2], 1024)
        : text.EndsWith("Mi", StringComparison.Ordinal) ? Number(text[..^2], 1)
        : Number(text, 1);

    private static long? Number(string text, long scale) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? (long)Math.Ceiling(value * scale)
            : null;
}
