using CmdbSimulator;
using JdCloudPodOperator.Cmdb;

namespace JdCloudPodOperator.Tests.Cmdb;

/// <summary>The CMDB client on its three entry points, its error mapping, and what it never logs.</summary>
public sealed class CmdbClientTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(CmdbEntryPoint.Gateway, "gateway", "DELETE")]
    [InlineData(CmdbEntryPoint.Native, "native", "DELETE")]
    [InlineData(CmdbEntryPoint.Esb, "esb", "POST")]
    public async Task Registers_and_deregisters_through_each_entry_point(CmdbEntryPoint entryPoint, string expected, string deleteMethod)
    {
        await using var env = await CmdbTestEnvironment.StartAsync(entryPoint);
        var web = CmdbTestEnvironment.Resource("web", 3);

        var registered = await env.Registrar.RegisterAsync(web).WaitAsync(Bound);
        var deregistered = await env.Registrar.DeregisterAsync(CmdbDeregistration.For(web)).WaitAsync(Bound);

        registered.AllRegistered.Should().BeTrue();
        deregistered.Succeeded.Should().BeTrue();
        env.State.Pods.Should().BeEmpty();
        env.State.Calls.Should().OnlyContain(c => c.EntryPoint == expected && c.Code == 0);
        env.State.Calls.Single(c => c.Api == "batch_delete_kube_pod").Method.Should().Be(deleteMethod);
    }

    [Theory]
    [InlineData(CmdbEntryPoint.Gateway)]
    [InlineData(CmdbEntryPoint.Native)]
    [InlineData(CmdbEntryPoint.Esb)]
    public async Task Every_request_carries_a_content_length_and_is_never_chunked(CmdbEntryPoint entryPoint)
    {
        await using var env = await CmdbTestEnvironment.StartAsync(entryPoint);
        var web = CmdbTestEnvironment.Resource("web", 2);

        await env.Registrar.RegisterAsync(web).WaitAsync(Bound);
        await env.Registrar.DeregisterAsync(CmdbDeregistration.For(web)).WaitAsync(Bound);

        env.State.Calls.Select(c => c.Api).Should().Contain(["list_kube_pod", "batch_create_kube_pod", "batch_delete_kube_pod"]);
        env.State.Calls.Should().OnlyContain(c => c.TransferEncoding == null && c.ContentLength > 0, "a chunked body, DELETE's above all, is refused by some proxies");
    }

    [Fact]
    public async Task On_the_esb_the_app_credentials_travel_in_the_body_too_so_a_body_only_esb_accepts_them()
    {
        await using var env = await CmdbTestEnvironment.StartAsync(CmdbEntryPoint.Esb);
        env.State.EsbReadsBodyOnly = true;
        var web = CmdbTestEnvironment.Resource("web", 2);

        var registered = await env.Registrar.RegisterAsync(web).WaitAsync(Bound);
        var deregistered = await env.Registrar.DeregisterAsync(CmdbDeregistration.For(web)).WaitAsync(Bound);

        registered.AllRegistered.Should().BeTrue(registered.Describe());
        deregistered.Succeeded.Should().BeTrue();
        env.State.Calls.Should().OnlyContain(c => c.Code == 0 && c.AppCode == SimulatorHost.DefaultAppCode
            && c.BodyKeys.Contains("bk_app_code") && c.BodyKeys.Contains("bk_app_secret") && c.BodyKeys.Contains("bk_username"));
        env.Logs.Lines.Should().NotBeEmpty().And.NotContain(l => l.Contains(SimulatorHost.DefaultAppSecret));
    }

    [Theory]
    [InlineData(CmdbEntryPoint.Gateway)]
    [InlineData(CmdbEntryPoint.Native)]
    public async Task Off_the_esb_the_body_carries_no_credentials(CmdbEntryPoint entryPoint)
    {
        await using var env = await CmdbTestEnvironment.StartAsync(entryPoint);

        await env.Registrar.RegisterAsync(CmdbTestEnvironment.Resource("web", 1)).WaitAsync(Bound);

        env.State.Calls.Should().NotBeEmpty().And.OnlyContain(c => c.BodyKeys.Count > 0
            && !c.BodyKeys.Any(k => k.StartsWith("bk_app_", StringComparison.Ordinal) || k == "bk_username"));
    }

    [Fact]
    public async Task A_business_error_carries_the_server_code_message_and_http_status()
    {
        await using var env = await CmdbTestEnvironment.StartAsync();
        var request = new BatchCreateKubePodRequest([new BatchCreateKubePodEntry(2, [CmdbTestEnvironment.Pod("a") with { HostId = 0 }])]);

        var error = (await FluentActions.Awaiting(() => env.Client.BatchCreateKubePodAsync(request, CancellationToken.None))
            .Should().ThrowAsync<CmdbException>()).Which;

        error.Api.Should().Be("batch_create_kube_pod");
        error.Error.Should().Be(new CmdbError(1199010, "'host id' unassigned", 200));
        error.Message.Should().Be("batch_create_kube_pod: CMDB error 1199010: 'host id' unassigned");
        error.Error.IsTransient.Should().BeFalse();
    }

    [Fact]
    public async Task Permission_denied_shows_the_missing_action()
    {
        await using var env = await CmdbTestEnvironment.StartAsync(CmdbEntryPoint.Native);
        env.State.Deny("view_business_resource", 2);

        var error = (await FluentActions.Awaiting(() => env.Client.ListKubePodAsync(
                new ListKubePodRequest(2, null, ["id"], new CmdbPage(0, 10)), CancellationToken.None))
            .Should().ThrowAsync<CmdbException>()).Which.Error;

        error.IsPermissionDenied.Should().BeTrue();
        error.Permission!.Actions.Should().ContainSingle().Which.Id.Should().Be("view_business_resource");
        error.ToString().Should().Be("CMDB error 9900403: Do not have access permission.; missing permission: view_business_resource (业务访问)");
    }

    [Fact]
    public async Task A_reply_without_a_cmdb_body_is_a_transient_error_without_code()
    {
        await using var env = await CmdbTestEnvironment.StartAsync();
        env.State.SetFaults("list_kube_pod", new FaultPlan(FailNext: 1, HttpStatus: 503));

        var error = (await FluentActions.Awaiting(() => env.Client.ListKubePodAsync(
                new ListKubePodRequest(2, null, ["id"], new CmdbPage(0, 10)), CancellationToken.None))
            .Should().ThrowAsync<CmdbException>()).Which.Error;

        error.Code.Should().BeNull();
        error.HttpStatus.Should().Be(503);
        error.IsTransient.Should().BeTrue();
        error.ToString().Should().Be("CMDB replied without a CMDB body (HTTP 503)");
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task An_http_error_is_a_failure_whatever_its_body_says(int status)
    {
        await using var env = await CmdbTestEnvironment.StartAsync();
        env.State.SetFaults("list_kube_pod", new FaultPlan(FailNext: 1, HttpStatus: status));

        var error = (await FluentActions.Awaiting(() => env.Client.ListKubePodAsync(
                new ListKubePodRequest(2, null, ["id"], new CmdbPage(0, 10)), CancellationToken.None))
            .Should().ThrowAsync<CmdbException>()).Which.Error;

        error.HttpStatus.Should().Be(status);
    }

    [Fact]
    public async Task A_failure_of_an_unexpected_kind_fails_the_batch_instead_of_leaving_its_pods_waiting()
    {
        await using var env = await CmdbTestEnvironment.StartAsync();
        env.State.SetFaults("*", new FaultPlan(ErrorRate: 1, MalformedData: true));

        var result = await env.Registrar.RegisterAsync(CmdbTestEnvironment.Resource("a", 2)).WaitAsync(Bound);

        result.Pods.Should().HaveCount(2).And.OnlyContain(p => !p.Registered && p.Error!.Message.StartsWith("registration failed: "));
        result.Retryable.Should().BeTrue("the pass reports it and tries again later");
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(500, false)]
    [InlineData(400, false)]
    [InlineData(200, false)]
    public void A_gateway_5xx_or_429_with_a_body_is_retried_other_statuses_go_by_the_code(int status, bool transient)
    {
        new CmdbError(1199010, "'host id' unassigned", status).IsTransient.Should().Be(transient);
        new CmdbError(1199997, "too many requests", status).IsTransient.Should().BeTrue("1199997 is a transient code");
    }

    [Fact]
    public async Task Gateway_rejection_of_the_credentials_fails_every_pod_without_splitting()
    {
        await using var env = await CmdbTestEnvironment.StartAsync(appSecret: "wrong-secret-4f1c9a");

        var results = await Task.WhenAll(env.Registrar.RegisterAsync(CmdbTestEnvironment.Resource("a", 5)),
            env.Registrar.RegisterAsync(CmdbTestEnvironment.Resource("b", 5, 1))).WaitAsync(Bound);

        results.SelectMany(r => r.Pods).Should().OnlyContain(p => p.Error!.Code == 1640001 && p.Error.HttpStatus == 400 && p.Error.IsGlobal);
        env.State.Calls.Should().HaveCount(2, "one refused list per business, nothing retried or split");
    }

    [Fact]
    public async Task The_app_secret_never_appears_in_logs_or_errors()
    {
        const string wrongSecret = "wrong-secret-4f1c9a";
        var messages = new List<string>();
        await using (var env = await CmdbTestEnvironment.StartAsync())
        {
            env.State.SetFaults("batch_create_kube_pod", new FaultPlan(FailNext: 1, ErrorCode: 1199065));
            var web = CmdbTestEnvironment.Resource("web", 3);
            var ok = await env.Registrar.RegisterAsync(web).WaitAsync(Bound);
            messages.Add(ok.Describe());
            env.State.Deny("delete_container_pod");
            messages.Add((await env.Registrar.DeregisterAsync(CmdbDeregistration.For(web)).WaitAsync(Bound)).Error!.ToString());
            messages.AddRange(env.Logs.Lines);
            env.Logs.Lines.Should().Contain(l => l.Contains("X-Bkapi-Authorization"), "HTTP logging ran, with the header redacted");
        }
        await using (var env = await CmdbTestEnvironment.StartAsync(appSecret: wrongSecret))
        {
            messages.Add((await env.Registrar.RegisterAsync(CmdbTestEnvironment.Resource("web", 1)).WaitAsync(Bound)).Describe());
            messages.Add((await FluentActions.Awaiting(() => env.Client.BatchDeleteKubePodAsync(
                new BatchDeleteKubePodRequest([new BatchDeleteKubePodEntry(2, [1])]), CancellationToken.None)).Should().ThrowAsync<CmdbException>()).Which.ToString());
            messages.AddRange(env.Logs.Lines);
        }

        messages.Should().NotBeEmpty().And.NotContain(m => m.Contains(SimulatorHost.DefaultAppSecret) || m.Contains(wrongSecret));
    }

    [Fact]
    public void Credentials_are_read_from_the_secret_files_and_never_printed()
    {
        var dir = Directory.CreateTempSubdirectory("cmdb-cred-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "bk_username"), "admin\n");
            var native = CmdbCredentials.Load(dir, CmdbEntryPoint.Native);
            FluentActions.Invoking(() => CmdbCredentials.Load(dir, CmdbEntryPoint.Gateway))
                .Should().Throw<InvalidOperationException>().WithMessage("CMDB credentials: key 'bk_app_code' missing in the Secret mounted at *");
            File.WriteAllText(Path.Combine(dir, "bk_app_code"), "app");
            File.WriteAllText(Path.Combine(dir, "bk_app_secret"), "");
            FluentActions.Invoking(() => CmdbCredentials.Load(dir, CmdbEntryPoint.Esb))
                .Should().Throw<InvalidOperationException>().WithMessage("*key 'bk_app_secret' is empty*");
            File.WriteAllText(Path.Combine(dir, "bk_app_secret"), "top-secret");
            var gateway = CmdbCredentials.Load(dir, CmdbEntryPoint.Gateway);

            native.Username.Should().Be("admin");
            gateway.ToString().Should().Be("bk_app_code=app, bk_username=admin, bk_app_secret=***");
            gateway.AuthorizationHeader().Should().Be("""{"bk_app_code":"app","bk_app_secret":"top-secret","bk_username":"admin"}""");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Existing_registrations_are_found_across_list_pages_and_name_chunks()
    {
        await using var env = await CmdbTestEnvironment.StartAsync();
        var big = CmdbTestEnvironment.Resource("big", 620);
        var first = await env.Registrar.RegisterAsync(big).WaitAsync(Bound);
        var createsBefore = env.State.Calls.Count(c => c.Api == "batch_create_kube_pod");

        await using var restarted = env.NewRegistrar();
        var again = await restarted.RegisterAsync(big).WaitAsync(Bound);

        again.Pods.Select(p => p.PodId).Should().Equal(first.Pods.Select(p => p.PodId));
        env.State.Calls.Count(c => c.Api == "batch_create_kube_pod").Should().Be(createsBefore, "everything was found");
        env.State.Calls.Where(c => c.Api == "list_kube_pod").Should().OnlyContain(c => c.Code == 0);
    }
}
