using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using k8s;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>What users see when the spec, the credentials or the cloud say no, and recovery once fixed.</summary>
public sealed class ProblemTests() : HarnessTest("ctl-problem", withSecret: false)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await _h.StartOperatorAsync();
    }

    private static string? ReadyReason(JdCloudPod p) => ControllerHarness.Condition(p, Conditions.Ready)?.Reason;

    [Fact]
    public async Task Missing_secret_is_CredentialsNotFound_and_recovers_when_it_appears()
    {
        await _h.CreateAsync(_h.NewPod("nocreds"));
        var waiting = await _h.WaitForAsync("nocreds", p => ReadyReason(p) == Reasons.CredentialsNotFound, "CredentialsNotFound");
        waiting.Status!.Phase.Should().Be(Phases.Pending);
        ControllerHarness.Condition(waiting, Conditions.Ready)!.Message.Should().Contain(ControllerHarness.SecretName);
        ControllerHarness.Condition(waiting, Conditions.Reconciling)!.Status.Should().Be("True");
        _h.CloudPods("nocreds").Should().BeEmpty();

        await _h.CreateSecretAsync();
        await _h.WaitForReadyAsync("nocreds", 1);
    }

    [Fact]
    public async Task Invalid_spec_is_reported_not_retried_and_fixed_by_a_new_generation()
    {
        await EnsureSecretAsync();
        var pod = _h.NewPod("invalid");
        pod.Spec.PodSpec!.Containers![0].VolumeMounts = [new VolumeMountSpec { Name = "missing", MountPath = "/data" }];
        await _h.CreateAsync(pod);

        var invalid = await _h.WaitForAsync("invalid", p => ReadyReason(p) == Reasons.InvalidSpec, "InvalidSpec");
        ControllerHarness.Condition(invalid, Conditions.Ready)!.Message.Should().Contain("spec.podSpec.containers[0].volumeMounts[0].name");
        ControllerHarness.Condition(invalid, Conditions.Stalled)!.Status.Should().Be("True");
        invalid.Status!.Phase.Should().Be(Phases.Failed);
        _h.CloudPods("invalid").Should().BeEmpty();
        await _h.WaitForEventAsync("invalid", Reasons.InvalidSpec);

        await _h.PatchAsync("invalid", """{"spec":{"podSpec":{"containers":[{"name":"web","image":"nginx:1.27","systemDisk":{"diskType":"ssd.gp1","sizeGB":20}}]}}}""");
        await _h.WaitForReadyAsync("invalid", 1);
    }

    [Fact]
    public async Task A_request_the_cloud_rejects_is_stalled_with_the_cloud_reason_and_request_id()
    {
        await EnsureSecretAsync();
        var pod = _h.NewPod("unknown-type");
        pod.Spec.PodSpec!.InstanceType = "x.nope.huge";
        await _h.CreateAsync(pod);

        var rejected = await _h.WaitForAsync("unknown-type", p => ControllerHarness.Condition(p, Conditions.Stalled)?.Status == "True", "Stalled");
        var ready = ControllerHarness.Condition(rejected, Conditions.Ready)!;
        ready.Reason.Should().Be("InvalidArgument");
        ready.Message.Should().Contain("requestId").And.Contain("x.nope.huge");
        rejected.Status!.PendingCreate.Should().BeNull("a rejected create made nothing");
        await _h.WaitForEventAsync("unknown-type", EventReasons.CreateFailed);
        _h.Simulator.State.Calls.Snapshot("createPods").Count(c => c.Body.Contains("x.nope.huge")).Should().Be(1, "no hot retry");
    }

    [Fact]
    public async Task Wrong_keys_are_AuthenticationFailed_with_the_real_name_hint_and_no_secret_in_sight()
    {
        await _h.Kube.CoreV1.CreateNamespacedSecretAsync(new k8s.Models.V1Secret
        {
            Metadata = new() { Name = "wrong" },
            StringData = new Dictionary<string, string> { ["accessKey"] = "WRONG-ACCESS-KEY", ["secretKey"] = "WRONG-SECRET-KEY-VALUE" },
        }, _h.Namespace);
        var pod = _h.NewPod("badkeys");
        pod.Spec.CredentialsSecretRef!.Name = "wrong";
        await _h.CreateAsync(pod);

        var failed = await _h.WaitForAsync("badkeys", p => ReadyReason(p) == Reasons.AuthenticationFailed, "AuthenticationFailed");
        var message = ControllerHarness.Condition(failed, Conditions.Ready)!.Message;
        message.Should().Contain("real-name").And.NotContain("WRONG-SECRET-KEY-VALUE");
        await _h.WaitForEventAsync("badkeys", Reasons.AuthenticationFailed);
        (await _h.EventsAsync("badkeys")).Should().NotContain(e => e.Message.Contains("WRONG-SECRET-KEY-VALUE"));
        KubernetesJson.Serialize(failed.Status).Should().NotContain("WRONG-SECRET-KEY-VALUE");
    }

    [Fact]
    public async Task Exhausted_quota_is_QuotaExceeded()
    {
        await EnsureSecretAsync();
        var quota = _h.Simulator.State.Pods().Count(p => p.Exists);
        _h.Simulator.State.Configure(s => s with { PodQuota = quota });
        try
        {
            await _h.CreateAsync(_h.NewPod("quota"));
            var stalled = await _h.WaitForAsync("quota", p => ReadyReason(p) == Reasons.QuotaExceeded, "QuotaExceeded");
            ControllerHarness.Condition(stalled, Conditions.Stalled)!.Status.Should().Be("True");
            await _h.WaitForEventAsync("quota", Reasons.QuotaExceeded);
        }
        finally
        {
            _h.Simulator.State.Configure(s => s with { PodQuota = 10_000 });
        }
    }

    private async Task EnsureSecretAsync()
    {
        try
        {
            await _h.CreateSecretAsync();
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
        }
    }
}
