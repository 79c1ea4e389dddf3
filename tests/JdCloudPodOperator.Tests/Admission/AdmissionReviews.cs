using System.Text;
using System.Text.Json.Nodes;
using JdCloudPodOperator.Admission;
using Microsoft.Extensions.Logging.Abstractions;

namespace JdCloudPodOperator.Tests.Admission;

/// <summary>Builds AdmissionReview requests the way kube-apiserver sends them, and reads the webhook's answers.</summary>
internal static class AdmissionReviews
{
    /// <summary>config/samples/valid/minimal.yaml as the API server would send it (defaults applied).</summary>
    public static JsonObject ValidPod(string name = "web") => JsonNode.Parse($$"""
        {
          "apiVersion": "jdcloudpod.io/v1alpha1", "kind": "JdCloudPod",
          "metadata": { "name": "{{name}}", "namespace": "team-a", "uid": "7d2d7c3e-1f5b-4c55-9d0e-6f1f1d7a0b11",
                        "creationTimestamp": "2026-11-23T10:00:00Z", "generation": 1 },
          "spec": {
            "regionId": "cn-north-1", "maxCount": 1, "deletionPolicy": "Delete",
            "credentialsSecretRef": { "name": "jdcloud-credentials" },
            "podSpec": {
              "name": "web", "instanceType": "g.n2.medium", "az": "cn-north-1a",
              "containers": [ { "name": "web", "image": "nginx:1.27", "systemDisk": { "diskType": "ssd.gp1", "sizeGB": 20 } } ],
              "primaryNetworkInterface": { "networkInterface": { "subnetId": "subnet-3dm13k30gh" } }
            }
          }
        }
        """)!.AsObject();

    public static JsonObject Spec(this JsonObject pod) => pod["spec"]!.AsObject();

    public static JsonObject PodSpec(this JsonObject pod) => pod.Spec()["podSpec"]!.AsObject();

    public static JsonObject WithPodIds(this JsonObject pod, params string[] podIds)
    {
        pod["status"] = new JsonObject { ["podIds"] = new JsonArray([.. podIds.Select(id => JsonValue.Create(id))]) };
        return pod;
    }

    public static JsonObject Request(string operation, JsonNode? obj, JsonNode? oldObj = null, string uid = "0df28fbd-5f5f-11e8-9a4b-0a580a2c0001") =>
        new()
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = uid,
                ["kind"] = new JsonObject { ["group"] = "jdcloudpod.io", ["version"] = "v1alpha1", ["kind"] = "JdCloudPod" },
                ["resource"] = new JsonObject { ["group"] = "jdcloudpod.io", ["version"] = "v1alpha1", ["resource"] = "jdcloudpods" },
                ["name"] = obj?["metadata"]?["name"]?.GetValue<string>() ?? oldObj?["metadata"]?["name"]?.GetValue<string>(),
                ["namespace"] = "team-a",
                ["operation"] = operation,
                ["userInfo"] = new JsonObject { ["username"] = "admin" },
                ["object"] = obj?.DeepClone(),
                ["oldObject"] = oldObj?.DeepClone(),
                ["dryRun"] = false,
            },
        };

    public static Answer Send(JsonNode review) => Send(Encoding.UTF8.GetBytes(review.ToJsonString()));

    public static Answer Send(byte[] body)
    {
        var answer = AdmissionWebhookEndpoint.Review(body, NullLogger.Instance);
        return new Answer(answer.StatusCode, answer.Error,
            answer.Review is null ? null : JsonNode.Parse(AdmissionWebhookEndpoint.ToJson(answer.Review))!.AsObject());
    }

    /// <summary>The HTTP status, the 400 message, or the AdmissionReview answered (as JSON, exactly as sent).</summary>
    internal sealed record Answer(int StatusCode, string? Error, JsonObject? Review)
    {
        public JsonObject Response => Review!["response"]!.AsObject();
        public bool Allowed => Response["allowed"]!.GetValue<bool>();
        public JsonObject Status => Response["status"]!.AsObject();
        public string Message => Status["message"]!.GetValue<string>();
        public IReadOnlyList<string> CauseFields => Status["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()).ToList();
        public IReadOnlyList<string> Warnings => Response["warnings"]?.AsArray().Select(w => w!.GetValue<string>()).ToList() ?? [];
    }
}
