using JdCloudPodOperator.Entities;
using static JdCloudPodOperator.Tests.Validation.Messages;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>
/// The PodSpec fields the official SDKs (pod API 2.7.0) have beyond the createPods document, and the operator's own
/// name rule: cases numbered 2xx, on both sides of each bound (docs/jdcloud-podspec-fields.md lists the sources).
/// </summary>
internal static class SdkFields
{
    private const string Pod = "spec.podSpec";
    private const string Container = Pod + ".containers[0]";
    private const string Nic = Pod + ".primaryNetworkInterface.networkInterface";
    private const string Secondary = Pod + ".secondaryNetworkInterfaces[0]";
    private const string Tag = Pod + ".userTags[0]";
    private const string TagMeaning = "may contain only Chinese characters, letters, digits and _.,:/=+-@";
    private const string Ipv6Meaning = "must be a valid IPv6 address, for example 2400:da00::1";

    private static PodSpec P(JdCloudPod pod) => pod.Spec.PodSpec!;
    private static List<Tag> ManyTags(int count) => [.. Enumerable.Range(0, count).Select(i => new Tag { Key = $"k{i}", Value = "v" })];
    private static ContainerSpec C(JdCloudPod pod) => P(pod).Containers![0];
    private static NetworkInterfaceSpec N(JdCloudPod pod) => P(pod).PrimaryNetworkInterface!.NetworkInterface!;
    private static NetworkInterfaceAttachmentSpec S(JdCloudPod pod) => P(pod).SecondaryNetworkInterfaces![0];
    private static VolumeSpec V(JdCloudPod pod, int index) => P(pod).Volumes![index];

    public static void Add(RuleCaseBuilder b)
    {
        PodFields(b);
        Network(b);
        Tags(b);
        ContainerFields(b);
        Volumes(b);
        Charge(b);
        Names(b);
    }

    private static void PodFields(RuleCaseBuilder b)
    {
        b.Ok("201", "agId absent with az", p => P(p).AgId = null);
        b.NotEmpty("201", $"{Pod}.agId", (p, v) => P(p).AgId = v);
        b.MaxLength("201", $"{Pod}.agId", (p, v) => P(p).AgId = v, 64);
        b.Ok("204", "resourceGroupId absent", p => P(p).ResourceGroupId = null);
        b.NotEmpty("204", $"{Pod}.resourceGroupId", (p, v) => P(p).ResourceGroupId = v);
        b.MaxLength("204", $"{Pod}.resourceGroupId", (p, v) => P(p).ResourceGroupId = v, 64);
        b.Ok("205", "image cache flags absent", p => { P(p).AutoMatchImageCache = null; P(p).AutoCreateImageCache = null; });
    }

    private static void Network(RuleCaseBuilder b)
    {
        b.Ok("202", "secondaryNetworkInterfaces absent", p => P(p).SecondaryNetworkInterfaces = null);
        b.Required("202", $"{Secondary}.networkInterface", p => S(p).NetworkInterface = null);
        b.Required("202", $"{Secondary}.networkInterface.subnetId", p => S(p).NetworkInterface!.SubnetId = null);
        b.Bad("202", "secondary interface autoDelete false", p => S(p).AutoDelete = false,
            $"{Secondary}.autoDelete: Unsupported value: false: supported values: true");
        b.Bad("202", "secondary interface primaryIpAddress with maxCount 2", p =>
        {
            ChecklistCases.WithoutExplicitIps(p);
            p.Spec.MaxCount = 2;
            S(p).NetworkInterface!.PrimaryIpAddress = "10.1.0.4";
        }, $"{Secondary}.networkInterface.primaryIpAddress: Forbidden: {ChecklistCases.OnlyForOnePod}");
        b.Ok("202", "secondary interface ipv6AddressCount with maxCount 100", p => { ChecklistCases.WithoutExplicitIps(p); p.Spec.MaxCount = 100; });

        foreach (var good in new[] { "::1", "2400:da00::4", "::ffff:10.0.0.1", "2001:db8:0:0:0:0:2:1" })
        {
            b.Ok("209", $"ipv6Address {good}", p => N(p).Ipv6Address = good);
        }
        foreach (var bad in new[] { "10.0.0.1", "2400:da00::g", "fe80::1%eth0", "[::1]", "", "2001:db8::1::2" })
        {
            b.Bad("209", $"ipv6Address '{bad}'", p => N(p).Ipv6Address = bad, Pattern($"{Nic}.ipv6Address", bad, Ipv6Meaning));
        }
        b.Bad("209", "ipv6Address with ipv6AddressCount", p => N(p).Ipv6AddressCount = 1,
            $"{Nic}.ipv6Address: Forbidden: may not be set together with ipv6AddressCount");
        b.Ok("209", "ipv6AddressCount 0", p => { N(p).Ipv6Address = null; N(p).Ipv6AddressCount = 0; });
        b.Bad("209", "ipv6AddressCount -1", p => { N(p).Ipv6Address = null; N(p).Ipv6AddressCount = -1; },
            $"{Nic}.ipv6AddressCount: Invalid value: -1: must be at least 0");
        b.Bad("209", "ipv6Address with maxCount 2", p => { ChecklistCases.WithoutExplicitIps(p); p.Spec.MaxCount = 2; N(p).Ipv6Address = "2400:da00::4"; },
            $"{Nic}.ipv6Address: Forbidden: {ChecklistCases.OnlyForOnePod}");
    }

