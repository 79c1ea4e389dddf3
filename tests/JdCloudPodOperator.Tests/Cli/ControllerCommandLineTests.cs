using System.CommandLine;
using JdCloudPodOperator.Cli;
using JdCloudPodOperator.Controller;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.Runtime;

namespace JdCloudPodOperator.Tests.Cli;

[Collection(ProcessEnvironment.Name)]
public class ControllerCommandLineTests
{
    private static (JdCloudPodControllerOptions Controller, OperatorRuntimeOptions Runtime, JdCloudClientOptions Cloud, ParseResult Parse) Run(params string[] args)
    {
        var root = new RootCommand { RunCommand.Create() };
        var parse = root.Parse(["run", .. args]);
        parse.Errors.Should().BeEmpty();
        var settings = ControllerCommandLine.ToSettings(parse);
        var (controller, runtime, cloud) = (new JdCloudPodControllerOptions(), new OperatorRuntimeOptions(), new JdCloudClientOptions());
        settings.Controller(controller);
        settings.Runtime(runtime);
        settings.Cloud(cloud);
        return (controller, runtime, cloud, parse);
    }

    [Fact]
    public void Defaults_watch_every_namespace_with_leader_election_and_the_public_endpoint()
    {
        var (controller, runtime, cloud, parse) = Run();
        runtime.Watch.Namespaces.Should().BeEmpty();
        runtime.LeaderElection.Enabled.Should().BeTrue();
        runtime.Queue.Workers.Should().Be(16);
        controller.SettledPollInterval.Should().Be(TimeSpan.FromSeconds(60));
        cloud.BaseUrl.Should().BeNull();
        cloud.Endpoint.Should().Be(JdCloudEndpointKind.Public);
        ControllerCommandLine.LogLevelOf(parse).Should().Be(Microsoft.Extensions.Logging.LogLevel.Information);
    }

    [Fact]
    public void Flags_set_namespaces_concurrency_resync_endpoint_leader_election_and_log_level()
    {
        var (controller, runtime, cloud, parse) = Run("--namespace", "a,b", "--namespace", "c", "--concurrency", "4",
            "--resync-period", "5m", "--jdcloud-endpoint", "http://127.0.0.1:18780", "--leader-elect", "false",
            "--leader-election-namespace", "ops", "--log-level", "Debug");
        runtime.Watch.Namespaces.Should().Equal("a", "b", "c");
        runtime.Queue.Workers.Should().Be(4);
        runtime.LeaderElection.Enabled.Should().BeFalse();
        runtime.LeaderElection.LeaseNamespace.Should().Be("ops");
        controller.SettledPollInterval.Should().Be(TimeSpan.FromMinutes(5));
        cloud.BaseUrl.Should().Be(new Uri("http://127.0.0.1:18780"));
        ControllerCommandLine.LogLevelOf(parse).Should().Be(Microsoft.Extensions.Logging.LogLevel.Debug);
    }

    [Fact]
    public void The_rate_limit_flag_sets_calls_per_second_per_access_key()
    {
        Run().Cloud.RateLimitPerSecond.Should().Be(15);
        Run("--jdcloud-rate-limit", "200").Cloud.RateLimitPerSecond.Should().Be(200);
        new RootCommand { RunCommand.Create() }.Parse(["run", "--jdcloud-rate-limit", "1001"]).Errors.Should().ContainSingle()
            .Which.Message.Should().Contain("--jdcloud-rate-limit must be 1-1000");
    }

    [Fact]
    public void The_cluster_id_defaults_to_none_so_the_kube_system_uid_is_used() =>
        Run().Controller.ClusterId.Should().BeNull();

    [Theory]
    [InlineData("a")]
    [InlineData("3f2a9c1e-7d4b-4e8a-9b1c-0d2e3f4a5b6c")]
    [InlineData("c63-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public void A_cluster_id_that_is_a_dns_label_is_taken(string id) =>
        Run("--cluster-id", id).Controller.ClusterId.Should().Be(id);

    [Theory]
    [InlineData("c64-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("Prod")]
    [InlineData("a/b")]
    [InlineData("-a")]
    public void A_cluster_id_that_is_not_a_dns_label_is_refused(string id) =>
        new RootCommand { RunCommand.Create() }.Parse(["run", "--cluster-id", id]).Errors.Should().ContainSingle()
            .Which.Message.Should().Contain("--cluster-id").And.Contain("DNS-1123 label");

    [Fact]
    public void The_vpc_endpoint_flag_selects_the_internal_endpoint() =>
        Run("--jdcloud-vpc-endpoint").Cloud.Endpoint.Should().Be(JdCloudEndpointKind.VpcInternal);

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    public void Concurrency_outside_1_to_1000_is_refused(string value) =>
        new RootCommand { RunCommand.Create() }.Parse(["run", "--concurrency", value]).Errors.Should().ContainSingle();

    [Theory]
    [InlineData("not-a-url")]
    [InlineData("soon")]
    public void Unparseable_values_are_refused_with_the_option_name(string value)
    {
        var option = value == "soon" ? "--resync-period" : "--jdcloud-endpoint";
        new RootCommand { RunCommand.Create() }.Parse(["run", option, value]).Errors
            .Should().ContainSingle().Which.Message.Should().Contain(option);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("1.5s", 1.5)]
    [InlineData("500ms", 0.5)]
    [InlineData("00:01:30", 90)]
    public void Durations_read_as_units_or_a_timespan(string text, double seconds) =>
        ControllerCommandLine.ParseDuration(text).Should().Be(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData("0s")]
    [InlineData("-5m")]
    [InlineData("soon")]
    public void Zero_negative_or_unreadable_durations_are_refused(string text) =>
        FluentActions.Invoking(() => ControllerCommandLine.ParseDuration(text)).Should().Throw<FormatException>();

    [Fact]
    public void Help_documents_every_controller_flag_and_its_environment_variable()
    {
        var help = new StringWriter();
        var root = new RootCommand { RunCommand.Create() };
        root.Parse(["run", "--help"]).Invoke(new InvocationConfiguration { Output = help });
        foreach (var text in new[] { "--namespace", "WATCH_NAMESPACE", "--concurrency", "--resync-period", "--jdcloud-endpoint", "JDCLOUD_ENDPOINT",
            "--jdcloud-vpc-endpoint", "--cluster-id", "JDPOD_CLUSTER_ID", "--leader-elect", "--log-level", "--kubeconfig" })
            help.ToString().Should().Contain(text);
    }
}
