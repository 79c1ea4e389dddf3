using JdCloudPodOperator.Entities;
using static JdCloudPodOperator.Tests.Validation.Messages;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>
/// Every rule of the createPods checklist (docs/jdcloud-api.md, createPods rules, items 9-121) and of the resource's
/// own fields, each with a change to <see cref="TestPods.Full"/> just inside the bound and one just outside. Names
/// start with the item.
/// </summary>
public static class ChecklistCases
{
    private const string Spec = "spec";
    private const string Pod = "spec.podSpec";
    private const string Container = Pod + ".containers[0]";
    private const string Nic = Pod + ".primaryNetworkInterface.networkInterface";
    private const string Liveness = Container + ".livenessProbe";
    private const string HttpGet = Liveness + ".httpGet";
    private const string Volume = Pod + ".volumes[0].jdcloudDisk";
    private const string SystemDisk = Container + ".systemDisk";
    private const string Dns = Pod + ".dnsConfig";

    public static Dictionary<string, RuleCase> All { get; } = Build();

    private static Dictionary<string, RuleCase> Build()
    {
        var b = new RuleCaseBuilder();
        Resource(b);
        PodSpecFields(b);
        Hostnames(b);
        Names(b);
        NetworkInterface(b);
        ElasticIpAndCharge(b);
        Containers(b);
        VolumeMounts(b);
        Disks(b);
        Resources(b);
        Probes(b);
        EnvAndHostAliases(b);
        DnsConfig(b);
        SdkFields.Add(b);
        return b.Cases;
    }

    internal const string OnlyForOnePod =
        "may be set only when maxCount is 1 (it is 2): each pod needs its own addresses; use secondaryIpCount or ipv6AddressCount to have them allocated";

    private static PodSpec P(JdCloudPod pod) => pod.Spec.PodSpec!;
    private static ContainerSpec C(JdCloudPod pod) => P(pod).Containers![0];
    private static NetworkInterfaceSpec N(JdCloudPod pod) => P(pod).PrimaryNetworkInterface!.NetworkInterface!;
    private static HgSpec H(JdCloudPod pod) => C(pod).LivenessProbe!.HttpGet!;
    private static JDCloudVolumeSourceSpec V(JdCloudPod pod) => P(pod).Volumes![0].JdcloudDisk!;
    private static CloudDiskSpec D(JdCloudPod pod) => C(pod).SystemDisk!;

    internal static void WithoutExplicitIps(JdCloudPod pod)
    {
        N(pod).PrimaryIpAddress = null;
        N(pod).SecondaryIpAddresses = null;
        N(pod).Ipv6Address = null;
    }

    private static void WithoutMounts(JdCloudPod pod)
    {
        foreach (var container in P(pod).Containers!) container.VolumeMounts = null;
    }

    private static List<T> Many<T>(int count, Func<int, T> make) => [.. Enumerable.Range(0, count).Select(make)];

    /// <summary>The resource's own fields around podSpec (regionId, maxCount, credentials, deletionPolicy).</summary>
    private static void Resource(RuleCaseBuilder b)
    {
        b.Required("004", $"{Spec}.podSpec", p => p.Spec.PodSpec = null);
        b.Ok("004", "maxCount absent (default 1)", p => p.Spec.MaxCount = null);
        b.Range("004", $"{Spec}.maxCount", (p, v) => { WithoutExplicitIps(p); p.Spec.MaxCount = v; }, 1, 100);
        b.Required("001", $"{Spec}.regionId", p => p.Spec.RegionId = null);
        b.NotEmpty("001", $"{Spec}.regionId", (p, v) => p.Spec.RegionId = v, Pattern($"{Spec}.regionId", "", "must be a region ID such as cn-north-1"));
        b.MaxLength("001", $"{Spec}.regionId", (p, v) => p.Spec.RegionId = v, 32);
        b.Bad("001", "regionId in upper case", p => p.Spec.RegionId = "CN-north-1", Pattern($"{Spec}.regionId", "CN-north-1", "must be a region ID such as cn-north-1"));
        b.Required("000", $"{Spec}.credentialsSecretRef", p => p.Spec.CredentialsSecretRef = null);
        b.Required("000", $"{Spec}.credentialsSecretRef.name", p => p.Spec.CredentialsSecretRef!.Name = null);
        b.MaxLength("000", $"{Spec}.credentialsSecretRef.name", (p, v) => p.Spec.CredentialsSecretRef!.Name = v, 253);
        b.Bad("000", "credentialsSecretRef.name not a DNS-1123 subdomain", p => p.Spec.CredentialsSecretRef!.Name = "JD_Secret",
            Pattern($"{Spec}.credentialsSecretRef.name", "JD_Secret", Patterns.Dns1123SubdomainMeaning));
        b.OneOf("000", $"{Spec}.deletionPolicy", (p, v) => p.Spec.DeletionPolicy = v, ["Delete", "Orphan"], "Retain");
    }

