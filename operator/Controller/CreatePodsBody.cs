using System.Text.Json;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Controller;

/// <summary>The podSpec a createPods call sends: the resource's, under the name chosen, tagged with its owner.</summary>
internal static class CreatePodsBody
{
    /// <summary>A copy of <paramref name="podSpec"/> (the resource's own is never changed) as createPods gets it.</summary>
    public static PodSpec PodSpecOf(PodSpec podSpec, string name, string ownerValue)
    {
        var json = EntityJsonContext.Default.PodSpec;
        var sent = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(podSpec, json), json)!;
        sent.Name = name;
        // The user's tags and the owner tag, which the validator keeps room for (docs/ownership.md).
        sent.UserTags = [.. sent.UserTags ?? [], new Tag { Key = OwnerTag.Key, Value = ownerValue }];
        SendChargeUnit(sent.Charge);
        SendChargeUnit(sent.ElasticIp?.ChargeSpec);
        return sent;
    }

    // chargeUnit is required wherever a duration is in effect (prepaid, or the prepaid billing a postpaid resource
    // converts to) and documented as month by default: the default is sent, not left to the cloud (docs/jdcloud-api.md,
    // Readings, 4). Elsewhere unit and duration have no effect, and the validator lets any duration through with a
    // warning, so they are not sent: a value out of the prepaid range must not reach a check that ignores the mode.
    private static void SendChargeUnit(ChargeSpec? charge)
    {
        if (charge is null) return;
        if (charge.ChargeMode == ChargeModes.PrepaidByDuration || charge.AutoChangeChargeMode == true)
            charge.ChargeUnit ??= ChargeUnits.Month;
        else
            (charge.ChargeUnit, charge.ChargeDuration) = (null, null);
    }
}
