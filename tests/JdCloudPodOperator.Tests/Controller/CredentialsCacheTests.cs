using System.Text;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudSimulator;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// The credentials cache on the real API server: passes share one read of a Secret for a while, a changed Secret is
/// used once that while is over, and a resource reaches only the Secret its own namespace holds under its name.
/// </summary>
public sealed class CredentialsCacheTests() : HarnessTest("creds")
{
    [Fact]
    public async Task A_resource_whose_Secret_changes_uses_the_new_credentials()
    {
        await _h.StartOperatorAsync(tune: s =>
        {
            s.Controller.CredentialsCacheFor = TimeSpan.FromMilliseconds(300);
            s.Controller.TerminalRetryDelay = TimeSpan.FromMilliseconds(500);
        });
        await _h.CreateAsync(_h.NewPod("rotated"));
        await _h.WaitForReadyAsync("rotated", 1, TimeSpan.FromSeconds(60));

        await ReplaceSecretAsync(ControllerHarness.SecretName, _h.Namespace, "REVOKED-ACCESS-KEY");
        await _h.WaitForAsync("rotated", p => ReadyReason(p) == Reasons.AuthenticationFailed,
            "the settled poll uses the changed (now wrong) keys", TimeSpan.FromSeconds(60));

        await ReplaceSecretAsync(ControllerHarness.SecretName, _h.Namespace, SimulatorOptions.DefaultAccessKey);
        await _h.WaitForReadyAsync("rotated", 1, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_resource_cannot_use_a_Secret_of_another_namespace_even_while_it_is_cached()
    {
        var other = await _h.AddNamespaceAsync("creds-b");
        await CreateSecretAsync("team-b-keys", other, SimulatorOptions.DefaultAccessKey);
        await _h.StartOperatorAsync();
        var theirs = _h.NewPod("theirs");
        theirs.Metadata.NamespaceProperty = other;
        theirs.Spec.CredentialsSecretRef!.Name = "team-b-keys";
        await _h.CreateAsync(theirs);
        await Eventually.Until(async () => await _h.Resources.GetAsync(new(other, "theirs")) is { } p && ControllerHarness.IsReady(p),
            "the other namespace's resource is Ready with its own Secret (so the Secret is cached)", TimeSpan.FromSeconds(60));

        var mine = _h.NewPod("mine");
        mine.Spec.CredentialsSecretRef!.Name = "team-b-keys";
        await _h.CreateAsync(mine);

        var refused = await _h.WaitForAsync("mine", p => ReadyReason(p) == Reasons.CredentialsNotFound, "CredentialsNotFound", TimeSpan.FromSeconds(60));
        ControllerHarness.Condition(refused, Conditions.Ready)!.Message.Should().Contain($"Secret {_h.Namespace}/team-b-keys");
        refused.Status!.PodIds.Should().BeNullOrEmpty();
        _h.CloudPods("mine").Should().BeEmpty("nothing is created with another namespace's credentials");
    }

    private static string? ReadyReason(JdCloudPod pod) => ControllerHarness.Condition(pod, Conditions.Ready)?.Reason;

    private Task CreateSecretAsync(string name, string ns, string accessKey) =>
        _h.Kube.CoreV1.CreateNamespacedSecretAsync(Secret(name, accessKey), ns);

    private Task ReplaceSecretAsync(string name, string ns, string accessKey) =>
        _h.Kube.CoreV1.ReplaceNamespacedSecretAsync(Secret(name, accessKey), name, ns);

    private static V1Secret Secret(string name, string accessKey) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Data = new Dictionary<string, byte[]>
        {
            ["accessKey"] = Encoding.UTF8.GetBytes(accessKey), ["secretKey"] = Encoding.UTF8.GetBytes(SimulatorOptions.DefaultSecretKey),
        },
    };
}