    /// <summary>Section B: PodSpec's own fields.</summary>
    private static void PodSpecFields(RuleCaseBuilder b)
    {
        b.Required("009", $"{Pod}.name", p => P(p).Name = null);
        b.Ok("031", "name example.com", p => P(p).Name = "example.com");
        b.Ok("031", "name registry.docker-cn.com", p => P(p).Name = "registry.docker-cn.com");
        b.Ok("031", "name of 253 characters (maxCount 1)", p => P(p).Name = Text.Of(253));
        b.Ok("031", "name of 253 characters in labels of 63 (maxCount 1)", p => P(p).Name = string.Join('.', Text.Of(63), Text.Of(63), Text.Of(63), Text.Of(61)));
        b.Bad("031", "name of 254 characters", p => P(p).Name = Text.Of(254), TooLong($"{Pod}.name", 253, 254));
        b.NotEmpty("031", $"{Pod}.name", (p, v) => P(p).Name = v, Pattern($"{Pod}.name", "", Patterns.Dns1123SubdomainMeaning));
        b.Bad("031", "name with upper case", p => P(p).Name = "Web", Pattern($"{Pod}.name", "Web", Patterns.Dns1123SubdomainMeaning));
        b.Bad("031", "name ending with '-'", p => P(p).Name = "web-", Pattern($"{Pod}.name", "web-", Patterns.Dns1123SubdomainMeaning));
        b.Bad("031", "name with a trailing newline", p => P(p).Name = "web\n", Pattern($"{Pod}.name", "web\\n", Patterns.Dns1123SubdomainMeaning));
        b.Ok("010", "description absent", p => P(p).Description = null);
        b.MaxLength("010", $"{Pod}.description", (p, v) => P(p).Description = v, 256);
        b.Ok("010", "description of 256 Chinese characters", p => P(p).Description = new string('中', 256));
        b.Ok("010", "description of 256 characters outside the BMP", p => P(p).Description = string.Concat(Enumerable.Repeat("😀", 256)));
        b.Bad("010", "description of 257 characters outside the BMP", p => P(p).Description = string.Concat(Enumerable.Repeat("😀", 257)),
            TooLong($"{Pod}.description", 256, 257));
        b.OneOf("012", $"{Pod}.restartPolicy", (p, v) => P(p).RestartPolicy = v, ["Always", "OnFailure", "Never"], "always");
        b.Range("013", $"{Pod}.terminationGracePeriodSeconds", (p, v) => P(p).TerminationGracePeriodSeconds = v, 0, 300);
        b.Required("014", $"{Pod}.instanceType", p => P(p).InstanceType = null);
        b.NotEmpty("014", $"{Pod}.instanceType", (p, v) => P(p).InstanceType = v);
        b.MaxLength("014", $"{Pod}.instanceType", (p, v) => P(p).InstanceType = v, 64);
        b.Ok("015", "az absent with agId", p => P(p).Az = null);
        b.Bad("015", "az absent without agId", p => { P(p).Az = null; P(p).AgId = null; }, $"{Pod}.az: Required value: required unless agId is set");
        b.NotEmpty("015", $"{Pod}.az", (p, v) => P(p).Az = v);
        b.MaxLength("015", $"{Pod}.az", (p, v) => P(p).Az = v, 64);
        b.Ok("016", "dnsConfig absent", p => P(p).DnsConfig = null);
        b.Ok("017", "logConfig absent", p => P(p).LogConfig = null);
        b.Ok("018", "hostAliases absent", p => P(p).HostAliases = null);
        b.MaxItems("018", $"{Pod}.hostAliases", (p, n) => P(p).HostAliases = Many(n, i => new HostAliasSpec { Ip = "10.0.0.1", Hostnames = [$"h{i}"] }), 10);
        b.Ok("019", "volumes absent (no mounts)", p => { WithoutMounts(p); P(p).Volumes = null; });
        b.Ok("019", "volumes empty (no mounts)", p => { WithoutMounts(p); P(p).Volumes = []; });
        b.MaxItems("019", $"{Pod}.volumes", (p, n) =>
        {
            WithoutMounts(p);
            P(p).Volumes = Many(n, i => new VolumeSpec { Name = $"v{i}", JdcloudDisk = new JDCloudVolumeSourceSpec { FsType = "xfs" } });
        }, 7);
        b.Required("020", $"{Pod}.containers", p => P(p).Containers = null);
        b.Bad("020", "containers empty", p => P(p).Containers = [], $"{Pod}.containers: Required value: must have at least 1 item");
        b.Ok("020", "containers with 1 item", p => P(p).Containers = [TestPods.FullContainer("web")]);
        b.MaxItems("020", $"{Pod}.containers", (p, n) => P(p).Containers = Many(n, i => TestPods.FullContainer($"c{i}")), 8);
        b.Ok("021", "charge absent", p => P(p).Charge = null);
        b.Ok("022", "elasticIp absent", p => P(p).ElasticIp = null);
        b.Required("023", $"{Pod}.primaryNetworkInterface", p => P(p).PrimaryNetworkInterface = null);
    }

    /// <summary>Section C, applied to podSpec.hostname (item 11).</summary>
    private static void Hostnames(RuleCaseBuilder b)
    {
        const string path = $"{Pod}.hostname";
        b.Ok("011", "hostname absent (the pod ID)", p => P(p).Hostname = null);
        b.NotEmpty("011", path, (p, v) => P(p).Hostname = v, Pattern(path, "", Patterns.HostnameMeaning));
        b.Ok("024", "hostname a single label", p => P(p).Hostname = "web");
        b.Ok("024", "hostname a full hostname", p => P(p).Hostname = "web.example.com");
        b.Ok("025", "hostname in upper case", p => P(p).Hostname = "Web-1.Example");
        foreach (var bad in new[] { "web_1", "web 1", "wéb" })
        {
            b.Bad("025", $"hostname '{bad}'", p => P(p).Hostname = bad, Pattern(path, bad, Patterns.HostnameMeaning));
        }
        foreach (var bad in new[] { "-web", "web-", "a.-b", "a-.b" })
        {
            b.Bad("026", $"hostname '{bad}'", p => P(p).Hostname = bad, Pattern(path, bad, Patterns.HostnameMeaning));
        }
        b.Ok("027", "hostname label of 63 characters", p => P(p).Hostname = Text.Of(63));
        b.Bad("027", "hostname label of 64 characters", p => P(p).Hostname = Text.Of(64),
            TooLong(path, 63, 64), Pattern(path, Text.Of(64), Patterns.HostnameMeaning));
        foreach (var bad in new[] { ".web", "web.", "a..b" })
        {
            b.Bad("028", $"hostname '{bad}'", p => P(p).Hostname = bad, Pattern(path, bad, Patterns.HostnameMeaning));
        }
        b.Ok("030", "hostname 'a-b.c-d.e1'", p => P(p).Hostname = "a-b.c-d.e1");
        b.Bad("030", "hostname 'a_b.c'", p => P(p).Hostname = "a_b.c", Pattern(path, "a_b.c", Patterns.HostnameMeaning));
        var longest = Text.Of(31) + "." + Text.Of(31);
        b.Ok("029", "hostname of 63 characters in two labels", p => P(p).Hostname = longest);
        b.Bad("029", "hostname of 64 characters in two labels", p => P(p).Hostname = longest + "a", TooLong(path, 63, 64));
    }

    /// <summary>Section D: DNS-1123 labels for container and volume names (items 32, 55, 84).</summary>
    private static void Names(RuleCaseBuilder b)
    {
        const string container = $"{Container}.name";
        const string volume = $"{Pod}.volumes[0].name";
        b.Required("055", container, p => C(p).Name = null);
        foreach (var good in new[] { "my-name", "123-abc", "a", Text.Of(63) })
        {
            b.Ok("032", $"container name '{good}'", p => C(p).Name = good);
        }
        foreach (var bad in new[] { "Web_1", "web.1", "-web", "web-" })
        {
            b.Bad("032", $"container name '{bad}'", p => C(p).Name = bad, Pattern(container, bad, Patterns.Dns1123LabelMeaning));
        }
        b.Bad("032", "container name of 64 characters", p => C(p).Name = Text.Of(64),
            TooLong(container, 63, 64), Pattern(container, Text.Of(64), Patterns.Dns1123LabelMeaning));
        b.NotEmpty("055", container, (p, v) => C(p).Name = v, Pattern(container, "", Patterns.Dns1123LabelMeaning));
        b.Bad("055", "container names repeated", p => P(p).Containers![1].Name = "web", $"{Pod}.containers[1].name: Duplicate value: \"web\"");
        b.Required("084", volume, p => { WithoutMounts(p); P(p).Volumes![0].Name = null; });
        b.Ok("084", "volume name of 63 characters", p => { WithoutMounts(p); P(p).Volumes![0].Name = Text.Of(63); });
        b.Bad("084", "volume name 'Data'", p => { WithoutMounts(p); P(p).Volumes![0].Name = "Data"; }, Pattern(volume, "Data", Patterns.Dns1123LabelMeaning));
        b.Bad("084", "volume name of 64 characters", p => { WithoutMounts(p); P(p).Volumes![0].Name = Text.Of(64); },
            TooLong(volume, 63, 64), Pattern(volume, Text.Of(64), Patterns.Dns1123LabelMeaning));
        b.Bad("084", "volume names repeated", p => { WithoutMounts(p); P(p).Volumes![1].Name = "data"; }, $"{Pod}.volumes[1].name: Duplicate value: \"data\"");
        b.Bad("085", "volume without a source", p => P(p).Volumes![0].JdcloudDisk = null,
            $"{Pod}.volumes[0]: Required value: must specify exactly one volume source: jdcloudDisk, cfs, configFile or emptyDir");
    }

