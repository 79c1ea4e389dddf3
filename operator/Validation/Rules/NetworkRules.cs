using System.Text.Json;
using JdCloudPodOperator.Entities.Constraints;
using static JdCloudPodOperator.Validation.JsonFields;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>Network interfaces (docs/jdcloud-api.md, createPods rules, items 37 and 42; item 34, autoDelete only true,
/// is the attribute [OneOf(true)]).</summary>
internal static class NetworkRules
{
    /// <summary>
    /// Explicit addresses cannot be shared by several pods; secondaryIpCount and ipv6AddressCount can (docs/jdcloud-api.md,
    /// Readings, 18). The document names primaryIpAddress and secondaryIpAddresses; ipv6Address is the same kind of value.
    /// </summary>
    public static void ExplicitIpsOnlyForOnePod(TreeElement nic, ValidationContext context)
    {
        if (context.MaxCount == 1) return;
        var detail = $"may be set only when maxCount is 1 (it is {context.MaxCount}): each pod needs its own addresses; use secondaryIpCount or ipv6AddressCount to have them allocated";
        if (Has(nic, "primaryIpAddress"u8)) context.Add(ViolationKind.Forbidden, "primaryIpAddress", null, detail);
        // An empty list names no address.
        if (TryGetArray(nic, "secondaryIpAddresses"u8, out var secondary) && secondary.GetArrayLength() > 0) context.Add(ViolationKind.Forbidden, "secondaryIpAddresses", null, detail);
        if (Has(nic, "ipv6Address"u8)) context.Add(ViolationKind.Forbidden, "ipv6Address", null, detail);
    }

    /// <summary>
    /// "一个 pod 创建时至多指定5个安全组": at most 5 security groups for the pod, over all its interfaces (each
    /// interface's own list is bounded by its [Items]). A group named on two interfaces is one group.
    /// </summary>
    public static void AtMostFiveSecurityGroups(TreeElement podSpec, ValidationContext context)
    {
        var lists = new List<(string Field, int Index, TreeElement Groups)>(2);
        if (GroupsOf(Property(podSpec, "primaryNetworkInterface"u8)) is { } primary) lists.Add(("primaryNetworkInterface", -1, primary));
        if (TryGetArray(podSpec, "secondaryNetworkInterfaces"u8, out var secondaries))
        {
            var i = 0;
            foreach (var attachment in secondaries.EnumerateArray())
            {
                if (GroupsOf(attachment) is { } groups) lists.Add(("secondaryNetworkInterfaces", i, groups));
                i++;
            }
        }
        // A list past the bound on its own is its [Items] rule's to report.
        if (lists.Count < 2 || lists.Sum(l => l.Groups.GetArrayLength()) <= MaxSecurityGroups ||
            lists.Exists(l => l.Groups.GetArrayLength() > MaxSecurityGroups)) return;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (field, index, groups) in lists)
        {
            foreach (var group in groups.EnumerateArray())
            {
                if (group.ValueKind == JsonValueKind.String) distinct.Add(group.GetString()!);
            }
            if (distinct.Count <= MaxSecurityGroups) continue;
            context.Push(field);
            if (index >= 0) context.PushIndex(index);
            context.Add(ViolationKind.TooMany, "networkInterface.securityGroups", distinct.Count,
                $"must have at most {MaxSecurityGroups} security groups over all the pod's network interfaces (this interface's make it {distinct.Count})");
            if (index >= 0) context.Pop();
            context.Pop();
            return;
        }
    }

    private const int MaxSecurityGroups = 5;

    private static TreeElement? GroupsOf(TreeElement? attachment) =>
        attachment is { } a && Property(a, "networkInterface"u8) is { } nic && TryGetArray(nic, "securityGroups"u8, out var groups) ? groups : null;

    public static void WarnAzHasNoEffect(TreeElement nic, ValidationContext context)
    {
        if (HasText(nic, "az"u8)) context.Warn("az", "has no effect: the interface is created in the pod's zone (podSpec.az)");
    }
}
