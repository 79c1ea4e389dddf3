using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>
/// Rules that relate fields to each other, by the type they start from. They run after the type's single-field
/// rules, with the context pointing at the object. Warnings live with the rule about the same fields.
/// </summary>
internal static class CrossFieldRules
{
    private static readonly Dictionary<Type, Delegate> Rules = new()
    {
        [typeof(JdCloudPodSpec)] = Rule<JdCloudPodSpec>(NameRules.RoomForSuffixes, TagRules.RoomForOwnerTag),
        [typeof(PodSpec)] = Rule<PodSpec>(ImageCacheRules.WarnAutoCreateWithoutAutoMatch),
        [typeof(NetworkInterfaceSpec)] = Rule<NetworkInterfaceSpec>(NetworkRules.ExplicitIpsOnlyForOnePod, NetworkRules.WarnAzHasNoEffect),
        [typeof(ChargeSpec)] = Rule<ChargeSpec>(ChargeRules.PrepaidDuration, ChargeRules.ConversionDate, ChargeRules.ConversionOnlyFromPostpaid,
            ChargeRules.WarnPostpaidIgnoresDuration, ChargeRules.WarnAutoRenewOnlyPrepaid),
        [typeof(ContainerSpec)] = Rule<ContainerSpec>(ImageRules.Parts, MountRules.PathsUniqueAndNotNested, EnvRules.WarnRepeatedNames),
        [typeof(VolumeMountSpec)] = Rule<VolumeMountSpec>(MountRules.NamesAVolume, MountRules.WarnSubPathOutsideConfigFile),
        [typeof(HgSpec)] = Rule<HgSpec>(ProbeRules.HostIsHostnameOrIpv4),
        [typeof(PodDnsConfigOptionSpec)] = Rule<PodDnsConfigOptionSpec>(DnsRules.ValueOnlyForNumericOptions),
        [typeof(CloudDiskSpec)] = Rule<CloudDiskSpec>(DiskRules.WarnIopsWithoutIo1),
        [typeof(RollingUpdateSpec)] = Rule<RollingUpdateSpec>(UpdateStrategyRules.SurgeOrUnavailable),
        [typeof(JDCloudVolumeSourceSpec)] = Rule<JDCloudVolumeSourceSpec>(DiskRules.WarnIopsWithoutIo1, DiskRules.WarnSizeAboveOlderRegionLimit),
    };

    public static Action<T, ValidationContext>? For<T>() => Rules.GetValueOrDefault(typeof(T)) as Action<T, ValidationContext>;

    private static Action<T, ValidationContext> Rule<T>(params Action<T, ValidationContext>[] rules) =>
        (Action<T, ValidationContext>)Delegate.Combine(rules)!;
}
