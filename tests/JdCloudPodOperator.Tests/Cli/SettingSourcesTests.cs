using System.CommandLine;
using JdCloudPodOperator.Cli;
using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Runtime;
using JdCloudPodOperator.Telemetry;

namespace JdCloudPodOperator.Tests.Cli;

/// <summary>Tests that change the process's environment variables run one at a time, apart from those reading them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "process environment";
}

/// <summary>Each setting: the flag, else its environment variable, else appsettings.json, else the default.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class SettingSourcesTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"appsettings-{Guid.NewGuid():N}.json");

    private static ParseResult Parse(params string[] args)
    {
        var parse = new RootCommand { RunCommand.Create() }.Parse(["run", .. args]);
        parse.Errors.Should().BeEmpty();
        return parse;
    }

    private static (JdCloudPodControllerOptions Controller, OperatorRuntimeOptions Runtime, OperatorHostOptions Host) Settings(params string[] args)
    {
        var parse = Parse(args);
        var host = RunCommand.ToOptions(parse);
        var (controller, runtime) = (new JdCloudPodControllerOptions(), new OperatorRuntimeOptions());
        host.Controller!.Controller(controller);
        host.Controller.Runtime(runtime);
        return (controller, runtime, host);
    }

    private void WriteSettings(string json) => File.WriteAllText(_file, json);

    [Fact]
    public void Flags_win_over_environment_which_wins_over_the_settings_file_which_wins_over_defaults()
    {
        WriteSettings("""{ "Operator": { "Concurrency": 3, "ResyncPeriod": "5m", "HealthPort": 9100 } }""");
        Settings().Runtime.Queue.Workers.Should().Be(16, "the default, without a settings file");
        Settings("--config", _file).Runtime.Queue.Workers.Should().Be(3, "appsettings.json over the default");

        using (new EnvironmentVariable("JDPOD_CONCURRENCY", "5"))
        {
            Settings("--config", _file).Runtime.Queue.Workers.Should().Be(5, "the environment over appsettings.json");
            Settings("--config", _file, "--concurrency", "7").Runtime.Queue.Workers.Should().Be(7, "a flag over everything");
        }
        var fromFile = Settings("--config", _file);
        fromFile.Controller.SettledPollInterval.Should().Be(TimeSpan.FromMinutes(5));
        fromFile.Host.HealthPort.Should().Be(9100);
    }

    [Fact]
    public void The_settings_file_is_found_through_JDPOD_CONFIG_and_takes_lists_and_every_flag_by_its_PascalCase_name()
    {
        WriteSettings("""
            { "Operator": { "Namespace": ["team-a", "team-b"], "LogLevel": "Debug", "LogFormat": "json", "JdcloudEndpoint": "http://127.0.0.1:18780",
                            "LeaderElect": false, "LeaderElectionNamespace": "ops", "WebhookPort": 9443 } }
            """);
        using var _ = new EnvironmentVariable("JDPOD_CONFIG", _file);
        var (_, runtime, host) = Settings();
        runtime.Watch.Namespaces.Should().Equal("team-a", "team-b");
        runtime.LeaderElection.Enabled.Should().BeFalse();
        runtime.LeaderElection.LeaseNamespace.Should().Be("ops");
        host.LogLevel.Should().Be(Microsoft.Extensions.Logging.LogLevel.Debug);
        host.LogFormat.Should().Be(LogFormat.Json);
        var cloud = new JdCloudPodOperator.JdCloud.JdCloudClientOptions();
        host.Controller!.Cloud(cloud);
        cloud.BaseUrl.Should().Be(new Uri("http://127.0.0.1:18780"));
    }

    [Fact]
    public void A_bad_value_in_the_file_or_environment_names_where_it_came_from()
    {
        WriteSettings("""{ "Operator": { "Concurrency": "many" } }""");
        var fromFile = () => Settings("--config", _file);
        fromFile.Should().Throw<InvalidOperationException>().WithMessage($"{_file}: Operator:Concurrency='many' is invalid*");

        using var _ = new EnvironmentVariable("JDPOD_RESYNC_PERIOD", "soon");
        var fromEnv = () => Settings();
        fromEnv.Should().Throw<InvalidOperationException>().WithMessage("environment variable JDPOD_RESYNC_PERIOD='soon' is invalid*");
    }

    [Fact]
    public void A_missing_or_broken_settings_file_given_explicitly_is_an_error()
    {
        var missing = () => Settings("--config", _file);
        missing.Should().Throw<InvalidOperationException>().WithMessage($"settings file {_file} not found");
        WriteSettings("{ not json");
        var broken = () => Settings("--config", _file);
        broken.Should().Throw<InvalidOperationException>().WithMessage($"settings file {_file} is not valid JSON*");
    }

    [Fact]
    public void Help_documents_every_setting_with_its_environment_variable_and_the_settings_file()
    {
        var output = new StringWriter();
        var root = new RootCommand { RunCommand.Create() };
        root.Parse(["run", "--help"]).Invoke(new InvocationConfiguration { Output = output });
        var help = output.ToString();
        foreach (var env in new[] { "WATCH_NAMESPACE", "JDPOD_CONCURRENCY", "JDPOD_RESYNC_PERIOD", "JDCLOUD_ENDPOINT", "JDPOD_HEALTH_PORT", "JDPOD_WEBHOOK_PORT", "JDPOD_LOG_LEVEL", "JDPOD_LOG_FORMAT", "JDPOD_CONFIG" })
            help.Should().Contain("Env " + env);
        help.Should().Contain("--config").And.Contain("/metrics");
    }

    [Theory]
    [InlineData("--resync-period", "ResyncPeriod")]
    [InlineData("--namespace", "Namespace")]
    [InlineData("--jdcloud-vpc-endpoint", "JdcloudVpcEndpoint")]
    public void Settings_file_keys_are_flag_names_in_PascalCase(string flag, string key) => SettingSources.Key(flag).Should().Be(key);

    public void Dispose() => File.Delete(_file);

    /// <summary>Sets a variable for the test's duration and restores it.</summary>
    private sealed class EnvironmentVariable : IDisposable
    {
        private readonly string _name;
        private readonly string? _old;

        public EnvironmentVariable(string name, string value)
        {
            (_name, _old) = (name, Environment.GetEnvironmentVariable(name));
            Environment.SetEnvironmentVariable(name, value);
        }

        public void Dispose() => Environment.SetEnvironmentVariable(_name, _old);
    }
}
