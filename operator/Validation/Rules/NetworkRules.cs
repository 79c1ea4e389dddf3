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
        // Counted first without allocating (every review passes here); the groups are read only past the bound.
        var primary = GroupsOf(Property(podSpec, "primaryNetworkInterface"u8));
        var total = primary?.GetArrayLength() ?? 0;
        var hasSecondaries = TryGetArray(podSpec, "secondaryNetworkInterfaces"u8, out var secondaries);
        if (hasSecondaries)
        {
            foreach (var attachment in secondaries.EnumerateArray()) total += GroupsOf(attachment)?.GetArrayLength() ?? 0;
        }
        if (total <= MaxSecurityGroups || !hasSecondaries) return;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        // A list past the bound on its own is its [Items] rule's to report.
        if (!AddGroups(primary, distinct)) return;
        var i = 0;
        foreach (var attachment in secondaries.EnumerateArray())
        {
            if (!AddGroups(GroupsOf(attachment), distinct)) return;
            if (distinct.Count > MaxSecurityGroups)
            {
                context.Push("secondaryNetworkInterfaces");
                context.PushIndex(i);
                context.Add(ViolationKind.TooMany, "networkInterface.securityGroups", distinct.Count,
                    $"must have at most {MaxSecurityGroups} security groups over all the pod's network interfaces (this interface's make it {distinct.Count})");
                context.Pop();
                context.Pop();
                return;
            }
            i++;
        }
    }

    private const int MaxSecurityGroups = 5;

    // False when the list alone is past the bound (reported by its own rule).
    private static bool AddGroups(TreeElement? groups, HashSet<string> distinct)
    {
        if (groups is not { } list) return true;
        if (list.GetArrayLength() > MaxSecurityGroups) return false;
        foreach (var group in list.EnumerateArray())
        {
            if (group.ValueKind == JsonValueKind.String) distinct.Add(group.GetString()!);
        }
        return true;
    }

    private static TreeElement? GroupsOf(TreeElement? attachment) =>
        attachment is { } a && Property(a, "networkInterface"u8) is { } nic && TryGetArray(nic, "securityGroups"u8, out var groups) ? groups : null;

    public static void WarnAzHasNoEffect(TreeElement nic, ValidationContext context)
    {
        if (HasText(nic, "az"u8)) context.Warn("az", "has no effect: the interface is created in the pod's zone (podSpec.az)");
    }
}
