using System.Text.Json.Nodes;

namespace JdCloudPodOperator.Tests.Simulator;

/// <summary>createPods bodies shaped as docs/jdcloud-api.md, Operations, createPods, shows them, valid against the seed
/// world unless a test changes them.</summary>
public static class PodBodies
{
    public static JsonObject PodSpec(string name, string az = "cn-north-1a", string instanceType = "g.n2.medium",
        string subnetId = "subnet-default", params string[] securityGroups) => new()
    {
        ["name"] = name,
        ["instanceType"] = instanceType,
        ["az"] = az,
        ["containers"] = new JsonArray(new JsonObject
        {
            ["name"] = "nginx",
            ["image"] = "nginx:1.25",
            ["systemDisk"] = new JsonObject { ["category"] = "cloud", ["diskType"] = "ssd.gp1", ["sizeGB"] = 20, ["autoDelete"] = true },
        }),
        ["primaryNetworkInterface"] = new JsonObject
        {
            ["autoDelete"] = true,
            ["deviceIndex"] = 1,
            ["networkInterface"] = new JsonObject
            {
                ["subnetId"] = subnetId,
                ["securityGroups"] = new JsonArray([.. (securityGroups.Length == 0 ? ["sg-default"] : securityGroups).Select(g => (JsonNode)g)]),
            },
        },
    };

    public static JsonObject Create(string name, int maxCount = 1, string? clientToken = null, string regionId = "cn-north-1") =>
        Create(PodSpec(name), maxCount, clientToken, regionId);

    public static JsonObject Create(JsonObject podSpec, int maxCount = 1, string? clientToken = null, string regionId = "cn-north-1")
    {
        var body = new JsonObject { ["regionId"] = regionId, ["maxCount"] = maxCount, ["podSpec"] = podSpec };
        if (clientToken is not null) body["clientToken"] = clientToken;
        return body;
    }

    /// <summary>The network interface of a podSpec, for tests that change it.</summary>
    public static JsonObject Nic(JsonObject podSpec) => podSpec["primaryNetworkInterface"]!["networkInterface"]!.AsObject();
}