    /// <summary>Section E (item 42, the maxCount rule, is in CrossFieldRuleTests).</summary>
    private static void NetworkInterface(RuleCaseBuilder b)
    {
        const string attachment = $"{Pod}.primaryNetworkInterface";
        b.Required("033", $"{attachment}.networkInterface", p => P(p).PrimaryNetworkInterface!.NetworkInterface = null);
        b.Ok("034", "autoDelete absent (true)", p => P(p).PrimaryNetworkInterface!.AutoDelete = null);
        b.Bad("034", "autoDelete false", p => P(p).PrimaryNetworkInterface!.AutoDelete = false,
            $"{attachment}.autoDelete: Unsupported value: false: supported values: true");
        b.Ok("035", "deviceIndex absent", p => P(p).PrimaryNetworkInterface!.DeviceIndex = null);
        b.Range("035", $"{attachment}.deviceIndex", (p, v) => P(p).PrimaryNetworkInterface!.DeviceIndex = v, 1, 1);
        b.Required("036", $"{Nic}.subnetId", p => N(p).SubnetId = null);
        b.NotEmpty("036", $"{Nic}.subnetId", (p, v) => N(p).SubnetId = v);
        b.MaxLength("036", $"{Nic}.subnetId", (p, v) => N(p).SubnetId = v, 64);
        b.MaxLength("037", $"{Nic}.az", (p, v) => N(p).Az = v, 64);
        b.Ok("038", "networkInterfaceName with Chinese characters, '_' and '-'", p => N(p).NetworkInterfaceName = "网卡_eth-0");
        b.NotEmpty("038", $"{Nic}.networkInterfaceName", (p, v) => N(p).NetworkInterfaceName = v,
            Pattern($"{Nic}.networkInterfaceName", "", Patterns.NetworkInterfaceNameMeaning));
        b.MaxLength("038", $"{Nic}.networkInterfaceName", (p, v) => N(p).NetworkInterfaceName = v, 32);
        foreach (var bad in new[] { "eth 0", "eth.0", "eth/0" })
        {
            b.Bad("038", $"networkInterfaceName '{bad}'", p => N(p).NetworkInterfaceName = bad,
                Pattern($"{Nic}.networkInterfaceName", bad, Patterns.NetworkInterfaceNameMeaning));
        }
        b.Ok("039", "primaryIpAddress absent", p => N(p).PrimaryIpAddress = null);
        foreach (var good in new[] { "0.0.0.0", "255.255.255.255", "192.168.10.1" })
        {
            b.Ok("039", $"primaryIpAddress {good}", p => N(p).PrimaryIpAddress = good);
        }
        foreach (var bad in new[] { "10.0.0.256", "10.0.0", "10.0.0.0.1", "10.0.0.04", "10.0.0.a", "", " 10.0.0.1", "::1" })
        {
            b.Bad("039", $"primaryIpAddress '{bad}'", p => N(p).PrimaryIpAddress = bad, Ipv4($"{Nic}.primaryIpAddress", bad));
        }
        b.Ok("040", "secondaryIpAddresses with three addresses", p => N(p).SecondaryIpAddresses = ["10.0.0.5", "10.0.0.6", "10.0.0.7"]);
        b.Bad("040", "secondaryIpAddresses with an invalid address", p => N(p).SecondaryIpAddresses = ["10.0.0.5", "10.0.0.300"],
            Ipv4($"{Nic}.secondaryIpAddresses[1]", "10.0.0.300"));
        b.Bad("040", "secondaryIpAddresses repeated", p => N(p).SecondaryIpAddresses = ["10.0.0.5", "10.0.0.5"],
            $"{Nic}.secondaryIpAddresses[1]: Duplicate value: \"10.0.0.5\"");
        b.Ok("042", "primaryIpAddress and secondaryIpAddresses with maxCount 1", _ => { });
        b.Ok("042", "primaryIpAddress with maxCount absent (1)", p => p.Spec.MaxCount = null);
        b.Bad("042", "primaryIpAddress with maxCount 2", p => { WithoutExplicitIps(p); p.Spec.MaxCount = 2; N(p).PrimaryIpAddress = "10.0.0.4"; },
            $"{Nic}.primaryIpAddress: Forbidden: {OnlyForOnePod}");
        b.Bad("042", "secondaryIpAddresses with maxCount 2", p => { WithoutExplicitIps(p); p.Spec.MaxCount = 2; N(p).SecondaryIpAddresses = ["10.0.0.5"]; },
            $"{Nic}.secondaryIpAddresses: Forbidden: {OnlyForOnePod}");
        b.Ok("042", "secondaryIpCount with maxCount 100", p => { WithoutExplicitIps(p); p.Spec.MaxCount = 100; N(p).SecondaryIpCount = 100; });
        b.Range("041", $"{Nic}.secondaryIpCount", (p, v) => N(p).SecondaryIpCount = v, 0, 100);
        b.MaxItems("043", $"{Nic}.securityGroups", (p, n) => N(p).SecurityGroups = Many(n, i => $"sg-{i}"), 5);
        b.Ok("043", "five security groups over two interfaces", p => { N(p).SecurityGroups = ["sg-1", "sg-2", "sg-3", "sg-4"]; P(p).SecondaryNetworkInterfaces![0].NetworkInterface!.SecurityGroups = ["sg-5"]; });
        b.Ok("043", "a group on both interfaces counts once", p => { N(p).SecurityGroups = Many(5, i => $"sg-{i}"); P(p).SecondaryNetworkInterfaces![0].NetworkInterface!.SecurityGroups = ["sg-0"]; });
        b.Bad("043", "six security groups over two interfaces", p => { N(p).SecurityGroups = ["sg-1", "sg-2", "sg-3"]; P(p).SecondaryNetworkInterfaces![0].NetworkInterface!.SecurityGroups = ["sg-4", "sg-5", "sg-6"]; },
            $"{Pod}.secondaryNetworkInterfaces[0].networkInterface.securityGroups: Too many: 6: must have at most 5 security groups over all the pod's network interfaces (this interface's make it 6)");
        b.Ok("042", "secondaryIpAddresses empty with maxCount 2 (no address named)", p => { WithoutExplicitIps(p); p.Spec.MaxCount = 2; N(p).SecondaryIpAddresses = []; });
        b.Bad("043", "securityGroups repeated", p => N(p).SecurityGroups = ["sg-1", "sg-1"], $"{Nic}.securityGroups[1]: Duplicate value: \"sg-1\"");
        b.NotEmpty("043", $"{Nic}.securityGroups[0]", (p, v) => N(p).SecurityGroups = [v]);
        b.MaxLength("043", $"{Nic}.securityGroups[0]", (p, v) => N(p).SecurityGroups = [v], 64);
        b.Range("045", $"{Nic}.sanityCheck", (p, v) => N(p).SanityCheck = v, 0, 1);
        b.MaxLength("046", $"{Nic}.description", (p, v) => N(p).Description = v, 256);
    }

