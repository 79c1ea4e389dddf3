using CmdbSimulator;
using JdCloudPodOperator.Cmdb;
using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Cmdb;

/// <summary>The batching registrar against the simulator over real HTTP.</summary>
public sealed class CmdbRegistrarTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(200, 1)]
    [InlineData(201, 2)]
    [InlineData(450, 3)]
    public async Task Registers_every_pod_across_businesses_in_calls_of_at_most_200(int pods, int expectedCalls)
    {
        await using var env = await CmdbTestEnvironment.StartAsync(settings: new Dictionary<string, string?> { ["Cmdb:FlushDelay"] = "00:00:01" });
        // Resources of 10 pods (or fewer), spread round-robin over three businesses.
        var registrations = Enumerable.Range(0, (pods + 9) / 10)
            .Select(r => CmdbTestEnvironment.Resource($"res{r}", Math.Min(10, pods - r * 10), r % 3)).ToList();

        var results = await Task.WhenAll(registrations.Select(r => env.Registrar.RegisterAsync(r))).WaitAsync(Bound);

        results.Should().OnlyContain(r => r.AllRegistered);
        var creates = env.State.Calls.Where(c => c.Api == "batch_create_kube_pod").ToList();
        creates.Should().OnlyContain(c => c.PodCount <= 200 && c.Code == 0);
        creates.Sum(c => c.PodCount).Should().Be(pods);
        creates.Should().HaveCount(expectedCalls);
        AssertIdsMatchStore(env, registrations, results);
    }

    [Fact]
    public async Task Maps_ids_back_in_flattened_input_order_when_one_call_spans_businesses()
    {
        await using var env = await CmdbTestEnvironment.StartAsync();
        var registrations = new[] { CmdbTestEnvironment.Resource("b", 3, 1), CmdbTestEnvironment.Resource("a", 2, 0), CmdbTestEnvironment.Resource("c", 2, 2) };

        var results = await Task.WhenAll(registrations.Select(r => env.Registrar.RegisterAsync(r))).WaitAsync(Bound);

        env.State.Calls.Where(c => c.Api == "batch_create_kube_pod").Should().ContainSingle().Which.PodCount.Should().Be(7);
        AssertIdsMatchStore(env, registrations, results);
    }

    [Fact]
    public async Task Registering_again_finds_existing_pods_and_creates_only_the_missing()
    {
        await using var env = await CmdbTestEnvironment.StartAsync();
        var first = await env.Registrar.RegisterAsync(CmdbTestEnvironment.Resource("web", 3)).WaitAsync(Bound);
        var grown = CmdbTestEnvironment.Resource("web", 5);

        var second = await env.Registrar.RegisterAsync(grown).WaitAsync(Bound);

        second.Pods.Take(3).Select(p => p.PodId).Should().Equal(first.Pods.Select(p => p.PodId));
        env.State.Pods.Should().HaveCount(5);
        env.State.Calls.Where(c => c.Api == "batch_create_kube_pod").Select(c => c.PodCount).Should().Equal(3, 2);
        env.State.Calls.Should().NotContain(c => c.Code == Messages.Duplicated);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_duplicate_from_a_concurrent_writer_is_re_listed_and_only_the_missing_subset_retried(bool legacyE11000)
    {
        await using var env = await CmdbTestEnvironment.StartAsync();
        env.State.LegacyDuplicateError = legacyE11000;
        var registration = CmdbTestEnvironment.Resource("web", 4);
        // Another writer creates pod web-2 between our list and our create: the simulator runs it when our create arrives.
        var racer = new RacingWriter(env, registration.Pods[2]);
        env.State.BeforeCreate = racer.Run;

        var result = await env.Registrar.RegisterAsync(registration).WaitAsync(Bound);

        result.AllRegistered.Should().BeTrue();
        result.Pods[2].PodId.Should().Be(racer.CreatedId);
        var creates = env.State.Calls.Where(c => c.Api == "batch_create_kube_pod").ToList();
        creates.Select(c => (c.PodCount, c.Code)).Should().Equal(
            (1, 0L), (4, legacyE11000 ? Messages.Unknown : Messages.Duplicated), (3, 0L));
        env.State.Pods.Should().HaveCount(4);
        AssertIdsMatchStore(env, [registration], [result]);
    }

    [Fact]
    public async Task One_bad_pod_is_isolated_the_others_are_registered_and_it_carries_the_server_message()
    {
        await using var env = await CmdbTestEnvironment.StartAsync();
        var good = CmdbTestEnvironment.Resource("good", 150);
        // Workload 999 does not exist in CMDB: only the server can tell (1199006 'workload').
        var bad = new CmdbRegistration("bad", 2, [CmdbTestEnvironment.Pod("bad-0") with
        {
            Spec = new CmdbPodSpec(CmdbTestEnvironment.Cluster, 12, CmdbTestEnvironment.Node, new WorkloadRef("pods", 999)),
        }]);
        var more = CmdbTestEnvironment.Resource("more", 49, 1);

        var results = await Task.WhenAll(new[] { good, bad, more }.Select(r => env.Registrar.RegisterAsync(r))).WaitAsync(Bound);

        results[0].AllRegistered.Should().BeTrue();
        results[2].AllRegistered.Should().BeTrue();
        var failure = results[1].Pods.Should().ContainSingle().Which;
        failure.Registered.Should().BeFalse();
        failure.Error!.Code.Should().Be(Messages.Verification);
        failure.Error.Message.Should().Be("'workload' data parameter verification does not pass");
        results[1].Describe().Should().Contain("bad-0: CMDB error 1199006: 'workload' data parameter verification does not pass");
        results[1].Retryable.Should().BeFalse();
        env.State.Pods.Should().HaveCount(199);
        env.State.Calls.Where(c => c.Api == "batch_create_kube_pod").Should().OnlyContain(c => c.PodCount <= 200);
    }

    [Fact]
    public async Task A_pod_the_server_rejects_in_validation_is_isolated_too()
    {
        await using var env = await CmdbTestEnvironment.StartAsync();
        var pods = CmdbTestEnvironment.Resource("web", 8).Pods.ToList();
        pods[5] = pods[5] with { Operator = [] };

        var result = await env.Registrar.RegisterAsync(new CmdbRegistration("web", 2, pods)).WaitAsync(Bound);

        result.Pods.Where(p => !p.Registered).Should().ContainSingle().Which.Error!.ToString()
            .Should().Be("CMDB error 1199010: 'pod operator' unassigned");
        env.State.Pods.Should().HaveCount(7);
    }

    [Fact]
    public async Task Permission_denied_fails_only_that_business_and_shows_the_action()
    {
        await using var env = await CmdbTestEnvironment.StartAsync();
        env.State.Deny("create_container_pod", 3);
        var allowed = CmdbTestEnvironment.Resource("allowed", 4, 0);
        var denied = CmdbTestEnvironment.Resource("denied", 4, 1);

        var results = await Task.WhenAll(env.Registrar.RegisterAsync(allowed), env.Registrar.RegisterAsync(denied)).WaitAsync(Bound);

        results[0].AllRegistered.Should().BeTrue();
        results[1].Pods.Should().OnlyContain(p => !p.Registered && p.Error!.IsPermissionDenied);
        results[1].Pods[0].Error!.ToString().Should().Be(
            "CMDB error 9900403: Do not have access permission.; missing permission: create_container_pod (容器Pod新建)");
        results[1].Retryable.Should().BeFalse();
    }

    [Fact]
    public async Task A_restarted_registrar_with_the_same_inputs_loses_nothing_and_duplicates_nothing()
    {
        await using var env = await CmdbTestEnvironment.StartAsync(settings: new Dictionary<string, string?> { ["Cmdb:MaxConcurrentCalls"] = "1" });
        var registrations = Enumerable.Range(0, 45).Select(r => CmdbTestEnvironment.Resource($"res{r}", 10, r % 3)).ToList();
        // Replies come back slowly: the first registrar stops while creates are committed but unanswered.
        env.State.SetFaults("batch_create_kube_pod", new FaultPlan(LatencyMs: 2000));
        var first = env.NewRegistrar();
        var pending = registrations.Select(r => first.RegisterAsync(r)).ToList();
        await Eventually.Until(() => env.State.Pods.Count > 0, "the first call is committed", Bound);
        await first.DisposeAsync();
        var stored = env.State.Pods.Count;
        stored.Should().Be(200, "the first registrar stopped after its first call was committed");
        (await Task.WhenAll(pending).WaitAsync(Bound)).SelectMany(r => r.Pods).Should().Contain(p => !p.Registered);

        env.State.SetFaults("batch_create_kube_pod", new FaultPlan());
        await using var second = env.NewRegistrar();
        var results = await Task.WhenAll(registrations.Select(r => second.RegisterAsync(r))).WaitAsync(Bound);

        results.Should().OnlyContain(r => r.AllRegistered);
        env.State.Pods.Should().HaveCount(450);
        AssertIdsMatchStore(env, registrations, results);
        env.State.Calls.Where(c => c.Api == "batch_create_kube_pod").Should().OnlyContain(c => c.PodCount <= 200);
    }

    [Fact]
    public async Task A_create_whose_reply_is_lost_is_re_listed_not_repeated()
    {
        await using var env = await CmdbTestEnvironment.StartAsync(settings: new Dictionary<string, string?> { ["Cmdb:RequestTimeout"] = "00:00:01" });
        // The server commits, then its reply arrives after the client has given up.
        env.State.SetFaults("batch_create_kube_pod", new FaultPlan(LatencyMs: 4000));
        var registration = CmdbTestEnvironment.Resource("web", 5);

        var result = await env.Registrar.RegisterAsync(registration).WaitAsync(Bound);

        result.AllRegistered.Should().BeTrue();
        env.State.Calls.Where(c => c.Api == "batch_create_kube_pod").Should().ContainSingle();
        // A list slowed past the timeout on a loaded machine is retried too; what matters is one create.
        env.State.Calls.Count(c => c.Api == "list_kube_pod").Should().BeGreaterThanOrEqualTo(2, "the lost create is followed by a re-list");
        AssertIdsMatchStore(env, [registration], [result]);
        env.Logs.Lines.Should().Contain(l => l.Contains("retry 1") && l.Contains("CMDB did not reply"));
    }

    [Fact]
    public async Task Transient_errors_are_retried_after_re_listing()
    {
        await using var env = await CmdbTestEnvironment.StartAsync();
        env.State.SetFaults("batch_create_kube_pod", new FaultPlan(FailNext: 2, ErrorCode: 1199065));

        var result = await env.Registrar.RegisterAsync(CmdbTestEnvironment.Resource("web", 3)).WaitAsync(Bound);

        result.AllRegistered.Should().BeTrue();
        env.State.Calls.Where(c => c.Api == "batch_create_kube_pod").Select(c => c.Code).Should().Equal(1199065, 1199065, 0);
        env.State.Calls.Count(c => c.Api == "list_kube_pod").Should().Be(3, "every attempt lists before it creates");
    }

    [Fact]
    public async Task Gateway_429_is_backed_off_and_never_reported()
    {
        await using var env = await CmdbTestEnvironment.StartAsync(settings: new Dictionary<string, string?> { ["Cmdb:FlushDelay"] = "00:00:00.010" });
        env.State.GatewayRateLimit = 3;

        var results = new List<CmdbRegistrationResult>();
        foreach (var r in Enumerable.Range(0, 8))
            results.Add(await env.Registrar.RegisterAsync(CmdbTestEnvironment.Resource($"r{r}", 1, r % 3)).WaitAsync(Bound));

        results.Should().OnlyContain(r => r.AllRegistered);
        env.State.Calls.Should().Contain(c => c.HttpStatus == 429, "the client sent faster than the gateway allows");
    }

    [Fact]
    public async Task The_client_side_limiter_keeps_under_the_gateway_limit()
    {
        await using var env = await CmdbTestEnvironment.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Cmdb:FlushDelay"] = "00:00:00.010", ["Cmdb:RequestsPerSecond"] = "3",
        });
        env.State.GatewayRateLimit = 5;

        foreach (var r in Enumerable.Range(0, 6))
            (await env.Registrar.RegisterAsync(CmdbTestEnvironment.Resource($"r{r}", 1)).WaitAsync(Bound)).AllRegistered.Should().BeTrue();

        env.State.Calls.Should().HaveCount(12).And.OnlyContain(c => c.HttpStatus == 200);
    }

    [Fact]
    public async Task Exhausted_transient_errors_are_reported_as_retryable()
    {
        await using var env = await CmdbTestEnvironment.StartAsync(settings: new Dictionary<string, string?> { ["Cmdb:MaxRetries"] = "2" });
        env.State.SetFaults("batch_create_kube_pod", new FaultPlan(FailNext: 100, ErrorCode: Messages.TooManyRequests));

        var result = await env.Registrar.RegisterAsync(CmdbTestEnvironment.Resource("web", 2)).WaitAsync(Bound);

        result.AllRegistered.Should().BeFalse();
        result.Retryable.Should().BeTrue();
        result.Pods[0].Error!.ToString().Should().Be("CMDB error 1199997: too many requests");
        env.State.Calls.Count(c => c.Api == "batch_create_kube_pod").Should().Be(3);
    }

    [Fact]
    public async Task Deregistration_finds_every_registration_by_key_and_owner_and_is_idempotent()
    {
        await using var env = await CmdbTestEnvironment.StartAsync();
        var web = CmdbTestEnvironment.Resource("web", 250);
        var other = CmdbTestEnvironment.Resource("other", 2);
        // No id needs to have reached a status: every registration is found by its key and owner label.
        var registered = await env.Registrar.RegisterAsync(web).WaitAsync(Bound);
        await env.Registrar.RegisterAsync(other).WaitAsync(Bound);

        var result = await env.Registrar.DeregisterAsync(CmdbDeregistration.For(web)).WaitAsync(Bound);
        var again = await env.Registrar.DeregisterAsync(CmdbDeregistration.For(web)).WaitAsync(Bound);

        result.Succeeded.Should().BeTrue();
        result.DeletedIds.Should().BeEquivalentTo(registered.Pods.Select(p => p.PodId!.Value));
        result.ForeignIds.Should().BeEmpty();
        again.Succeeded.Should().BeTrue();
        env.State.Pods.Select(p => (string)p["name"]!).Should().BeEquivalentTo("other-0", "other-1");
        env.State.Calls.Where(c => c.Api == "batch_delete_kube_pod").Should().OnlyContain(c => c.PodCount <= 200 && c.Code == 0);
    }

    [Fact]
    public async Task Deregistration_withdraws_a_pending_registration_so_nothing_is_left_behind()
    {
        await using var env = await CmdbTestEnvironment.StartAsync(settings: new Dictionary<string, string?> { ["Cmdb:FlushDelay"] = "00:00:05" });
        var web = CmdbTestEnvironment.Resource("web", 3);
        var pending = env.Registrar.RegisterAsync(web);

        var result = await env.Registrar.DeregisterAsync(CmdbDeregistration.For(web)).WaitAsync(Bound);

        result.Succeeded.Should().BeTrue();
        (await pending.WaitAsync(Bound)).Pods.Should().OnlyContain(p => !p.Registered);
        env.State.Pods.Should().BeEmpty();
        env.State.Calls.Should().NotContain(c => c.Api == "batch_create_kube_pod");
    }

    [Fact]
    public async Task Deregistration_reports_the_server_error()
    {
        await using var env = await CmdbTestEnvironment.StartAsync();
        var web = CmdbTestEnvironment.Resource("web", 1);
        var registered = await env.Registrar.RegisterAsync(web).WaitAsync(Bound);
        env.State.Deny("delete_container_pod", 2);

        var result = await env.Registrar.DeregisterAsync(CmdbDeregistration.For(web)).WaitAsync(Bound);

        result.Succeeded.Should().BeFalse();
        result.Error!.ToString().Should().Contain("delete_container_pod (容器Pod删除)");
        env.State.Pods.Should().HaveCount(1);
    }

    private static void AssertIdsMatchStore(CmdbTestEnvironment env, IReadOnlyList<CmdbRegistration> registrations, IReadOnlyList<CmdbRegistrationResult> results)
    {
        var stored = env.State.Pods.ToDictionary(p => ((string)p["ref"]!["kind"]!, (long)p["ref"]!["id"]!, (string)p["name"]!), p => (long)p["id"]!);
        stored.Should().HaveCount(registrations.SelectMany(r => r.Pods).Select(p => p.Key).Distinct().Count(), "no pod is stored twice or lost");
        for (var r = 0; r < registrations.Count; r++)
        for (var p = 0; p < registrations[r].Pods.Count; p++)
        {
            var key = registrations[r].Pods[p].Key;
            results[r].Pods[p].Name.Should().Be(key.Name);
            results[r].Pods[p].PodId.Should().Be(stored[(key.Kind, key.WorkloadId, key.Name)], $"pod {key} maps to its own CMDB id");
        }
    }

    /// <summary>Creates one pod directly in the simulator the first time the registrar's create arrives.</summary>
    private sealed class RacingWriter(CmdbTestEnvironment env, CmdbPod pod)
    {
        private int ran;
        public long CreatedId { get; private set; }

        public void Run()
        {
            if (Interlocked.Exchange(ref ran, 1) == 1) return;
            var ids = env.Client.BatchCreateKubePodAsync(new BatchCreateKubePodRequest([new BatchCreateKubePodEntry(2, [pod])]), CancellationToken.None).GetAwaiter().GetResult();
            CreatedId = ids[0];
        }
    }
}
