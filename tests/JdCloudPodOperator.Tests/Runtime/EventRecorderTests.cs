using JdCloudPodOperator.Runtime;
using JdCloudPodOperator.Telemetry;
using JdCloudPodOperator.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>Events as a user sees them: stored by the real API server and shown by kubectl describe.</summary>
public sealed class EventRecorderTests : ApiServerTest
{
    private const string Controller = "jdcloudpod.io/jdcloud-pod-operator";
    private readonly SecretRedactor _redactor = new();
    private readonly EventRecorder _recorder;

    public EventRecorderTests()
        : base("rt-events", needsJdCloudPodCrd: true) =>
        _recorder = new EventRecorder(Client, Controller, "replica-1", _redactor, NullLogger<EventRecorder>.Instance, TimeProvider.System);

    [Fact]
    public async Task An_event_names_the_object_the_reason_the_reporter_and_the_message()
    {
        var pod = await CreatePodAsync("shop");

        await _recorder.NormalAsync(pod, "Created", "Created 1 cloud pod: pod-abcdefghij");

        var e = (await EventsAboutAsync(pod)).Should().ContainSingle().Subject;
        e.Type.Should().Be("Normal");
        e.Reason.Should().Be("Created");
        e.Message.Should().Be("Created 1 cloud pod: pod-abcdefghij");
        e.Count.Should().Be(1);
        e.InvolvedObject.Kind.Should().Be("JdCloudPod");
        e.InvolvedObject.ApiVersion.Should().Be("jdcloudpod.io/v1alpha1");
        e.InvolvedObject.Uid.Should().Be(pod.Metadata.Uid);
        e.Source.Component.Should().Be(Controller);
        e.ReportingComponent.Should().Be(Controller);
        e.ReportingInstance.Should().Be("replica-1");
    }

    [Fact]
    public async Task Repeats_are_counted_on_one_event_and_kubectl_describe_shows_them()
    {
        var pod = await CreatePodAsync("flaky");

        for (var i = 0; i < 3; i++) await _recorder.WarningAsync(pod, "CreateFailed", "createPods: QuotaExceeded");
        await _recorder.WarningAsync(pod, "CreateFailed", "createPods: InvalidParameter");

        var events = await EventsAboutAsync(pod);
        events.Should().HaveCount(2);
        events.Single(e => e.Message.EndsWith("QuotaExceeded")).Count.Should().Be(3);
        events.Single(e => e.Message.EndsWith("InvalidParameter")).Count.Should().Be(1);
        var describe = await ControlPlane.Shared.KubectlAsync(null, "describe", "jdcloudpod", "flaky", "-n", Ns);
        describe.StdOut.Should().MatchRegex(@"Warning\s+CreateFailed\s+.*\(x3 over .*\)\s+" + Controller + @"\s+createPods: QuotaExceeded");
    }

    [Fact]
    public async Task Secrets_never_reach_an_event()
    {
        var pod = await CreatePodAsync("secret");
        using var scope = _redactor.BeginScope();
        _redactor.Register("SK-9d8c7b6a5f4e3d2c1b0a");

        await _recorder.WarningAsync(pod, "SignatureRejected",
            "JD Cloud refused the signature made with SK-9d8c7b6a5f4e3d2c1b0a; request had accessKey=AKID1234567890 attached");

        var message = (await EventsAboutAsync(pod)).Single().Message;
        message.Should().NotContain("SK-9d8c7b6a5f4e3d2c1b0a").And.NotContain("AKID1234567890");
        message.Should().Be("JD Cloud refused the signature made with ***; request had accessKey=*** attached");
    }

    [Fact]
    public async Task Objects_read_from_a_list_without_kind_still_get_a_complete_reference_and_long_messages_are_cut()
    {
        await Client.CreateConfigMapAsync(Ns, "plain");
        var listed = (await Client.CoreV1.ListNamespacedConfigMapAsync(Ns)).Items.Single();
        listed.Kind = null;
        listed.ApiVersion = null;

        await _recorder.NormalAsync(listed, "Seen", new string('x', 5000));

        var e = (await EventsAboutAsync(listed)).Single();
        e.InvolvedObject.Kind.Should().Be("ConfigMap");
        e.InvolvedObject.ApiVersion.Should().Be("v1");
        e.Message.Should().HaveLength(1024).And.EndWith("...");
    }

    [Fact]
    public async Task A_failure_to_record_is_logged_not_thrown()
    {
        var ghost = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "ghost", NamespaceProperty = "no-such-namespace-" + Guid.NewGuid().ToString("N")[..8] } };

        await _recorder.Invoking(r => r.WarningAsync(ghost, "Lost", "nobody will read this")).Should().NotThrowAsync();
    }

    private async Task<IList<Corev1Event>> EventsAboutAsync(IKubernetesObject<V1ObjectMeta> obj) =>
        (await Client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: $"involvedObject.uid={obj.Metadata.Uid}")).Items;
}