    /// <summary>Sections F and G (item 54's warning is in WarningTests).</summary>
    private static void ElasticIpAndCharge(RuleCaseBuilder b)
    {
        const string eip = $"{Pod}.elasticIp";
        const string charge = $"{Pod}.charge";
        string[] modes = ["prepaid_by_duration", "postpaid_by_duration"];
        b.Required("047", $"{eip}.bandwidthMbps", p => P(p).ElasticIp!.BandwidthMbps = null);
        b.Range("047", $"{eip}.bandwidthMbps", (p, v) => P(p).ElasticIp!.BandwidthMbps = v, 1, 100);
        b.Ok("048", "provider absent (bgp)", p => P(p).ElasticIp!.Provider = null);
        b.OneOf("048", $"{eip}.provider", (p, v) => P(p).ElasticIp!.Provider = v, ["bgp", "no_bgp"], "BGP");
        b.Ok("049", "elasticIp chargeSpec prepaid for 2 months", p => P(p).ElasticIp!.ChargeSpec = new() { ChargeMode = modes[0], ChargeUnit = "month", ChargeDuration = 2 });
        b.Bad("049", "elasticIp chargeSpec prepaid without chargeDuration", p => P(p).ElasticIp!.ChargeSpec = new() { ChargeMode = modes[0] },
            $"{eip}.chargeSpec.chargeDuration: Required value: required when chargeMode is prepaid_by_duration");
        b.Bad("049", "elasticIp chargeSpec postpaid_by_usage", p => P(p).ElasticIp!.ChargeSpec!.ChargeMode = "postpaid_by_usage",
            Unsupported($"{eip}.chargeSpec.chargeMode", "postpaid_by_usage", modes));
        b.OneOf("050", $"{charge}.chargeMode", (p, v) => P(p).Charge!.ChargeMode = v, modes, "postpaid_by_usage");
        b.Ok("050", "chargeMode absent (postpaid_by_duration)", p => P(p).Charge = new ChargeSpec());
        b.OneOf("051", $"{charge}.chargeUnit", (p, v) => P(p).Charge!.ChargeUnit = v, ["month", "year"], "day");
        b.Ok("051", "chargeUnit absent with prepaid (month)", p => P(p).Charge!.ChargeUnit = null);
        b.Bad("052", "chargeDuration absent with prepaid", p => P(p).Charge!.ChargeDuration = null,
            $"{charge}.chargeDuration: Required value: required when chargeMode is prepaid_by_duration");
        b.Ok("053", "chargeDuration 1 month", p => P(p).Charge!.ChargeDuration = 1);
        b.Ok("053", "chargeDuration 9 months", p => P(p).Charge!.ChargeDuration = 9);
        b.Bad("053", "chargeDuration 0 months", p => P(p).Charge!.ChargeDuration = 0,
            $"{charge}.chargeDuration: Invalid value: 0: must be between 1 and 9, inclusive, when chargeUnit is month");
        b.Bad("053", "chargeDuration 10 months", p => P(p).Charge!.ChargeDuration = 10,
            $"{charge}.chargeDuration: Invalid value: 10: must be between 1 and 9, inclusive, when chargeUnit is month");
        b.Bad("053", "chargeDuration 0 years names the yearly range", p => P(p).Charge = new() { ChargeMode = modes[0], ChargeUnit = "year", ChargeDuration = 0 },
            $"{charge}.chargeDuration: Invalid value: 0: must be between 1 and 3, inclusive, when chargeUnit is year");
        b.Bad("053", "elasticIp chargeDuration 10 months", p => P(p).ElasticIp!.ChargeSpec = new() { ChargeMode = modes[0], ChargeDuration = 10 },
            $"{eip}.chargeSpec.chargeDuration: Invalid value: 10: must be between 1 and 9, inclusive, when chargeUnit is month");
        b.Ok("053", "chargeDuration 3 years", p => P(p).Charge = new() { ChargeMode = modes[0], ChargeUnit = "year", ChargeDuration = 3 });
        b.Ok("053", "chargeDuration 1 year", p => P(p).Charge = new() { ChargeMode = modes[0], ChargeUnit = "year", ChargeDuration = 1 });
        b.Bad("053", "chargeDuration 4 years", p => P(p).Charge = new() { ChargeMode = modes[0], ChargeUnit = "year", ChargeDuration = 4 },
            $"{charge}.chargeDuration: Invalid value: 4: must be between 1 and 3, inclusive, when chargeUnit is year");
        b.Bad("053", "chargeDuration 10 years (reported once)", p => P(p).Charge = new() { ChargeMode = modes[0], ChargeUnit = "year", ChargeDuration = 10 },
            $"{charge}.chargeDuration: Invalid value: 10: must be between 1 and 3, inclusive, when chargeUnit is year");
        b.Ok("053", "converting to prepaid for 3 years", p => P(p).Charge = Converting("year", 3));
        b.Bad("053", "converting to prepaid for 4 years", p => P(p).Charge = Converting("year", 4),
            $"{charge}.chargeDuration: Invalid value: 4: must be between 1 and 3, inclusive, when chargeUnit is year");
        b.Ok("053", "converting to prepaid for 9 months", p => P(p).Charge = Converting("month", 9));
        b.Ok("053", "converting to prepaid, no duration given", p => P(p).Charge = Converting(null, null));
        b.Ok("054", "postpaid with chargeUnit year and chargeDuration 5 (no effect)",
            p => P(p).Charge = new() { ChargeMode = modes[1], ChargeUnit = "year", ChargeDuration = 5 });
        b.Ok("054", "postpaid with chargeDuration 50 (no effect: the prepaid range does not apply)",
            p => P(p).Charge = new() { ChargeMode = modes[1], ChargeUnit = "year", ChargeDuration = 50 });
        b.Ok("054", "no chargeMode (postpaid) with chargeDuration 0", p => P(p).Charge = new() { ChargeDuration = 0 });
        b.Ok("054", "autoChangeChargeModeDate on 29 February of a leap year", p => P(p).Charge = Converting("month", 1, "2028-02-29"));
        b.Bad("054", "autoChangeChargeModeDate on 29 February of another year", p => P(p).Charge = Converting("month", 1, "2027-02-29"),
            $"{charge}.autoChangeChargeModeDate: Invalid value: \"2027-02-29\": must be a date of the calendar (yyyy-MM-dd): no such day");
        b.Bad("054", "autoChangeChargeModeDate in month 13", p => P(p).Charge = Converting("month", 1, "2026-13-01"),
            $"{charge}.autoChangeChargeModeDate: Invalid value: \"2026-13-01\": must be a date of the calendar (yyyy-MM-dd): no such day");
    }

    // Postpaid billing converted to prepaid on a date: its chargeUnit and chargeDuration are those of the prepaid one.
    private static ChargeSpec Converting(string? unit, int? duration, string date = "2027-01-01") =>
        new() { AutoChangeChargeMode = true, AutoChangeChargeModeDate = date, ChargeUnit = unit, ChargeDuration = duration };

