using System.Diagnostics;
using System.Net;
using JdCloudSimulator;
using JdCloudSimulator.Faults;

namespace JdCloudPodOperator.Tests.Simulator;

public class SimulatorFaultTests : SimulatorTest
{
    [Theory]
    [InlineData(FaultKind.RateLimit, HttpStatusCode.TooManyRequests, "RATE_LIMIT")]
    [InlineData(FaultKind.InternalError, HttpStatusCode.InternalServerError, "INTERNAL")]
    [InlineData(FaultKind.Unavailable, HttpStatusCode.ServiceUnavailable, "UNAVAILABLE")]
    public async Task A_scripted_fault_answers_in_the_envelope_and_does_nothing(FaultKind kind, HttpStatusCode status, string errorStatus)
    {
        Sim.State.Faults.Script("createPods", kind);

        var failed = await Client.PostAsync(Pods, PodBodies.Create("faulty", clientToken: "t"));

        failed.Status.Should().Be(status);
        failed.ErrorCode.Should().Be((int)status);
        failed.ErrorStatus.Should().Be(errorStatus);
        Sim.State.Pods().Should().BeEmpty();
        (await CreateAsync(PodBodies.Create("faulty", clientToken: "t"))).Should().ContainSingle("only the next call was scripted");
        Sim.State.Calls.Snapshot("createPods").Select(c => c.Fault).Should().Equal(kind, FaultKind.None);
    }

    [Fact]
    public async Task Faults_of_one_operation_leave_the_others_alone()
    {
        Sim.State.Faults.Set("describePods", new OperationFaults { UnavailableRate = 1 });

        (await Client.GetAsync(Pods)).Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await Client.PostAsync(Pods, PodBodies.Create("unaffected"))).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Fault_rates_are_honoured_over_many_calls()
    {
        Sim.State.Faults.Set(FaultInjector.AllOperations, new OperationFaults { RateLimitRate = 0.2, InternalErrorRate = 0.1, UnavailableRate = 0.1 });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 400; i++) statuses.Add((await Client.GetAsync(Pods)).Status);

        // Seeded draws; the bounds are wide enough for any seed (binomial, more than 4 standard deviations).
        statuses.Count(s => s == HttpStatusCode.TooManyRequests).Should().BeInRange(45, 115);
        statuses.Count(s => s == HttpStatusCode.InternalServerError).Should().BeInRange(15, 65);
        statuses.Count(s => s == HttpStatusCode.ServiceUnavailable).Should().BeInRange(15, 65);
        statuses.Count(s => s == HttpStatusCode.OK).Should().BeInRange(190, 290);
    }

    [Fact]
    public async Task A_lost_response_creates_the_pod_and_a_retry_with_the_same_token_returns_it()
    {
        Sim.State.Faults.Script("createPods", FaultKind.LostResponse);

        var lost = async () => await Client.PostAsync(Pods, PodBodies.Create("lost", clientToken: "k8s-lost"));

        await lost.Should().ThrowAsync<HttpRequestException>();
        var created = Sim.State.Pods().Should().ContainSingle().Subject;
        (await CreateAsync(PodBodies.Create("lost", clientToken: "k8s-lost"))).Should().Equal(created.PodId);
        Sim.State.Pods().Should().ContainSingle();
    }

    [Fact]
    public async Task A_timeout_never_answers_and_does_nothing()
    {
        Sim.State.Faults.Set("createPods", new OperationFaults { TimeoutRate = 1, TimeoutAfter = TimeSpan.FromMinutes(5) });
        Client.Http.Timeout = TimeSpan.FromMilliseconds(300);

        var call = async () => await Client.PostAsync(Pods, PodBodies.Create("hung"));

        await call.Should().ThrowAsync<TaskCanceledException>();
        Sim.State.Pods().Should().BeEmpty();
    }

    [Fact]
    public async Task Latency_delays_every_call_by_at_least_the_configured_time()
    {
        Sim.State.Faults.Set("describePods", new OperationFaults { Latency = TimeSpan.FromMilliseconds(200) });

        var watch = Stopwatch.StartNew();
        (await Client.GetAsync(Pods)).Status.Should().Be(HttpStatusCode.OK);

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190));
    }
}

public class SimulatorStartupFaultTests : SimulatorTest
{
    protected override SimulatorOptions Options => SimulatorOptions.Instant with
    {
        Faults = new Dictionary<string, OperationFaults> { ["deletePod"] = new() { InternalErrorRate = 1 } },
    };

    [Fact]
    public async Task Faults_given_at_startup_apply_and_come_back_after_reset()
    {
        var podId = (await CreateAsync(PodBodies.Create("undeletable"))).Single();
        (await Client.DeleteAsync($"{Pods}/{podId}")).Status.Should().Be(HttpStatusCode.InternalServerError);

        Sim.State.Faults.Set("deletePod", new OperationFaults());
        (await Client.DeleteAsync($"{Pods}/{podId}")).Status.Should().Be(HttpStatusCode.OK);

        Sim.Reset();
        Sim.State.Faults.Rates["deletePod"].InternalErrorRate.Should().Be(1);
    }
}
