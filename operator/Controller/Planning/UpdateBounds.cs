using System.Globalization;
using JdCloudPodOperator.Entities;
using k8s.Models;

namespace JdCloudPodOperator.Controller.Planning;

/// <summary>
/// How many pods an update may take below maxCount (<see cref="MaxUnavailable"/>) and add above it
/// (<see cref="MaxSurge"/>), resolved as a Deployment resolves them: a percentage of maxCount, rounded down for
/// maxUnavailable and up for maxSurge; both 0 after rounding makes maxUnavailable 1.
/// </summary>
public sealed record UpdateBounds(int MaxUnavailable, int MaxSurge)
{
    public static UpdateBounds For(JdCloudPodSpec spec)
    {
        var desired = spec.MaxCount ?? 1;
        // Every pod at once, and no extra pod: old pods go before new ones come.
        if (spec.UpdateStrategy?.Type == UpdateStrategyTypes.Recreate) return new UpdateBounds(desired, 0);
        var rolling = spec.UpdateStrategy?.RollingUpdate;
        var unavailable = Resolve(rolling?.MaxUnavailable, RollingUpdateSpec.DefaultMaxUnavailable, desired, roundUp: false);
        var surge = Resolve(rolling?.MaxSurge, RollingUpdateSpec.DefaultMaxSurge, desired, roundUp: true);
        // A pod that holds something only one pod can (a pinned address, an existing disk) cannot have a twin.
        if (HoldsExclusive(spec.PodSpec)) surge = 0;
        return new UpdateBounds(unavailable == 0 && surge == 0 ? 1 : unavailable, surge);
    }

    private static int Resolve(IntOrString? value, int fallback, int desired, bool roundUp)
    {
        var text = value?.Value;
        if (string.IsNullOrEmpty(text)) return fallback;
        var percent = text.EndsWith('%');
        // The validator has refused anything else before the controller gets here.
        if (!int.TryParse(percent ? text[..^1] : text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return fallback;
        if (!percent) return number;
        var scaled = number * desired;
        return roundUp ? (scaled + 99) / 100 : scaled / 100;
    }

    /// <summary>
    /// The spec names what a pod holds alone until it is gone: a private or IPv6 address on any interface, or an
    /// existing cloud disk (system disk or data volume). A new pod can take it only after the old one is deleted.
    /// </summary>
    public static bool HoldsExclusive(PodSpec? podSpec) =>
        podSpec is not null
        && (Pins(podSpec.PrimaryNetworkInterface?.NetworkInterface)
            || podSpec.SecondaryNetworkInterfaces?.Any(n => Pins(n.NetworkInterface)) == true
            || podSpec.Containers?.Any(c => c.SystemDisk?.VolumeId is not null) == true
            || podSpec.Volumes?.Any(v => v.JdcloudDisk?.VolumeId is not null) == true);

    private static bool Pins(NetworkInterfaceSpec? nic) =>
        nic is not null && (nic.PrimaryIpAddress is not null || nic.SecondaryIpAddresses is { Count: > 0 } || nic.Ipv6Address is not null);
}
