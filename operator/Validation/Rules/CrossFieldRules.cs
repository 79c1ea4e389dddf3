using System.Text.Json;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>
/// Rules that relate fields to each other, by the type they start from. They run after the type's single-field
/// rules, on the JSON object, with the context pointing at it. Warnings live with the rule about the same fields.
/// </summary>
internal static class CrossFieldRules
{
    private static readonly Dictionary<Type, Action<TreeElement, ValidationContext>> Rules = new()
    {
        [typeof(JdCloudPodSpec)] = Rule(NameRules.RoomForSuffixes, TagRules.RoomForOwnerTag),
        [typeof(PodSpec)] = Rule(ImageCacheRules.WarnAutoCreateWithoutAutoMatch, NetworkRules.AtMostFiveSecurityGroups),
        [typeof(NetworkInterfaceSpec)] = Rule(NetworkRules.ExplicitIpsOnlyForOnePod, NetworkRules.WarnAzHasNoEffect),
        [typeof(ChargeSpec)] = Rule(ChargeRules.PrepaidDuration, ChargeRules.ConversionDate, ChargeRules.ConversionDateIsADay, ChargeRules.ConversionOnlyFromPostpaid,
            ChargeRules.WarnPostpaidIgnoresDuration, ChargeRules.WarnAutoRenewOnlyPrepaid),
        [typeof(ContainerSpec)] = Rule(ImageRules.Parts, MountRules.PathsUniqueAndNotNested),
        [typeof(VolumeMountSpec)] = Rule(MountRules.NamesAVolume, MountRules.NotAtTheRoot, MountRules.WarnSubPathOutsideConfigFile),
        [typeof(HgSpec)] = Rule(ProbeRules.HostIsHostnameOrIpv4),
        [typeof(PodDnsConfigOptionSpec)] = Rule(DnsRules.ValueOnlyForNumericOptions),
        [typeof(CloudDiskSpec)] = Rule(DiskRules.WarnIopsWithoutIo1),
        [typeof(RollingUpdateSpec)] = Rule(UpdateStrategyRules.SurgeOrUnavailable),
        [typeof(JDCloudVolumeSourceSpec)] = Rule(DiskRules.WarnIopsWithoutIo1, DiskRules.WarnSizeAboveOlderRegionLimit),
    };

    public static Action<TreeElement, ValidationContext>? For(Type type) => Rules.GetValueOrDefault(type);

    private static Action<TreeElement, ValidationContext> Rule(params Action<TreeElement, ValidationContext>[] rules) =>
        (Action<TreeElement, ValidationContext>)Delegate.Combine(rules)!;
}