    private static void Tags(RuleCaseBuilder b)
    {
        b.Ok("203", "userTags absent", p => P(p).UserTags = null);
        b.Ok("203", "tag value absent", p => P(p).UserTags![0].Value = null);
        b.Ok("203", "tag value empty", p => P(p).UserTags![0].Value = "");
        b.Ok("203", "tag with every allowed symbol", p => P(p).UserTags![0] = new() { Key = "标签_.,:/=+-@A1", Value = "值_.,:/=+-@z9" });
        b.Required("203", $"{Tag}.key", p => P(p).UserTags![0].Key = null);
        b.NotEmpty("203", $"{Tag}.key", (p, v) => P(p).UserTags![0].Key = v, Pattern($"{Tag}.key", "", TagMeaning));
        b.MaxLength("203", $"{Tag}.key", (p, v) => P(p).UserTags![0].Key = v, 127);
        b.MaxLength("203", $"{Tag}.value", (p, v) => P(p).UserTags![0].Value = v, 255);
        foreach (var reserved in new[] { "jrn:owner", "jdc-owner" })
        {
            b.Bad("203", $"tag key '{reserved}'", p => P(p).UserTags![0].Key = reserved,
                Pattern($"{Tag}.key", reserved, "may not start with jrn: or jdc- (reserved by JD Cloud)"));
        }
        foreach (var near in new[] { "jrn", "jdc_owner", "Jdc-owner", "owner-jdc-" })
        {
            b.Ok("203", $"tag key '{near}'", p => P(p).UserTags![0].Key = near);
        }
        b.Bad("203", "tag key with a space", p => P(p).UserTags![0].Key = "cost center", Pattern($"{Tag}.key", "cost center", TagMeaning));
        b.Bad("203", "tag value with '#'", p => P(p).UserTags![0].Value = "a#b", Pattern($"{Tag}.value", "a#b", TagMeaning));
        b.Bad("203", "tag keys repeated", p => P(p).UserTags![1].Key = "team", $"{Pod}.userTags[1].key: Duplicate value: \"team\"");
        // One of a pod's 10 tags is the operator's owner tag, and its key is the operator's (docs/ownership.md).
        b.Ok("203", "userTags with 9 items", p => P(p).UserTags = ManyTags(OwnerTag.MaxUserTags));
        b.Bad("203", "userTags with 10 items", p => P(p).UserTags = ManyTags(OwnerTag.MaxTagsPerPod),
            $"{Pod}.userTags: Too many: 10: must have at most 9 items: the operator adds the owner tag jdcloudpod.io/owner to every pod");
        b.Bad("203", "userTags with 11 items", p => P(p).UserTags = ManyTags(OwnerTag.MaxTagsPerPod + 1),
            $"{Pod}.userTags: Too many: 11: must have at most 10 items");
        b.Bad("203", "tag key 'jdcloudpod.io/owner'", p => P(p).UserTags![0].Key = "jdcloudpod.io/owner",
            $"{Tag}.key: Forbidden: is reserved: the operator adds the owner tag jdcloudpod.io/owner to every pod");
        foreach (var near in new[] { "jdcloudpod.io/owners", "jdcloudpod.io/team", "owner" })
        {
            b.Ok("203", $"tag key '{near}'", p => P(p).UserTags![0].Key = near);
        }
    }

    private static void ContainerFields(RuleCaseBuilder b)
    {
        b.Ok("206", "imageCacheId absent with image", p => C(p).ImageCacheId = null);
        b.NotEmpty("206", $"{Container}.imageCacheId", (p, v) => C(p).ImageCacheId = v);
        b.MaxLength("206", $"{Container}.imageCacheId", (p, v) => C(p).ImageCacheId = v, 64);
        b.Ok("207", "type absent (an ordinary container)", p => C(p).Type = null);
        b.OneOf("207", $"{Container}.type", (p, v) => C(p).Type = v, ["init"], "sidecar");
        const string mount = $"{Container}.volumeMounts[2]";
        Action<JdCloudPod, string?> mountConf = (p, subPath) => C(p).VolumeMounts!.Add(new() { Name = "conf", MountPath = "/etc/web", SubPath = subPath });
        b.Ok("208", "subPath of a configFile volume", p => mountConf(p, "nginx.conf"));
        b.NotEmpty("208", $"{mount}.subPath", mountConf);
        b.MaxLength("208", $"{mount}.subPath", mountConf, 1024);
    }

