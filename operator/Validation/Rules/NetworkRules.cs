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
        if (Has(nic, "secondaryIpAddresses"u8)) context.Add(ViolationKind.Forbidden, "secondaryIpAddresses", null, detail);
        if (Has(nic, "ipv6Address"u8)) context.Add(ViolationKind.Forbidden, "ipv6Address", null, detail);
    }

    public static void WarnAzHasNoEffect(TreeElement nic, ValidationContext context)
    {
        if (HasText(nic, "az"u8)) context.Warn("az", "has no effect: the interface is created in the pod's zone (podSpec.az)");
    }
}
