using System.Net;
using System.Net.Sockets;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Admission;
using JdCloudPodOperator.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// The finalizer set at CREATE by the operator's mutating webhook, on the real API server: the controller then has
/// no finalizer to write (5 → 4 object writes per new resource), and when the webhook cannot be called the create
/// still succeeds (failurePolicy Ignore) and the controller adds the finalizer itself, as before the webhook.
/// </summary>
public sealed class FinalizerAtCreateTests : IAsyncLifetime
{
    private const string TestLabel = "jdcloudpod.io/webhook-test";
    private readonly string _configuration = $"jdcloudpod-operator-mut-{Guid.NewGuid():N}"[..36];
    private ControllerHarness _h = null!;

    // Pods boot at once (as in the bench): a pass sees them running at its first look, so no status shows a boot.
    public async Task InitializeAsync()
    {
        _h = await ControllerHarness.StartAsync("ctl-mutate", JdCloudSimulator.SimulatorSettings.Instant);
        var label = await ControlPlane.Shared.KubectlAsync(null, "label", "namespace", _h.Namespace, $"{TestLabel}={_h.Namespace}");
        label.ExitCode.Should().Be(0, label.Output);
    }

    public async Task DisposeAsync()
    {
        await WebhookConfigurations.DeleteAsync(_configuration);
        await _h.DisposeAsync();
    }

    private V1LabelSelector ThisNamespace => new() { MatchLabels = new Dictionary<string, string> { [TestLabel] = _h.Namespace } };

    [Fact]
    public async Task Created_while_the_webhooks_are_registered_it_is_stored_with_the_finalizer_and_costs_four_writes()
    {
        await _h.StartOperatorAsync(webhook: o => (o.Address, o.Port, o.Registration) =
            (IPAddress.Loopback, 0, new WebhookRegistration(_configuration, new WebhookTarget.Url(new Uri("https://127.0.0.1:0")), ThisNamespace)));
        // The API server loads webhook configurations asynchronously: a dry-run create shows when it calls this one.
        await Eventually.Until(async () => (await DryRunCreateAsync()).Metadata.Finalizers?.Contains(Annotations.Finalizer) == true,
            "the API server calls the mutating webhook", TimeSpan.FromSeconds(60));

        var created = await _h.CreateAsync(_h.NewPod("web"));
        var stored = await _h.GetAsync("web");

        // The create's answer is the object as the create stored it, before any controller pass.
        created.Metadata.Finalizers.Should().Equal(Annotations.Finalizer);
        stored!.Metadata.Finalizers.Should().Equal(Annotations.Finalizer);
        var writes = await WritesUntilReadyAsync(created);
        writes.FinalizerWrites.Should().Be(0, "the finalizer came with the create");
        (writes.Modifications, writes.Events).Should().Be((3, 1), "the checkpoint and two status writes, one Event: " + writes.Seen);
    }

    [Fact]
    public async Task A_create_succeeds_when_the_mutating_webhook_cannot_be_called_and_the_controller_adds_the_finalizer()
    {
        // Accepts the API server's connections and closes them at once: the call fails, visibly to this test.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var attempts = 0;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                using var connection = await listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref attempts);
            }
        });
        using var admin = ControlPlane.Shared.AdminClient();
        var target = new WebhookTarget.Url(new Uri($"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"));
        await WebhookConfiguration.ApplyAsync(admin, WebhookConfiguration.BuildMutating(_configuration, target, "unused", ThisNamespace), CancellationToken.None);
        await Eventually.Until(async () =>
        {
            await DryRunCreateAsync();
            return Volatile.Read(ref attempts) > 0;
        }, "the API server calls the unreachable webhook", TimeSpan.FromSeconds(60));

        var before = Volatile.Read(ref attempts);
        var created = await _h.CreateAsync(_h.NewPod("web"));

        Volatile.Read(ref attempts).Should().BeGreaterThan(before, "the create tried the webhook");
        created.Metadata.Finalizers.Should().BeNullOrEmpty("the webhook failed open");
        await _h.StartOperatorAsync();
        var writes = await WritesUntilReadyAsync(created);
        writes.FinalizerWrites.Should().Be(1, "the controller added it");
        (writes.Modifications, writes.Events).Should().Be((4, 1), "the finalizer, the checkpoint and two status writes, one Event: " + writes.Seen);
        (await _h.GetAsync("web"))!.Metadata.Finalizers.Should().Equal(Annotations.Finalizer);
    }

    private Task<JdCloudPod> DryRunCreateAsync() =>
        _h.Kube.CustomObjects.CreateNamespacedCustomObjectAsync<JdCloudPod>(_h.NewPod("probe"), JdCloudPod.Group, JdCloudPod.Version,
            _h.Namespace, JdCloudPod.Plural, dryRun: "All");

    /// <summary>What the API server stored for one resource from its create until Ready, and its Events.</summary>
    private sealed record Writes(int Modifications, int FinalizerWrites, int Events, string Seen);

    /// <summary>
    /// Every change stored after <paramref name="created"/> until it is Ready, through a watch from the create's
    /// resourceVersion (one event per stored write), and the Events about it once the Created one is there.
    /// </summary>
    private async Task<Writes> WritesUntilReadyAsync(JdCloudPod created)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var (modifications, finalizerWrites) = (0, 0);
        var finalizers = created.Metadata.Finalizers?.ToList() ?? [];
        var seen = new List<string>();
        await foreach (var (type, resource) in _h.Resources.WatchAsync(_h.Namespace, created.Metadata.ResourceVersion, TimeSpan.FromSeconds(90), stop.Token))
        {
            if (type != WatchEventType.Modified || resource.Metadata.Name != created.Metadata.Name) continue;
            modifications++;
            seen.Add($"[finalizers {string.Join(",", resource.Metadata.Finalizers ?? [])}; status {(resource.Status is null ? "(none)" : KubernetesJson.Serialize(resource.Status))}]");
            var now = resource.Metadata.Finalizers?.ToList() ?? [];
            if (!now.SequenceEqual(finalizers)) finalizerWrites++;
            finalizers = now;
            if (ControllerHarness.IsReady(resource)) break;
        }
        await _h.WaitForEventAsync(created.Metadata.Name, EventReasons.Created);
        var events = (await _h.EventsAsync(created.Metadata.Name)).Sum(e => Math.Max(1, e.Count ?? 1));
        return new Writes(modifications, finalizerWrites, events, string.Join(" ", seen));
    }
}
