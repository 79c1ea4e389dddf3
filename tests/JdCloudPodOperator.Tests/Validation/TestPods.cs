using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>Valid pods to start from: each test breaks exactly what it is about.</summary>
public static class TestPods
{
    /// <summary>Only the required fields.</summary>
    public static JdCloudPod Minimal() => new()
    {
        Metadata = new() { Name = "web", NamespaceProperty = "team-a" },
        Spec = new JdCloudPodSpec
        {
            RegionId = "cn-north-1",
            CredentialsSecretRef = new SecretReference { Name = "jdcloud-credentials" },
            PodSpec = new PodSpec
            {
                Name = "web",
                InstanceType = "g.n2.medium",
                Az = "cn-north-1a",
                Containers = [new ContainerSpec { Name = "web", Image = "nginx:latest", SystemDisk = new CloudDiskSpec() }],
                PrimaryNetworkInterface = new NetworkInterfaceAttachmentSpec
                {
                    NetworkInterface = new NetworkInterfaceSpec { SubnetId = "subnet-abc" },
                },
            },
        },
    };

    /// <summary>Every field set to a valid value, with nothing to warn about.</summary>
    public static JdCloudPod Full()
    {
        var pod = Minimal();
        pod.Spec.MaxCount = 1;
        pod.Spec.DeletionPolicy = "Delete";
        pod.Spec.PodSpec = FullPodSpec();
        return pod;
    }

    public static PodSpec FullPodSpec() => new()
    {
        Name = "web.example",
        Description = "front end",
        Hostname = "web-1.example.local",
        RestartPolicy = "Always",
        TerminationGracePeriodSeconds = 30,
        InstanceType = "g.n2.medium",
        Az = "cn-north-1a",
        AgId = "ag-abc",
        DnsConfig = new DnsConfigSpec
        {
            Nameservers = ["8.8.8.8", "4.2.2.2"],
            Searches = ["svc.example.com", "example.com"],
            Options = [new PodDnsConfigOptionSpec { Name = "ndots", Value = "2" }, new PodDnsConfigOptionSpec { Name = "edns0" }],
        },
        LogConfig = new LogConfigSpec { LogDriver = "default" },
        HostAliases = [new HostAliasSpec { Ip = "127.0.0.1", Hostnames = ["foo.local", "bar.local"] }],
        Volumes =
        [
            new VolumeSpec
            {
                Name = "data",
                JdcloudDisk = new JDCloudVolumeSourceSpec
                {
                    Name = "web-data", DiskType = "ssd.io1", SizeGB = 100, FsType = "xfs", FormatVolume = true, Iops = 3000, AutoDelete = true,
                },
            },
            new VolumeSpec { Name = "logs", JdcloudDisk = new JDCloudVolumeSourceSpec { VolumeId = "vol-abc", FsType = "ext4", SnapshotId = "snapshot-1" } },
            new VolumeSpec
            {
                Name = "conf",
                ConfigFile = new ConfigFileVolumeSourceSpec
                {
                    Name = "web-conf", DefaultMode = "0644", FileToPath = [new ConfigFileToPathSpec { Key = "nginx.conf", Path = "nginx.conf", Mode = "0600" }],
                },
            },
            new VolumeSpec { Name = "shared", Cfs = new CFSVolumeSourceSpec { MountTargetId = "fs-abc", Path = "/web" } },
            new VolumeSpec { Name = "scratch", EmptyDir = new EmptyDirVolumeSourceSpec { SizeMB = 100 } },
        ],
        Containers = [FullContainer("web"), FullContainer("sidecar", "init")],
        Charge = new ChargeSpec
        {
            ChargeMode = "prepaid_by_duration", ChargeUnit = "month", ChargeDuration = 1, AutoRenew = true,
            BuyScenario = Convert.ToBase64String("{\"activity\":{\"activityType\":1,\"activityIdentifier\":\"a1\"}}"u8),
        },
        ElasticIp = new ElasticIpSpec
        {
            BandwidthMbps = 10, Provider = "bgp",
            ChargeSpec = new ChargeSpec
            {
                ChargeMode = "postpaid_by_duration", AutoChangeChargeMode = true, AutoChangeChargeModeDate = "2026-12-18", ChargeUnit = "year", ChargeDuration = 1,
            },
        },
        PrimaryNetworkInterface = new NetworkInterfaceAttachmentSpec
        {
            AutoDelete = true,
            DeviceIndex = 1,
            NetworkInterface = new NetworkInterfaceSpec
            {
                SubnetId = "subnet-abc",
                NetworkInterfaceName = "eth0",
                PrimaryIpAddress = "10.0.0.4",
                SecondaryIpAddresses = ["10.0.0.5"],
                SecondaryIpCount = 1,
                SecurityGroups = ["sg-1", "sg-2"],
                SanityCheck = 1,
                Description = "primary",
                Ipv6Address = "2400:da00::4",
            },
        },
        SecondaryNetworkInterfaces =
        [
            new NetworkInterfaceAttachmentSpec
            {
                AutoDelete = true,
                NetworkInterface = new NetworkInterfaceSpec { SubnetId = "subnet-def", SecurityGroups = ["sg-3"], Ipv6AddressCount = 1 },
            },
        ],
        UserTags = [new Tag { Key = "team", Value = "web" }, new Tag { Key = "cost-center", Value = "研发/01" }],
        ResourceGroupId = "rg-abc",
        AutoMatchImageCache = true,
        AutoCreateImageCache = true,
    };