    private static void Volumes(RuleCaseBuilder b)
    {
        b.Bad("211", "volume with two sources", p => V(p, 3).JdcloudDisk = new JDCloudVolumeSourceSpec { FsType = "xfs" },
            $"{Pod}.volumes[3].cfs: Forbidden: may not specify more than 1 volume source (jdcloudDisk is already set)");
        b.Required("211", $"{Pod}.volumes[3].cfs.mountTargetId", p => V(p, 3).Cfs!.MountTargetId = null);
        b.MaxLength("211", $"{Pod}.volumes[3].cfs.mountTargetId", (p, v) => V(p, 3).Cfs!.MountTargetId = v, 64);
        b.NotEmpty("211", $"{Pod}.volumes[3].cfs.path", (p, v) => V(p, 3).Cfs!.Path = v);
        const string conf = $"{Pod}.volumes[2].configFile";
        b.Required("212", $"{conf}.name", p => V(p, 2).ConfigFile!.Name = null);
        b.Ok("212", "configFile name of 63 characters", p => V(p, 2).ConfigFile!.Name = Text.Of(63));
        b.Bad("212", "configFile name of 64 characters", p => V(p, 2).ConfigFile!.Name = Text.Of(64),
            TooLong($"{conf}.name", 63, 64), Pattern($"{conf}.name", Text.Of(64), Patterns.Dns1123LabelMeaning));
        b.Bad("212", "configFile name 'Web_Conf'", p => V(p, 2).ConfigFile!.Name = "Web_Conf", Pattern($"{conf}.name", "Web_Conf", Patterns.Dns1123LabelMeaning));
        b.Required("212", $"{conf}.fileToPath[0].key", p => V(p, 2).ConfigFile!.FileToPath![0].Key = null);
        b.Ok("213", "emptyDir sizeMB absent", p => V(p, 4).EmptyDir!.SizeMB = null);
        b.Range("213", $"{Pod}.volumes[4].emptyDir.sizeMB", (p, v) => V(p, 4).EmptyDir!.SizeMB = v, 10, 1024);
    }

    private static void Charge(RuleCaseBuilder b)
    {
        const string eip = $"{Pod}.elasticIp.chargeSpec";
        ChargeSpec E(JdCloudPod p) => P(p).ElasticIp!.ChargeSpec!;
        b.Ok("214", "autoRenew false", p => P(p).Charge!.AutoRenew = false);
        b.Bad("215", "conversion without a date", p => E(p).AutoChangeChargeModeDate = null,
            $"{eip}.autoChangeChargeModeDate: Required value: required when autoChangeChargeMode is true");
        b.Ok("215", "no conversion, no date", p => { E(p).AutoChangeChargeMode = false; E(p).AutoChangeChargeModeDate = null; E(p).ChargeUnit = null; E(p).ChargeDuration = null; });
        b.Bad("215", "conversion date 2026/12/18", p => E(p).AutoChangeChargeModeDate = "2026/12/18",
            Pattern($"{eip}.autoChangeChargeModeDate", "2026/12/18", Patterns.DateMeaning));
        b.Bad("215", "conversion of prepaid billing", p => { P(p).Charge!.AutoChangeChargeMode = true; P(p).Charge!.AutoChangeChargeModeDate = "2026-12-18"; },
            $"{Pod}.charge.autoChangeChargeMode: Forbidden: only postpaid billing can be converted to prepaid (chargeMode is prepaid_by_duration)");
        b.Ok("216", "buyScenario absent", p => P(p).Charge!.BuyScenario = null);
        b.Bad("216", "buyScenario not BASE64", p => P(p).Charge!.BuyScenario = "{\"activity\":1}",
            Pattern($"{Pod}.charge.buyScenario", "{\\\"activity\\\":1}", Patterns.Base64Meaning));
    }

    /// <summary>
    /// podSpec.name leaves room for the "-N" JD Cloud appends to the pods of one call: 253 characters with maxCount 1,
    /// 251 with maxCount 2 ("-2"), 249 with maxCount 100 ("-100"), refused one character later.
    /// </summary>
    private static void Names(RuleCaseBuilder b)
    {
        static string Detail(int room, int maxCount, int length) =>
            $"{Pod}.name: Too long: may not be more than {room} characters when maxCount is {maxCount} (is {length}): JD Cloud names the pods of one createPods call podSpec.name-1 ... podSpec.name-{maxCount}, and a pod name may not exceed 253";
        foreach (var (maxCount, room) in new[] { (2, 251), (9, 251), (10, 250), (100, 249) })
        {
            b.Ok("220", $"name of {room} characters with maxCount {maxCount}", p => { ChecklistCases.WithoutExplicitIps(p); p.Spec.MaxCount = maxCount; P(p).Name = Text.Of(room); });
            b.Bad("220", $"name of {room + 1} characters with maxCount {maxCount}", p => { ChecklistCases.WithoutExplicitIps(p); p.Spec.MaxCount = maxCount; P(p).Name = Text.Of(room + 1); },
                Detail(room, maxCount, room + 1));
        }
        b.Ok("220", "name of 253 characters with maxCount 1", p => P(p).Name = Text.Of(253));
        b.Bad("220", "name of 253 characters with maxCount 2", p => { ChecklistCases.WithoutExplicitIps(p); p.Spec.MaxCount = 2; P(p).Name = Text.Of(253); }, Detail(251, 2, 253));
    }
}