    /// <summary>Section H.</summary>
    private static void Containers(RuleCaseBuilder b)
    {
        b.Ok("056", "command absent", p => C(p).Command = null);
        b.Ok("056", "command of 256 characters in two items", p => C(p).Command = [Text.Of(128), Text.Of(128)]);
        b.Bad("056", "command of 257 characters in two items", p => C(p).Command = [Text.Of(129), Text.Of(128)], TotalTooLong($"{Container}.command", 256, 257));
        b.Ok("057", "args of 2048 characters in four items", p => C(p).Args = Many(4, _ => Text.Of(512)));
        b.Bad("057", "args of 2049 characters in four items", p => C(p).Args = [.. Many(3, _ => Text.Of(512)), Text.Of(513)],
            TotalTooLong($"{Container}.args", 2048, 2049));
        b.Ok("058", "env absent", p => C(p).Env = null);
        b.MaxItems("058", $"{Container}.env", (p, n) => C(p).Env = Many(n, i => new EnvSpec { Name = $"V{i}" }), 100);
        const string image = $"{Container}.image";
        b.Ok("059", "image absent with imageCacheId", p => C(p).Image = null);
        b.Bad("059", "image absent without imageCacheId", p => { C(p).Image = null; C(p).ImageCacheId = null; },
            $"{image}: Required value: required unless imageCacheId is set");
        b.NotEmpty("059", image, (p, v) => C(p).Image = v);
        foreach (var good in new[] { "a", "nginx", "nginx:latest", "mysql/mysql-server", "localhost/app", "localhost:5000/app:v1",
            "registry.example.com:5000/team/app:v1@sha256:0123abcd", "nginx@sha256:0123abcd", "hub.jdcloud.com/ns/sub/app:1.0" })
        {
            b.Ok("059", $"image '{good}'", p => C(p).Image = good);
        }
        var registry = Text.Of(251) + ".com";
        b.Ok("059", "image of 639 characters", p => C(p).Image = $"{registry}/{Text.Of(254)}:{Text.Of(128)}");
        b.Bad("059", "image of 640 characters", p => C(p).Image = $"{registry}/{Text.Of(255)}:{Text.Of(128)}", TooLong(image, 639, 640));
        foreach (var bad in new[] { "nginx:", ":latest", "team//app", "nginx@", "nginx@sha256", "ng inx", "registry.io/", "nginx:la:test/x", "reg_istry.io/app", "registry.io:port/app" })
        {
            b.Bad("059", $"image '{bad}'", p => C(p).Image = bad,
                $"{image}: Invalid value: \"{bad}\": must be an image reference [registry/]repository[:tag][@digest], for example nginx:latest or mysql/mysql-server");
        }
        b.Ok("060", "image registry of 255 characters", p => C(p).Image = $"{Text.Of(251)}.com/app");
        b.Bad("060", "image registry of 256 characters", p => C(p).Image = $"{Text.Of(252)}.com/app",
            $"{image}: Too long: the registry may not be more than 255 characters (is 256)");
        b.Ok("060", "image repository of 256 characters", p => C(p).Image = $"team/{Text.Of(251)}:v1");
        b.Bad("060", "image repository of 257 characters", p => C(p).Image = $"team/{Text.Of(252)}:v1",
            $"{image}: Too long: the repository may not be more than 256 characters (is 257)");
        b.Ok("060", "image repository of 256 characters after a registry", p => C(p).Image = $"registry.example.com/{Text.Of(256)}");
        b.Ok("060", "image tag of 128 characters", p => C(p).Image = $"nginx:{Text.Of(128)}");
        b.Bad("060", "image tag of 129 characters", p => C(p).Image = $"nginx:{Text.Of(129)}",
            $"{image}: Too long: the tag may not be more than 128 characters (is 129)");
        // Characters, not UTF-16 units: an emoji is one.
        b.Ok("060", "image tag of 128 emoji", p => C(p).Image = $"nginx:{string.Concat(Enumerable.Repeat("😀", 128))}");
        b.Bad("060", "image tag of 129 emoji", p => C(p).Image = $"nginx:{string.Concat(Enumerable.Repeat("😀", 129))}",
            $"{image}: Too long: the tag may not be more than 128 characters (is 129)");
        b.Ok("061", "secret absent (Docker Hub)", p => C(p).Secret = null);
        b.NotEmpty("061", $"{Container}.secret", (p, v) => C(p).Secret = v);
        b.MaxLength("061", $"{Container}.secret", (p, v) => C(p).Secret = v, 253);
        b.Ok("062", "tty true", p => C(p).Tty = true);
        b.Ok("063", "workingDir /", p => C(p).WorkingDir = "/");
        b.Ok("063", "workingDir empty (the default)", p => C(p).WorkingDir = "");
        b.MaxLength("063", $"{Container}.workingDir", (p, v) => C(p).WorkingDir = v, 1024, Text.AbsolutePath);
        b.Bad("063", "workingDir relative", p => C(p).WorkingDir = "srv", Pattern($"{Container}.workingDir", "srv", Patterns.AbsolutePathMeaning));
        b.Ok("064", "probes absent", p => { C(p).LivenessProbe = null; C(p).ReadinessProbe = null; });
        b.Ok("065", "resources absent", p => C(p).Resources = null);
        b.Required("066", $"{Container}.systemDisk", p => C(p).SystemDisk = null);
        b.Ok("067", "volumeMounts absent", p => C(p).VolumeMounts = null);
    }

