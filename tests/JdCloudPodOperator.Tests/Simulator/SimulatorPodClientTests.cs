using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.JdCloud.Models;
using JdCloudPodOperator.JdCloud.Signing;
using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudSimulator;
using JdCloudSimulator.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace JdCloudPodOperator.Tests.Simulator;

/// <summary>The product's PodClient, wired as the host wires it, against the simulator: the two halves agree.</summary>
public sealed class SimulatorPodClientTests : IAsyncLifetime
{
    private JdCloudSimulatorHost _sim = null!;
    private ServiceProvider _services = null!;

    private SimulatorState State => _sim.State;

    public async Task InitializeAsync()
    {
        _sim = await JdCloudSimulatorHost.StartAsync(SimulatorOptions.Instant with { RandomSeed = 7 });
        _services = Services(JdCloudSignatureVersion.V2);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _sim.DisposeAsync();
    }

    private ServiceProvider Services(JdCloudSignatureVersion version, TimeSpan? attemptTimeout = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddJdCloudPodClient(o =>
        {
            o.BaseUrl = _sim.BaseUrl;
            o.SignatureVersion = version;
            o.AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(5);
            o.TotalTimeout = TimeSpan.FromSeconds(30);
            o.MaxRetryAttempts = 3;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(5);
        });
        return services.BuildServiceProvider();
    }

    private PodClient Client(string region = "cn-north-1", ServiceProvider? services = null) =>
        (services ?? _services).GetRequiredService<PodClientFactory>().Create(
            new JdCloudCredentials(_sim.Options.AccessKey, _sim.Options.SecretKey), region);

    private static PodSpec Spec(string name) => new()
    {
        Name = name,
        InstanceType = "g.n2.medium",
        Az = "cn-north-1a",
        Containers = [new ContainerSpec { Name = "app", Image = "nginx:1.25", SystemDisk = new CloudDiskSpec { DiskType = "ssd.gp1", SizeGB = 20 } }],
        PrimaryNetworkInterface = new NetworkInterfaceAttachmentSpec
        {
            NetworkInterface = new NetworkInterfaceSpec { SubnetId = "subnet-k8s", SecurityGroups = ["sg-k8s"] },
        },
    };

    [Theory]
    [InlineData(JdCloudSignatureVersion.V2)]
    [InlineData(JdCloudSignatureVersion.V3)]
    public async Task Creates_describes_and_deletes_pods_through_the_product_client(JdCloudSignatureVersion version)
    {
        await using var services = Services(version);
        var client = Client(services: services);

        var created = await client.CreatePodsAsync(Spec("web"), 3, "k8s-uid-1");

        created.PodIds.Should().HaveCount(3);
        var pods = await client.DescribePodsByIdsAsync(created.PodIds!);
        pods.Select(p => p.PodId).Should().BeEquivalentTo(created.PodIds);
        pods.Should().OnlyContain(p => p.PodStatus!.Phase == "running");
        (await client.FindPodsByNameAsync("web")).Select(p => p.Name).Should().BeEquivalentTo(["web-1", "web-2", "web-3"]);
        (await client.DeletePodAsync(created.PodIds![0])).Should().BeTrue();
        (await client.DescribePodAsync(created.PodIds[0])).Should().BeNull("the pod is gone");
        (await client.DeletePodAsync(created.PodIds[0])).Should().BeFalse("404 on delete counts as done");
        State.Calls.Snapshot().Should().OnlyContain(c => c.SignatureVersion == version.ToString());
    }

    [Fact]
    public async Task Retries_through_rate_limits_and_outages_to_one_creation()
    {
        State.Faults.Script("createPods", FaultKind.RateLimit);
        State.Faults.Script("createPods", FaultKind.Unavailable);
        State.Faults.Script("createPods", FaultKind.InternalError);

        var created = await Client().CreatePodsAsync(Spec("persistent"), 1, "k8s-uid-2");

        created.PodIds.Should().ContainSingle();
        State.Calls.Snapshot("createPods").Select(c => c.Status).Should().Equal(429, 503, 500, 200);
        State.Calls.Snapshot("createPods").Select(c => c.ClientToken).Should().AllBe("k8s-uid-2");
    }

    [Fact]
    public async Task A_lost_createPods_response_is_retried_with_the_same_token_and_creates_one_pod()
    {
        State.Faults.Script("createPods", FaultKind.LostResponse);

        var created = await Client().CreatePodsAsync(Spec("lost-once"), 1, "k8s-uid-3");

        State.Pods().Should().ContainSingle().Which.PodId.Should().Be(created.PodIds!.Single());
        State.Calls.Snapshot("createPods").Select(c => c.Fault).Should().Equal(FaultKind.LostResponse, FaultKind.None);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried()
    {
        await using var services = Services(JdCloudSignatureVersion.V2, attemptTimeout: TimeSpan.FromMilliseconds(300));
        var client = Client(services: services);
        var podId = (await client.CreatePodsAsync(Spec("slow"), 1, null)).PodIds!.Single();
        State.Faults.Set("describePod", new OperationFaults { TimeoutRate = 1, TimeoutAfter = TimeSpan.FromMinutes(1) });

        var describe = async () => await client.DescribePodAsync(podId);

        (await describe.Should().ThrowAsync<JdCloudApiException>()).Which.Kind.Should().Be(JdCloudErrorKind.Timeout);
        // The simulator records a hung call when the client hangs up, which may be just after the client gives up.
        await Eventually.Until(() => State.Calls.Snapshot("describePod").Count >= 4, "4 describePod calls recorded");
        State.Calls.Snapshot("describePod").Should().HaveCount(4, "the first attempt and 3 retries");
    }

    [Fact]
    public async Task Service_errors_reach_the_client_classified()
    {
        State.Configure(s => s with { PodQuota = 1 });
        var client = Client();
        await client.CreatePodsAsync(Spec("only"), 1, null);

        var duplicate = async () => await client.CreatePodsAsync(Spec("only"), 1, null);
        var overQuota = async () => await client.CreatePodsAsync(Spec("second"), 1, null);

        var invalid = (await duplicate.Should().ThrowAsync<JdCloudApiException>()).Which;
        invalid.Kind.Should().Be(JdCloudErrorKind.InvalidArgument);
        invalid.ErrorMessage.Should().Contain("podSpec.name");
        (await overQuota.Should().ThrowAsync<JdCloudApiException>()).Which.Kind.Should().Be(JdCloudErrorKind.QuotaExceeded);
        (await client.CheckPodNameAsync("only")).Outcome.Should().Be(PodNameCheck.AlreadyExists);
        (await client.CheckPodNameAsync("free")).Outcome.Should().Be(PodNameCheck.Available);
    }

    [Fact]
    public async Task Wrong_credentials_are_an_authentication_failure()
    {
        var stranger = _services.GetRequiredService<PodClientFactory>().Create(new JdCloudCredentials("AK-OTHER", "SK-OTHER"), "cn-north-1");

        var call = async () => await stranger.DescribePodsAsync(new DescribePodsQuery());

        (await call.Should().ThrowAsync<JdCloudApiException>()).Which.Kind.Should().Be(JdCloudErrorKind.Authentication);
    }
}
