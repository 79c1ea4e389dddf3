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
        // A pod with a pinned private IP cannot have a twin: every pod created takes the spec's addresses.
        if (PinsAddresses(spec.PodSpec)) surge = 0;
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

    private static bool PinsAddresses(PodSpec? podSpec) =>
        podSpec?.PrimaryNetworkInterface?.NetworkInterface is { } nic
        && (nic.PrimaryIpAddress is not null || nic.SecondaryIpAddresses is { Count: > 0 });
}