    /// <summary>Section I.</summary>
    private static void VolumeMounts(RuleCaseBuilder b)
    {
        const string mounts = $"{Container}.volumeMounts";
        b.Required("068", $"{mounts}[0].name", p => C(p).VolumeMounts![0].Name = null);
        b.Bad("068", "mount of a volume that does not exist", p => C(p).VolumeMounts![0].Name = "cache",
            $"{mounts}[0].name: Not found: \"cache\": must be the name of one of podSpec.volumes");
        b.Bad("068", "mount of 'Data'", p => C(p).VolumeMounts![0].Name = "Data",
            Pattern($"{mounts}[0].name", "Data", Patterns.Dns1123LabelMeaning), $"{mounts}[0].name: Not found: \"Data\": must be the name of one of podSpec.volumes");
        b.Bad("068", "mounts without volumes", p => P(p).Volumes = null,
            $"{mounts}[0].name: Not found: \"data\": must be the name of one of podSpec.volumes",
            $"{mounts}[1].name: Not found: \"logs\": must be the name of one of podSpec.volumes",
            $"{Pod}.containers[1].volumeMounts[0].name: Not found: \"data\": must be the name of one of podSpec.volumes",
            $"{Pod}.containers[1].volumeMounts[1].name: Not found: \"logs\": must be the name of one of podSpec.volumes");
        b.Required("069", $"{mounts}[0].mountPath", p => C(p).VolumeMounts![0].MountPath = null);
        b.NotEmpty("069", $"{mounts}[0].mountPath", (p, v) => C(p).VolumeMounts![0].MountPath = v, Pattern($"{mounts}[0].mountPath", "", Patterns.MountPathMeaning));
        b.MaxLength("069", $"{mounts}[0].mountPath", (p, v) => C(p).VolumeMounts![0].MountPath = v, 1024, Text.AbsolutePath);
        b.Bad("069", "mountPath relative", p => C(p).VolumeMounts![0].MountPath = "data", Pattern($"{mounts}[0].mountPath", "data", Patterns.MountPathMeaning));
        b.Ok("069", "mountPath of 2 characters", p => C(p).VolumeMounts![0].MountPath = "/d");
        foreach (var root in new[] { "/", "//" })
        {
            b.Bad("070", $"mountPath '{root}'", p => C(p).VolumeMounts![0].MountPath = root, Pattern($"{mounts}[0].mountPath", root, Patterns.MountPathMeaning));
        }
        foreach (var root in new[] { "/.", "/..", "/./", "/data/..", "/a/b/../../." })
        {
            b.Bad("070", $"mountPath '{root}' (the root)", p => C(p).VolumeMounts![0].MountPath = root,
                $"{mounts}[0].mountPath: Invalid value: \"{root}\": must not be the root directory: the path resolves to '/', where the system disk is mounted");
        }
        b.Ok("070", "mountPath '/..d' (a directory, not the parent)", p => C(p).VolumeMounts![0].MountPath = "/..d");
        b.Bad("043", "six security groups, the primary's five and one more", p => { N(p).SecurityGroups = Many(5, i => $"sg-{i}"); P(p).SecondaryNetworkInterfaces![0].NetworkInterface!.SecurityGroups = ["sg-9"]; },
            $"{Pod}.secondaryNetworkInterfaces[0].networkInterface.securityGroups: Too many: 6: must have at most 5 security groups over all the pod's network interfaces (this interface's make it 6)");
        b.Ok("070", "mountPath '/a/b/..' (resolves to /a)", p => C(p).VolumeMounts![0].MountPath = "/a/b/..");
        b.Bad("071", "mountPath repeated", p => C(p).VolumeMounts![1].MountPath = "/data", $"{mounts}[1].mountPath: Duplicate value: \"/data\"");
        b.Bad("071", "mountPath repeated with a trailing '/'", p => C(p).VolumeMounts![1].MountPath = "/data/", $"{mounts}[1].mountPath: Duplicate value: \"/data/\"");
        b.Bad("071", "mountPath repeated with a doubled '/'", p => C(p).VolumeMounts![1].MountPath = "//data", $"{mounts}[1].mountPath: Duplicate value: \"//data\"");
        b.Ok("071", "mountPaths differing past a doubled '/'", p => C(p).VolumeMounts![1].MountPath = "//data2");
        b.Ok("071", "same mountPath in two containers", p => P(p).Containers![1].VolumeMounts![0].MountPath = C(p).VolumeMounts![0].MountPath);
        b.Ok("072", "mountPaths sharing a prefix but not nested", p => C(p).VolumeMounts![1].MountPath = "/data-logs");
        b.Ok("072", "mountPaths /data and /data2", p => C(p).VolumeMounts![1].MountPath = "/data2");
        b.Bad("072", "mountPath nested", p => C(p).VolumeMounts![1].MountPath = "/data/logs",
            $"{mounts}[1].mountPath: Invalid value: \"/data/logs\": must not be nested inside another mount of the container (volumeMounts[0].mountPath \"/data\")");
        b.Bad("072", "mountPath nested, written with doubled '/'", p => C(p).VolumeMounts![1].MountPath = "//data//logs",
            $"{mounts}[1].mountPath: Invalid value: \"//data//logs\": must not be nested inside another mount of the container (volumeMounts[0].mountPath \"/data\")");
        b.Bad("072", "mountPath containing a later one", p => C(p).VolumeMounts![0].MountPath = "/var/",
            $"{mounts}[1].mountPath: Invalid value: \"/var/log/web\": must not be nested inside another mount of the container (volumeMounts[0].mountPath \"/var/\")");
        b.Bad("071", "mountPath repeated through '..'", p => C(p).VolumeMounts![1].MountPath = "/tmp/../data", $"{mounts}[1].mountPath: Duplicate value: \"/tmp/../data\"");
        b.Bad("071", "mountPath repeated through '.'", p => C(p).VolumeMounts![1].MountPath = "/./data/.", $"{mounts}[1].mountPath: Duplicate value: \"/./data/.\"");
        b.Ok("071", "mountPath through '..' to another directory", p => C(p).VolumeMounts![1].MountPath = "/tmp/../data2");
        b.Bad("072", "mountPath under another as written (the API server's rule reads it so), though it resolves beside it", p => C(p).VolumeMounts![1].MountPath = "/data/../data2",
            $"{mounts}[1].mountPath: Invalid value: \"/data/../data2\": must not be nested inside another mount of the container (volumeMounts[0].mountPath \"/data\")");
        b.Bad("072", "mountPath nested through '..'", p => C(p).VolumeMounts![1].MountPath = "/tmp/../data/logs",
            $"{mounts}[1].mountPath: Invalid value: \"/tmp/../data/logs\": must not be nested inside another mount of the container (volumeMounts[0].mountPath \"/data\")");
        b.Ok("072", "mountPath '/tmp/..x/../data2' ('..x' is a name, not the parent)", p => C(p).VolumeMounts![1].MountPath = "/tmp/..x/../data2");
        b.Ok("073", "readOnly true", p => C(p).VolumeMounts![0].ReadOnly = true);
    }

    /// <summary>Sections J and K.</summary>
    private static void Disks(RuleCaseBuilder b)
    {
        string[] types = ["hdd.std1", "ssd.gp1", "ssd.io1"];
        b.Ok("074", "system disk category absent", p => D(p).Category = null);
        b.OneOf("074", $"{SystemDisk}.category", (p, v) => D(p).Category = v, ["cloud"], "local");
        b.Bad("074", "system disk category 'Cloud' (enums are case-sensitive)", p => D(p).Category = "Cloud",
            $"{SystemDisk}.category: Unsupported value: \"Cloud\": supported values: \"cloud\"");
        b.OneOf("075", $"{SystemDisk}.diskType", (p, v) => { D(p).DiskType = v; }, types, "ssd");
        b.Range("076", $"{SystemDisk}.sizeGB", (p, v) => D(p).SizeGB = v, 20, 100, step: 10);
        b.Bad("076", "system disk sizeGB 25", p => D(p).SizeGB = 25, $"{SystemDisk}.sizeGB: Invalid value: 25: must be a multiple of 10");
        b.Ok("077", "system disk autoDelete false", p => D(p).AutoDelete = false);
        b.NotEmpty("078", $"{SystemDisk}.volumeId", (p, v) => D(p).VolumeId = v);
        b.MaxLength("078", $"{SystemDisk}.volumeId", (p, v) => D(p).VolumeId = v, 64);
        b.NotEmpty("079", $"{SystemDisk}.name", (p, v) => D(p).Name = v);
        b.MaxLength("079", $"{SystemDisk}.name", (p, v) => D(p).Name = v, 128);
        b.NotEmpty("080", $"{SystemDisk}.snapshotId", (p, v) => D(p).SnapshotId = v);
        b.MaxLength("080", $"{SystemDisk}.snapshotId", (p, v) => D(p).SnapshotId = v, 64);
        b.Ok("081", "system disk fsType absent (xfs)", p => D(p).FsType = null);
        b.OneOf("081", $"{SystemDisk}.fsType", (p, v) => D(p).FsType = v, ["xfs", "ext4"], "ntfs");
        b.Range("082", $"{SystemDisk}.iops", (p, v) => { D(p).DiskType = "ssd.io1"; D(p).Iops = v; }, 1, 1_000_000);

        b.OneOf("087", $"{Volume}.diskType", (p, v) => { V(p).DiskType = v; V(p).Iops = null; }, types, "ssd");
        b.Range("088", $"{Volume}.sizeGB", (p, v) => V(p).SizeGB = v, 20, 4000, step: 10);
        b.Bad("088", "data volume sizeGB 25", p => V(p).SizeGB = 25, $"{Volume}.sizeGB: Invalid value: 25: must be a multiple of 10");
        b.Ok("089", "data volume autoDelete false", p => V(p).AutoDelete = false);
        b.NotEmpty("090", $"{Volume}.volumeId", (p, v) => V(p).VolumeId = v);
        b.MaxLength("090", $"{Volume}.volumeId", (p, v) => V(p).VolumeId = v, 64);
        b.NotEmpty("090", $"{Volume}.snapshotId", (p, v) => V(p).SnapshotId = v);
        b.MaxLength("090", $"{Volume}.snapshotId", (p, v) => V(p).SnapshotId = v, 64);
        b.NotEmpty("090", $"{Volume}.name", (p, v) => V(p).Name = v);
        b.MaxLength("090", $"{Volume}.name", (p, v) => V(p).Name = v, 128);
        b.Required("091", $"{Volume}.fsType", p => V(p).FsType = null);
        b.OneOf("091", $"{Volume}.fsType", (p, v) => V(p).FsType = v, ["xfs", "ext4"], "ntfs");
        b.Ok("092", "formatVolume false", p => V(p).FormatVolume = false);
        b.Range("093", $"{Volume}.iops", (p, v) => V(p).Iops = v, 1, 1_000_000);
    }

