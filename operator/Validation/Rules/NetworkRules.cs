using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>The primary network interface (docs/jdcloud-api.md, createPods rules, items 34, 37 and 42).</summary>
internal static class NetworkRules
{
    public static void AutoDeleteOnlyTrue(NetworkInterfaceAttachmentSpec attachment, ValidationContext context)
    {
        if (attachment.AutoDelete == false)
        {
            context.Add(ViolationKind.NotSupported, "autoDelete", false, "supported values: true (the interface is deleted with the pod)");
        }
    }

    /// <summary>Explicit addresses cannot be shared by several pods; secondaryIpCount can (docs/jdcloud-api.md,
    /// Readings, 18).</summary>
    public static void ExplicitIpsOnlyForOnePod(NetworkInterfaceSpec nic, ValidationContext context)
    {
        if (context.MaxCount == 1) return;
        var detail = $"may be set only when maxCount is 1 (it is {context.MaxCount}): each pod needs its own addresses; use secondaryIpCount to have them allocated";
        if (nic.PrimaryIpAddress is not null) context.Add(ViolationKind.Forbidden, "primaryIpAddress", null, detail);
        if (nic.SecondaryIpAddresses is not null) context.Add(ViolationKind.Forbidden, "secondaryIpAddresses", null, detail);
    }

    public static void WarnAzHasNoEffect(NetworkInterfaceSpec nic, ValidationContext context)
    {
        if (!string.IsNullOrEmpty(nic.Az)) context.Warn("az", "has no effect: the interface is created in the pod's zone (podSpec.az)");
    }
}
