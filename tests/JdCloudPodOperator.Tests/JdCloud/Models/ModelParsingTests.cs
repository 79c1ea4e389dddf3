using System.Text.Json;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud.Models;

namespace JdCloudPodOperator.Tests.JdCloud.Models;

public class ModelParsingTests
{
    private const string DescribePodsBody = """
        {"requestId":"req-1","result":{"totalCount":"2","somethingNew":{"x":1},"pods":[
          {"podId":"pod-abcdef1234","name":"web-01","az":"cn-north-1a","terminationGracePeriodSeconds":30,
           "privateIpAddress":"","createTime":"2026-11-22T08:15:30Z","futureField":[1,2,3],
           "podStatus":{"phase":"Running","podIP":"10.0.0.5","conditions":[{"conditionType":"Ready","status":"True"}],"startTime":"not a time"},
           "elasticIp":null,
           "primaryNetworkInterface":{"networkInterface":{"primaryIp":{"privateIpAddress":"10.0.0.5","elasticIpAddress":"1.2.3.4"},"securityGroups":[{"groupId":"sg-1"}]}},
           "containers":[{"name":"nginx","image":"nginx:1.25","env":[{"name":"A","value":"1"}],"systemDisk":{"diskId":"vol-1"},
             "containerStatus":{"restartCount":2,"ready":true,"state":{"running":{"startedAt":"2026-11-22T08:16:00Z"}},
               "lastState":{"terminated":{"exitCode":137,"signal":9,"reason":"OOMKilled"}}}}],
           "volumes":[{"name":"data","jdcloudDisk":{"diskId":"vol-2","sizeGB":20}}],
           "tags":[{"key":"team","value":"a"}],"charge":{"chargeMode":"postpaid_by_duration","chargeStatus":"normal"}},
          {"podId":"pod-2","name":null,"podStatus":null,"containers":null}]}}
        """;

    [Fact]
    public void Describe_pods_parses_leniently()
    {
        var response = JsonSerializer.Deserialize<JdCloudResponse<DescribePodsResult>>(DescribePodsBody, JdCloudJson.Options)!;
        response.RequestId.Should().Be("req-1");
        response.Result!.TotalCount.Should().Be(2);
        var pod = response.Result.Pods![0];
        pod.PodId.Should().Be("pod-abcdef1234");
        pod.Phase.Should().Be("Running");
        pod.PodStatus!.IsReady.Should().BeTrue();
        pod.PrimaryPrivateIp.Should().Be("10.0.0.5", "an empty privateIpAddress falls back to podStatus.podIP");
        pod.ElasticIpAddress.Should().Be("1.2.3.4");
        pod.CreatedAt.Should().Be(new DateTimeOffset(2026, 11, 22, 8, 15, 30, TimeSpan.Zero));
        JdCloudTimestamp.Parse(pod.PodStatus.StartTime).Should().BeNull();
        var status = pod.Containers![0].ContainerStatus!;
        status.RestartCount.Should().Be(2);
        status.State!.Running!.StartedAt.Should().NotBeNull();
        status.LastState!.Terminated!.ExitCode.Should().Be(137);
        pod.Volumes![0].JdcloudDisk!.Value.GetProperty("diskId").GetString().Should().Be("vol-2");

        var bare = response.Result.Pods[1];
        bare.Name.Should().BeNull();
        bare.Phase.Should().BeNull();
        PodPhase.IsTransient(bare.Phase).Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"requestId":"r","error":{"code":429,"status":"RATE_LIMIT","message":"slow down"}}""", "RATE_LIMIT")]
    [InlineData("""{"requestId":"r","error":{"code":400,"status":13,"message":"m"}}""", "13")]
    [InlineData("""{"requestId":"r","error":{"code":"400","status":null,"details":[{"field":"maxCount","limit":100}]}}""", null)]
    public void Error_status_is_read_as_string_or_number(string body, string? expectedStatus)
    {
        var envelope = JdCloudError.TryReadEnvelope(body)!;
        envelope.RequestId.Should().Be("r");
        envelope.Error!.Status.Should().Be(expectedStatus);
        envelope.Error.Code.Should().BeOneOf(400, 429);
    }

    [Fact]
    public void Error_details_values_are_read_as_strings()
    {
        var envelope = JdCloudError.TryReadEnvelope("""{"error":{"code":400,"details":[{"field":"maxCount","limit":100},null]}}""")!;
        envelope.Error!.Details![0]!["limit"].Should().Be("100");
    }

    [Theory]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("""{"error":"flat string"}""")]
    public void A_body_that_is_not_the_envelope_reads_as_null(string body) =>
        JdCloudError.TryReadEnvelope(body).Should().BeNull();

    [Theory]
    [InlineData("running", true)]
    [InlineData("Running", true)]
    [InlineData("STOPPED", true)]
    [InlineData("error", true)]
    [InlineData("pending", false)]
    [InlineData("deleting", false)]
    [InlineData("rebuilding", false)]
    [InlineData("something-new", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_running_stopped_and_error_are_stable(string? phase, bool stable)
    {
        PodPhase.IsStable(phase).Should().Be(stable);
        PodPhase.IsTransient(phase).Should().Be(!stable);
    }

    [Theory]
    [InlineData("""{"code":0}""", PodNameCheck.Available)]
    [InlineData("""{"code":3,"reason":"exists"}""", PodNameCheck.AlreadyExists)]
    [InlineData("""{"code":"2"}""", PodNameCheck.Invalid)]
    [InlineData("""{"code":9}""", PodNameCheck.Unknown)]
    [InlineData("""{}""", PodNameCheck.Unknown)]
    public void Check_pod_name_code_maps_to_an_outcome(string json, PodNameCheck expected) =>
        JsonSerializer.Deserialize<CheckPodNameResult>(json, JdCloudJson.Options)!.Outcome.Should().Be(expected);

    [Fact]
    public void Create_pods_body_is_camel_case_with_region_and_without_unset_fields()
    {
        var body = JsonSerializer.Serialize(new CreatePodsRequest
        {
            RegionId = "cn-north-1",
            MaxCount = 1,
            ClientToken = "k8s-uid",
            PodSpec = new PodSpec
            {
                Name = "web-01",
                InstanceType = "g.n2.medium",
                Az = "cn-north-1a",
                Description = "中文",
                Containers = [new ContainerSpec { Name = "nginx", Image = "nginx:1.25" }],
            },
        }, JdCloudJson.Options);

        body.Should().Be("""{"regionId":"cn-north-1","podSpec":{"name":"web-01","description":"中文","instanceType":"g.n2.medium","az":"cn-north-1a","containers":[{"name":"nginx","image":"nginx:1.25"}]},"maxCount":1,"clientToken":"k8s-uid"}""");
    }
}