    /// <summary>Section L.</summary>
    private static void Resources(RuleCaseBuilder b)
    {
        const string requests = $"{Container}.resources.requests";
        b.Ok("095", "requests and limits absent", p => C(p).Resources = new ResourceRequestsSpec());
        b.NotEmpty("096", $"{requests}.cpu", (p, v) => C(p).Resources!.Requests!.Cpu = v);
        b.MaxLength("096", $"{requests}.cpu", (p, v) => C(p).Resources!.Requests!.Cpu = v, 32);
        b.NotEmpty("096", $"{requests}.memoryMB", (p, v) => C(p).Resources!.Requests!.MemoryMB = v);
        b.MaxLength("096", $"{requests}.memoryMB", (p, v) => C(p).Resources!.Requests!.MemoryMB = v, 32);
        b.MaxLength("096", $"{Container}.resources.limits.cpu", (p, v) => C(p).Resources!.Limits!.Cpu = v, 32);
    }

    /// <summary>Section M.</summary>
    private static void Probes(RuleCaseBuilder b)
    {
        b.Range("097", $"{Liveness}.initialDelaySeconds", (p, v) => C(p).LivenessProbe!.InitialDelaySeconds = v, 0, 300);
        b.Range("098", $"{Liveness}.periodSeconds", (p, v) => C(p).LivenessProbe!.PeriodSeconds = v, 1, 300);
        b.Range("099", $"{Liveness}.timeoutSeconds", (p, v) => C(p).LivenessProbe!.TimeoutSeconds = v, 1, 300);
        b.Range("100", $"{Liveness}.failureThreshold", (p, v) => C(p).LivenessProbe!.FailureThreshold = v, 1, 10);
        b.Range("101", $"{Liveness}.successThreshold", (p, v) => C(p).LivenessProbe!.SuccessThreshold = v, 1, 10);
        b.Ok("102", "exec handler alone", p => C(p).LivenessProbe = new ProbeSpec { Exec = new ExecSpec { Command = ["true"] } });
        b.Bad("102", "no handler", p => C(p).LivenessProbe!.HttpGet = null,
            $"{Liveness}: Required value: must specify exactly one handler: exec, httpGet or tcpSocket");
        b.Bad("102", "two handlers", p => C(p).LivenessProbe!.TcpSocket = new TcpSocketSpec { Port = 80 },
            $"{Liveness}.tcpSocket: Forbidden: may not specify more than 1 handler (httpGet is already set)");
        b.Bad("102", "three handlers", p =>
        {
            C(p).LivenessProbe!.TcpSocket = new TcpSocketSpec { Port = 80 };
            C(p).LivenessProbe!.Exec = new ExecSpec { Command = ["true"] };
        },
            $"{Liveness}.httpGet: Forbidden: may not specify more than 1 handler (exec is already set)",
            $"{Liveness}.tcpSocket: Forbidden: may not specify more than 1 handler (exec is already set)");
        const string tcp = $"{Container}.readinessProbe.tcpSocket.port";
        b.Required("103", tcp, p => C(p).ReadinessProbe!.TcpSocket!.Port = null);
        b.Range("103", tcp, (p, v) => C(p).ReadinessProbe!.TcpSocket!.Port = v, 1, 65535);
        b.Ok("104", "scheme absent (http)", p => H(p).Scheme = null);
        b.OneOf("104", $"{HttpGet}.scheme", (p, v) => H(p).Scheme = v, ["http", "https", "HTTP", "HTTPS"], "ftp");
        foreach (var good in new[] { "", "10.0.0.1", "Example.COM", "localhost", Text.Hostname(253) })
        {
            b.Ok("105", $"host '{(good.Length > 20 ? $"{good.Length} characters" : good)}'", p => H(p).Host = good);
        }
        foreach (var bad in new[] { "bad_host", "-example.com", "example..com", "http://example.com" })
        {
            b.Bad("105", $"host '{bad}'", p => H(p).Host = bad, $"{HttpGet}.host: Invalid value: \"{bad}\": must be empty (the pod IP), a hostname or an IPv4 address");
        }
        b.Bad("105", "host of 254 characters", p => H(p).Host = Text.Hostname(254), TooLong($"{HttpGet}.host", 253, 254));
        b.Required("106", $"{HttpGet}.port", p => H(p).Port = null);
        b.Range("106", $"{HttpGet}.port", (p, v) => H(p).Port = v, 1, 65535);
        b.Required("107", $"{HttpGet}.path", p => H(p).Path = null);
        b.NotEmpty("107", $"{HttpGet}.path", (p, v) => H(p).Path = v);
        b.MaxLength("107", $"{HttpGet}.path", (p, v) => H(p).Path = v, 256, Text.AbsolutePath);
        b.Ok("108", "httpHeader absent", p => H(p).HttpHeader = null);
        const string header = $"{HttpGet}.httpHeader[0]";
        b.Required("109", $"{header}.name", p => H(p).HttpHeader![0].Name = null);
        b.NotEmpty("109", $"{header}.name", (p, v) => H(p).HttpHeader![0].Name = v, Pattern($"{header}.name", "", Patterns.HttpHeaderNameMeaning));
        b.MaxLength("109", $"{header}.name", (p, v) => H(p).HttpHeader![0].Name = v, 64);
        foreach (var bad in new[] { "X Probe", "X-Probe:", "名字" })
        {
            b.Bad("109", $"header name '{bad}'", p => H(p).HttpHeader![0].Name = bad, Pattern($"{header}.name", bad, Patterns.HttpHeaderNameMeaning));
        }
        b.Required("110", $"{header}.value", p => H(p).HttpHeader![0].Value = null);
        b.Ok("110", "header value empty", p => H(p).HttpHeader![0].Value = "");
        const string exec = $"{Liveness}.exec.command";
        Action<JdCloudPod, List<string>?> setExec = (p, command) => C(p).LivenessProbe = new ProbeSpec { Exec = new ExecSpec { Command = command } };
        b.Required("111", exec, p => setExec(p, null));
        b.Bad("111", "exec command empty", p => setExec(p, []), $"{exec}: Required value: must have at least 1 item");
        b.Ok("111", "exec command of 256 characters", p => setExec(p, [Text.Of(200), Text.Of(56)]));
        b.Bad("111", "exec command of 257 characters", p => setExec(p, [Text.Of(200), Text.Of(57)]), TotalTooLong(exec, 256, 257));
        b.Ok("111", "exec command of 256 items", p => setExec(p, Many(256, _ => "a")));
        b.Bad("111", "exec command of 257 items", p => setExec(p, Many(257, _ => "")), $"{exec}: Too many: 257: must have at most 256 items");
    }

