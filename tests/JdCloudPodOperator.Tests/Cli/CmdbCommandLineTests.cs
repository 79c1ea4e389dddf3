using System.CommandLine;
using JdCloudPodOperator.Cli;
using JdCloudPodOperator.Cmdb;

namespace JdCloudPodOperator.Tests.Cli;

/// <summary>The run command's --cmdb-* flags configure <see cref="CmdbOptions"/>.</summary>
public sealed class CmdbCommandLineTests
{
    private static ParseResult Parse(params string[] args) => new RootCommand { RunCommand.Create() }.Parse(["run", .. args]);

    private static CmdbOptions Options(params string[] args)
    {
        var parse = Parse(args);
        parse.Errors.Should().BeEmpty();
        var options = new CmdbOptions();
        CmdbCommandLine.ToSettings(parse)(options);
        return options;
    }

    [Fact]
    public void Without_flags_CMDB_is_off_and_nothing_is_set()
    {
        Options().Should().BeEquivalentTo(new CmdbOptions());
        Options().IsConfigured.Should().BeFalse();
    }

    [Fact]
    public void Flags_set_the_endpoint_credentials_defaults_and_the_ready_gate()
    {
        var options = Options("--cmdb-url", "https://bkapi.example.com/api/bk-cmdb", "--cmdb-entry-point", "native", "--cmdb-stage", "test",
            "--cmdb-credentials-secret", "ops/cmdb", "--cmdb-required-for-ready", "--cmdb-biz-id", "2", "--cmdb-cluster-id", "5",
            "--cmdb-namespace-id", "12", "--cmdb-node-id", "31", "--cmdb-host-id", "1001", "--cmdb-workload", "deployment/100",
            "--cmdb-operators", "alice, bob");

        options.Url.Should().Be(new Uri("https://bkapi.example.com/api/bk-cmdb"));
        options.EntryPoint.Should().Be(CmdbEntryPoint.Native);
        options.Stage.Should().Be("test");
        options.CredentialsSecret.Should().Be("ops/cmdb");
        options.RequiredForReady.Should().BeTrue();
        options.Defaults.Should().BeEquivalentTo(new Entities.CmdbSpec
        {
            BizId = 2, ClusterId = 5, NamespaceId = 12, NodeId = 31, HostId = 1001,
            Workload = new Entities.CmdbWorkloadReference { Kind = "deployment", Id = 100 }, Operators = ["alice", "bob"],
        });
        CmdbRules.Check(options.Defaults).Should().BeEmpty();
    }

    [Fact]
    public void A_flag_overrides_the_configured_value_and_leaves_the_others()
    {
        CmdbOptions Configured() => new()
        {
            Stage = "test", RequestsPerSecond = 10,
            Defaults = new Entities.CmdbSpec { BizId = 9, Operators = ["carol"], Labels = new() { ["team"] = "web" } },
        };
        var (flagged, unflagged) = (Configured(), Configured());

        CmdbCommandLine.ToSettings(Parse("--cmdb-biz-id", "2", "--cmdb-operators", "alice"))(flagged);
        CmdbCommandLine.ToSettings(Parse())(unflagged);

        flagged.Defaults.BizId.Should().Be(2);
        flagged.Defaults.Operators.Should().Equal("alice");
        unflagged.Should().BeEquivalentTo(Configured());
        flagged.Should().BeEquivalentTo(Configured(), o => o.Excluding(c => c.Defaults.BizId).Excluding(c => c.Defaults.Operators));
    }

    [Theory]
    [InlineData("--cmdb-biz-id", "0")]
    [InlineData("--cmdb-host-id", "x")]
    [InlineData("--cmdb-entry-point", "soap")]
    [InlineData("--cmdb-url", "bkapi.example.com")]
    public void Bad_values_are_refused_by_the_parser(string flag, string value) =>
        Parse(flag, value).Errors.Should().NotBeEmpty();

    [Theory]
    [InlineData("pods/77", true)]
    [InlineData("Pods/77", false)]
    [InlineData("pods/0", false)]
    [InlineData("pods", false)]
    public void The_default_workload_is_a_CMDB_kind_and_a_positive_id(string workload, bool accepted)
    {
        var settings = () => CmdbCommandLine.ToSettings(Parse("--cmdb-workload", workload));
        if (accepted) Options("--cmdb-workload", workload).Defaults.Workload!.Kind.Should().Be("pods");
        else settings.Should().Throw<InvalidOperationException>().WithMessage("*--cmdb-workload*");
    }

    [Fact]
    public void The_namespace_business_map_comes_from_repeated_or_comma_separated_flags()
    {
        var options = Options("--cmdb-allowed-businesses", "team-a=3,team-a=4:pods/77", "--cmdb-allowed-businesses", "team-b=5");

        options.AllowedBusinesses.Should().Equal("team-a=3", "team-a=4:pods/77", "team-b=5");
        options.Businesses.Check("team-b", new Entities.CmdbSpec { Enabled = true, BizId = 5 }, defaultBizId: 2).Should().BeEmpty();
        options.Businesses.Check("team-b", new Entities.CmdbSpec { Enabled = true, BizId = 3 }, defaultBizId: 2).Should().ContainSingle();
    }

    [Fact]
    public void The_namespace_business_map_comes_from_the_settings_file_too()
    {
        var file = Path.Combine(Path.GetTempPath(), $"settings-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "Operator": { "CmdbAllowedBusinesses": ["team-a=3", "team-b=5:pods/78"] } }""");
        try
        {
            Options("--config", file).AllowedBusinesses.Should().Equal("team-a=3", "team-b=5:pods/78");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_malformed_map_entry_stops_the_operator_naming_the_flag()
    {
        var settings = () => CmdbCommandLine.ToSettings(Parse("--cmdb-allowed-businesses", "team-a=3,team-b"));

        settings.Should().Throw<InvalidOperationException>().WithMessage("--cmdb-allowed-businesses: 'team-b' is not NAMESPACE=BIZ*");
    }
}
