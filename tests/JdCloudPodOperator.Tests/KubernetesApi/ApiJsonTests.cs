using System.Text.Json;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Tests.Schema;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.KubernetesApi;

/// <summary>The generated metadata reads and writes objects exactly as KubernetesClient's reflection-based JSON did.</summary>
public sealed class ApiJsonTests
{
    [Theory]
    [InlineData("minimal.yaml")]
    [InlineData("full.yaml")]
    [InlineData("cmdb.yaml")]
    [InlineData("rollout.yaml")]
    public void A_resource_is_written_as_KubernetesJson_writes_it_and_read_back_whole(string sample)
    {
        var pod = Full(Samples.LoadPod(sample));

        var json = JsonSerializer.Serialize(pod, ApiJson.Info<JdCloudPod>());

        json.Should().Be(KubernetesJson.Serialize(pod));
        JsonSerializer.Serialize(KubernetesJson.Deserialize<JdCloudPod>(json), ApiJson.Info<JdCloudPod>()).Should().Be(json);
        JsonSerializer.Serialize(JsonSerializer.Deserialize(json, ApiJson.Info<JdCloudPod>())!, ApiJson.Info<JdCloudPod>()).Should().Be(json);
    }

    [Theory]
    [InlineData("2026-12-06T17:30:01Z")]
    [InlineData("2026-12-06T17:30:01.123456Z")]
    [InlineData("2026-12-06T17:30:01.123456789Z")]
    public void Dates_in_RFC_3339_are_read_as_the_client_reads_them(string date)
    {
        var json = $$"""{"metadata":{"name":"p","creationTimestamp":"{{date}}"},"spec":{},"unknown":[1,{"a":null}]}""";

        var ours = JsonSerializer.Deserialize(json, ApiJson.Info<JdCloudPod>())!;

        ours.Metadata.CreationTimestamp.Should().Be(KubernetesJson.Deserialize<JdCloudPod>(json).Metadata.CreationTimestamp);
        ours.Metadata.CreationTimestamp!.Value.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_as_before()
    {
        const string json = """{"metadata":{"name":"p"},"spec":{"maxCount":"two"}}""";

        var ours = () => JsonSerializer.Deserialize(json, ApiJson.Info<JdCloudPod>());
        var theirs = () => KubernetesJson.Deserialize<JdCloudPod>(json);

        ours.Should().Throw<JsonException>().Which.Path.Should().Be("$.spec.maxCount");
        theirs.Should().Throw<JsonException>().Which.Path.Should().Be("$.spec.maxCount");
    }

    [Fact]
    public void A_type_without_metadata_is_named_in_the_error()
    {
        var info = () => ApiJson.Info<V1Secret>();
        info.Should().Throw<NotSupportedException>().WithMessage("*V1Secret*KubernetesJsonContext*");
    }

    // The sample with everything the server adds: metadata (dates, owner, managed fields) and a status.
    private static JdCloudPod Full(JdCloudPod pod)
    {
        var at = new DateTime(2026, 12, 6, 17, 30, 1, DateTimeKind.Utc);
        pod.Metadata.NamespaceProperty = "team";
        pod.Metadata.Uid = "0f8e5a1c-0000-4000-8000-000000000001";
        pod.Metadata.ResourceVersion = "42";
        pod.Metadata.Generation = 3;
        pod.Metadata.CreationTimestamp = at;
        pod.Metadata.DeletionTimestamp = at.AddTicks(1_234_567);
        pod.Metadata.Finalizers = ["jdcloudpod.io/cloud-pods"];
        pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "web" };
        pod.Metadata.ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Update", Time = at, FieldsType = "FieldsV1" }];
        pod.Status = new JdCloudPodStatus
        {
            ObservedGeneration = 3,
            Phase = "Running",
            PodIds = ["pod-abcdefghij"],
            Pods = [new CloudPodStatus { PodId = "pod-abcdefghij", Phase = "running", Ready = true }],
            CreatedCount = 1,
            Conditions = [new V1Condition { Type = "Ready", Status = "True", Reason = "Running", Message = "1 of 1", LastTransitionTime = at, ObservedGeneration = 3 }],
        };
        return pod;
    }
}