    /// <summary>Sections N, O and P.</summary>
    private static void EnvAndHostAliases(RuleCaseBuilder b)
    {
        const string env = $"{Container}.env[0]";
        b.Required("112", $"{env}.name", p => C(p).Env![0].Name = null);
        foreach (var good in new[] { "A_1", "_", "a1", "HTTP_PROXY" })
        {
            b.Ok("112", $"env name '{good}'", p => C(p).Env![0].Name = good);
        }
        foreach (var bad in new[] { "A-1", "A.B", "名", "A B" })
        {
            b.Bad("112", $"env name '{bad}'", p => C(p).Env![0].Name = bad, Pattern($"{env}.name", bad, Patterns.EnvNameMeaning));
        }
        b.NotEmpty("112", $"{env}.name", (p, v) => C(p).Env![0].Name = v, Pattern($"{env}.name", "", Patterns.EnvNameMeaning));
        b.MaxLength("112", $"{env}.name", (p, v) => C(p).Env![0].Name = v, 64);
        b.Ok("112", "env names repeated (passed on; a warning)", p => C(p).Env![1].Name = "MODE");
        b.Ok("112", "env names differing in case", p => C(p).Env![1].Name = "mode");
        b.Ok("113", "env value empty", p => C(p).Env![0].Value = "");
        b.MaxLength("113", $"{env}.value", (p, v) => C(p).Env![0].Value = v, 1024);

        const string alias = $"{Pod}.hostAliases[0]";
        b.Required("114", $"{alias}.hostnames", p => P(p).HostAliases![0].Hostnames = null);
        b.Bad("114", "hostnames empty", p => P(p).HostAliases![0].Hostnames = [], $"{alias}.hostnames: Required value: must have at least 1 item");
        b.MaxItems("114", $"{alias}.hostnames", (p, n) => P(p).HostAliases![0].Hostnames = Many(n, i => $"host{i}.local"), 10);
        b.Bad("114", "hostname 'foo_bar'", p => P(p).HostAliases![0].Hostnames = ["foo.local", "foo_bar"],
            Pattern($"{alias}.hostnames[1]", "foo_bar", Patterns.HostnameMeaning));
        b.MaxLength("114", $"{alias}.hostnames[0]", (p, v) => P(p).HostAliases![0].Hostnames = [v], 63, Text.Hostname);
        b.Required("115", $"{alias}.ip", p => P(p).HostAliases![0].Ip = null);
        foreach (var bad in new[] { "::1", "1.2.3", "localhost" })
        {
            b.Bad("115", $"host alias ip '{bad}'", p => P(p).HostAliases![0].Ip = bad, Ipv4($"{alias}.ip", bad));
        }
        b.Ok("116", "logDriver absent (default)", p => P(p).LogConfig!.LogDriver = null);
        b.OneOf("116", $"{Pod}.logConfig.logDriver", (p, v) => P(p).LogConfig!.LogDriver = v, ["default"], "json-file");
    }

    /// <summary>Section Q.</summary>
    private static void DnsConfig(RuleCaseBuilder b)
    {
        b.MaxItems("117", $"{Dns}.nameservers", (p, n) => P(p).DnsConfig!.Nameservers = Many(n, i => $"10.0.3.{i}"), 20);
        b.Ok("117", "nameservers repeated (the cloud removes duplicates)", p => P(p).DnsConfig!.Nameservers = ["8.8.8.8", "8.8.8.8"]);
        b.Bad("117", "nameserver 'dns.google'", p => P(p).DnsConfig!.Nameservers = ["8.8.8.8", "dns.google"], Ipv4($"{Dns}.nameservers[1]", "dns.google"));
        b.MaxItems("118", $"{Dns}.searches", (p, n) => P(p).DnsConfig!.Searches = Many(n, i => $"s{i}.example.com"), 6);
        b.Ok("118", "searches of 256 characters", p => P(p).DnsConfig!.Searches = [Text.Of(200), Text.Of(56)]);
        b.Bad("118", "searches of 257 characters", p => P(p).DnsConfig!.Searches = [Text.Of(200), Text.Of(57)], TotalTooLong($"{Dns}.searches", 256, 257));
        b.MaxItems("119", $"{Dns}.options", (p, n) => P(p).DnsConfig!.Options = Many(n, i => new PodDnsConfigOptionSpec { Name = $"opt{i}" }), 10);
        const string option = $"{Dns}.options[0]";
        b.Required("120", $"{option}.name", p => P(p).DnsConfig!.Options![0].Name = null);
        b.NotEmpty("120", $"{option}.name", (p, v) => P(p).DnsConfig!.Options![0].Name = v, Pattern($"{option}.name", "", Patterns.ResolverOptionNameMeaning));
        b.MaxLength("120", $"{option}.name", (p, v) => P(p).DnsConfig!.Options![0] = new() { Name = v }, 63);
        b.Bad("120", "option name 'no dots'", p => P(p).DnsConfig!.Options![0] = new() { Name = "no dots" },
            Pattern($"{option}.name", "no dots", Patterns.ResolverOptionNameMeaning));
        b.Ok("120", "option name 'single-request-reopen'", p => P(p).DnsConfig!.Options![0] = new() { Name = "single-request-reopen" });
        b.MaxLength("121", $"{option}.value", (p, v) => P(p).DnsConfig!.Options![0].Value = v, 100);
        foreach (var name in new[] { "timeout", "attempts", "ndots" })
        {
            b.Ok("121", $"option {name} with a value", p => P(p).DnsConfig!.Options![0] = new() { Name = name, Value = "3" });
        }
        b.Ok("121", "option edns0 with an empty value", p => P(p).DnsConfig!.Options![1].Value = "");
        b.Bad("121", "option edns0 with a value", p => P(p).DnsConfig!.Options![1].Value = "1",
            $"{Dns}.options[1].value: Forbidden: only the options timeout, attempts and ndots take a value (edns0 does not)");
    }
}
