using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JdCloudSimulator.Pods;

/// <summary>The Pod model of fact sheet §5, as describePod and describePods return it.</summary>
internal static class PodView
{
    public static JsonObject Render(SimulatedPod pod)
    {
        var spec = pod.Spec;
        var r = pod.Resources;
        var eip = r.ElasticIpId is null ? null : new JsonObject { ["elasticIpId"] = r.ElasticIpId, ["elasticIpAddress"] = r.ElasticIpAddress };
        return new JsonObject
        {
            ["podId"] = pod.PodId,
            ["name"] = pod.Name,
            ["description"] = spec.Description ?? "",
            ["az"] = spec.Az,
            ["hostname"] = spec.Hostname ?? pod.PodId,
            ["instanceType"] = spec.InstanceType,
            ["restartPolicy"] = spec.RestartPolicy ?? "Always",
            ["terminationGracePeriodSeconds"] = spec.TerminationGracePeriodSeconds ?? 30,
            ["vpcId"] = r.Subnet.VpcId,
            ["subnetId"] = r.Subnet.SubnetId,
            ["privateIpAddress"] = r.PrivateIpAddress,
            ["dnsConfig"] = Node(spec.DnsConfig),
            ["logConfig"] = Node(spec.LogConfig) ?? new JsonObject { ["logDriver"] = "default" },
            ["hostAliases"] = Node(spec.HostAliases) ?? new JsonArray(),
            ["volumes"] = Node(spec.Volumes) ?? new JsonArray(),
            ["containers"] = new JsonArray([.. (spec.Containers ?? []).Select(c => Container(pod, c))]),
            ["podStatus"] = Status(pod),
            ["elasticIp"] = eip,
            ["primaryNetworkInterface"] = NetworkInterface(pod, eip),
            ["tags"] = new JsonArray(),
            ["charge"] = Charge(pod),
            ["createTime"] = Time(pod.CreatedAt),
        };
    }

    private static JsonObject Status(SimulatedPod pod)
    {
        var running = pod.Phase == PodPhase.Running;
        return new JsonObject
        {
            ["phase"] = pod.Phase.Token(),
            ["reason"] = pod.Reason,
            ["message"] = pod.Message,
            ["podIP"] = pod.StartedAt is null ? "" : pod.Resources.PrivateIpAddress,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["conditionType"] = "Ready",
                ["status"] = running ? "True" : "False",
                ["reason"] = pod.Reason,
                ["message"] = pod.Message,
                ["lastProbeTime"] = Time(pod.PhaseSince),
                ["lastTransitionTime"] = Time(pod.PhaseSince),
            }),
            ["startTime"] = pod.StartedAt is { } started ? Time(started) : null,
        };
    }

    private static JsonObject Container(SimulatedPod pod, JdCloudPodOperator.Entities.ContainerSpec? spec)
    {
        var container = Node(spec) as JsonObject ?? [];
        var state = pod.Phase switch
        {
            PodPhase.Running => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Time(pod.StartedAt!.Value) } },
            PodPhase.Pending => new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating", ["message"] = "" } },
            _ => new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["signal"] = 0, ["exitCode"] = pod.Phase == PodPhase.Error ? 1 : 0, ["reason"] = pod.Reason, ["message"] = pod.Message,
                    ["startedAt"] = pod.StartedAt is { } s ? Time(s) : null, ["finishedAt"] = Time(pod.PhaseSince),
                },
            },
        };
        container["containerStatus"] = new JsonObject
        {
            ["name"] = spec?.Name, ["restartCount"] = 0, ["ready"] = pod.Phase == PodPhase.Running, ["state"] = state, ["lastState"] = null,
        };
        return container;
    }

    private static JsonObject NetworkInterface(SimulatedPod pod, JsonObject? eip)
    {
        var r = pod.Resources;
        var attachment = pod.Spec.PrimaryNetworkInterface;
        return new JsonObject
        {
            ["autoDelete"] = attachment?.AutoDelete ?? true,
            ["deviceIndex"] = 1,
            ["attachStatus"] = "attached",
            ["attachTime"] = Time(pod.CreatedAt),
            ["networkInterface"] = new JsonObject
            {
                ["networkInterfaceId"] = r.NetworkInterfaceId,
                ["macAddress"] = r.MacAddress,
                ["vpcId"] = r.Subnet.VpcId,
                ["subnetId"] = r.Subnet.SubnetId,
                ["securityGroups"] = new JsonArray([.. r.SecurityGroups.Select(g => new JsonObject { ["groupId"] = g.GroupId, ["groupName"] = g.GroupName })]),
                ["sanityCheck"] = attachment?.NetworkInterface?.SanityCheck ?? 1,
                ["primaryIp"] = new JsonObject
                {
                    ["privateIpAddress"] = r.PrivateIpAddress,
                    ["elasticIpId"] = eip?["elasticIpId"]?.DeepClone(),
                    ["elasticIpAddress"] = eip?["elasticIpAddress"]?.DeepClone(),
                },
                ["secondaryIps"] = new JsonArray([.. r.SecondaryIpAddresses.Select(ip => new JsonObject { ["privateIpAddress"] = ip })]),
                ["ipv6Addresses"] = new JsonArray(),
            },
        };
    }

    private static JsonObject Charge(SimulatedPod pod) => new()
    {
        ["chargeMode"] = pod.Spec.Charge?.ChargeMode ?? "postpaid_by_duration",
        ["chargeStatus"] = "normal",
        ["chargeStartTime"] = Time(pod.CreatedAt),
        ["chargeExpiredTime"] = null,
        ["chargeRetireTime"] = null,
    };

    private static JsonNode? Node<T>(T? value) => value is null ? null : JsonSerializer.SerializeToNode(value, SimulatorJson.Options);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