    public static ContainerSpec FullContainer(string name, string? type = null) => new()
    {
        Name = name,
        Type = type,
        ImageCacheId = "imc-abc",
        Command = ["/bin/sh", "-c"],
        Args = ["exec nginx -g 'daemon off;'"],
        Env = [new EnvSpec { Name = "MODE", Value = "production" }, new EnvSpec { Name = "EMPTY" }],
        Image = "registry.example.com:5000/team/web:v1.2",
        Secret = "registry-credentials",
        Tty = false,
        WorkingDir = "/srv",
        LivenessProbe = new ProbeSpec
        {
            InitialDelaySeconds = 10, PeriodSeconds = 10, TimeoutSeconds = 1, FailureThreshold = 3, SuccessThreshold = 1,
            HttpGet = new HgSpec
            {
                Scheme = "http", Host = "localhost", Port = 8080, Path = "/healthz",
                HttpHeader = [new HhSpec { Name = "X-Probe", Value = "liveness" }],
            },
        },
        ReadinessProbe = new ProbeSpec { TcpSocket = new TcpSocketSpec { Port = 8080 } },
        Resources = new ResourceRequestsSpec
        {
            Requests = new RequestSpec { Cpu = "500m", MemoryMB = "1024" },
            Limits = new RequestSpec { Cpu = "1", MemoryMB = "2048" },
        },
        SystemDisk = new CloudDiskSpec
        {
            Category = "cloud", DiskType = "ssd.gp1", SizeGB = 40, FsType = "xfs", Name = "system", AutoDelete = true,
        },
        VolumeMounts =
        [
            new VolumeMountSpec { Name = "data", MountPath = "/data" },
            new VolumeMountSpec { Name = "logs", MountPath = "/var/log/web", ReadOnly = false },
        ],
    };

    /// <summary>Every list at its maximum: what the throughput benchmark validates.</summary>
    public static JdCloudPod Largest()
    {
        var pod = Full();
        var spec = pod.Spec.PodSpec!;
        spec.HostAliases = [.. Enumerable.Range(0, 10).Select(h => new HostAliasSpec
        {
            Ip = $"10.0.1.{h + 1}", Hostnames = [.. Enumerable.Range(0, 10).Select(n => $"host-{h}-{n}.local")],
        })];
        spec.Volumes = [.. Enumerable.Range(0, 7).Select(v => new VolumeSpec
        {
            Name = $"data-{v}", JdcloudDisk = new JDCloudVolumeSourceSpec { DiskType = "ssd.gp1", SizeGB = 200, FsType = "xfs" },
        })];
        spec.Containers = [.. Enumerable.Range(0, 8).Select(c =>
        {
            var container = FullContainer($"container-{c}");
            container.Env = [.. Enumerable.Range(0, 100).Select(e => new EnvSpec { Name = $"VARIABLE_{e}", Value = $"value-{e}" })];
            container.Args = [.. Enumerable.Range(0, 40).Select(a => $"--option-{a}=value")];
            container.VolumeMounts = [.. Enumerable.Range(0, 7).Select(v => new VolumeMountSpec { Name = $"data-{v}", MountPath = $"/mnt/data-{v}" })];
            return container;
        })];
        spec.DnsConfig!.Nameservers = [.. Enumerable.Range(1, 20).Select(n => $"10.0.2.{n}")];
        spec.DnsConfig.Options = [.. Enumerable.Range(0, 10).Select(o => new PodDnsConfigOptionSpec { Name = $"option-{o}" })];
        return pod;
    }
}
