using System.Text.Json;
using JdCloudPodOperator.Cmdb;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Validation;
using JdCloudPodOperator.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Tests.Cmdb;

/// <summary>spec.cmdb: its JSON shape, defaults from configuration, and the CMDB field rules both sides.</summary>
public sealed class CmdbRulesTests
{
    private static CmdbSpec Full() => new()
    {
        Enabled = true, BizId = 2, ClusterId = 5, NamespaceId = 12, NodeId = 31, HostId = 1001,
        Workload = new CmdbWorkloadReference { Kind = "pods", Id = 77 }, Operators = ["alice"],
        Labels = new Dictionary<string, string> { ["app"] = "web" },
    };

    [Fact]
    public void Spec_uses_camel_case_json_names()
    {
        var json = JsonSerializer.Serialize(Full());

        json.Should().Be("""{"enabled":true,"bizId":2,"clusterId":5,"namespaceId":12,"nodeId":31,"hostId":1001,"workload":{"kind":"pods","id":77},"operators":["alice"],"labels":{"app":"web"}}""");
        JsonSerializer.Deserialize<CmdbSpec>(json).Should().BeEquivalentTo(Full());
    }

    [Fact]
    public void A_complete_spec_has_no_violations_and_an_empty_enabled_spec_lists_every_missing_field()
    {
        CmdbRules.Check(Full()).Should().BeEmpty();

        CmdbRules.Check(new CmdbSpec { Enabled = true }).Select(v => v.FieldPath).Should().Equal(
            "spec.cmdb.bizId", "spec.cmdb.clusterId", "spec.cmdb.namespaceId", "spec.cmdb.nodeId", "spec.cmdb.hostId",
            "spec.cmdb.workload.kind", "spec.cmdb.workload.id", "spec.cmdb.operators");
        CmdbRules.Check(new CmdbSpec { Enabled = true })[0].Message.Should().Be(
            "the CMDB business id, here or in operator configuration Cmdb:Defaults:BizId");
        CmdbRules.Check(new CmdbSpec()).Should().BeEmpty("missing values only matter when registration is enabled");
    }

    [Theory]
    [InlineData("bizId")]
    [InlineData("clusterId")]
    [InlineData("namespaceId")]
    [InlineData("nodeId")]
    [InlineData("hostId")]
    [InlineData("workload.id")]
    public void Ids_are_accepted_from_1_and_rejected_at_0_and_below(string field)
    {
        CmdbSpec With(long value)
        {
            var spec = Full();
            switch (field)
            {
                case "bizId": spec.BizId = value; break;
                case "clusterId": spec.ClusterId = value; break;
                case "namespaceId": spec.NamespaceId = value; break;
                case "nodeId": spec.NodeId = value; break;
                case "hostId": spec.HostId = value; break;
                default: spec.Workload!.Id = value; break;
            }
            return spec;
        }

        CmdbRules.Check(With(1)).Should().BeEmpty();
        CmdbRules.Check(With(0)).Should().ContainSingle().Which.FieldPath.Should().Be($"spec.cmdb.{field}");
        CmdbRules.Check(With(-1)).Should().ContainSingle().Which.Message.Should().EndWith("got -1");
        var disabled = With(0);
        disabled.Enabled = false;
        CmdbRules.Check(disabled).Should().ContainSingle("a value that is set is checked even when disabled");
    }

    [Theory]
    [InlineData("deployment", true)]
    [InlineData("statefulSet", true)]
    [InlineData("daemonSet", true)]
    [InlineData("gameStatefulSet", true)]
    [InlineData("gameDeployment", true)]
    [InlineData("cronJob", true)]
    [InlineData("job", true)]
    [InlineData("pods", true)]
    [InlineData("customResource", true)]
    [InlineData("Deployment", false)]
    [InlineData("Pods", false)]
    [InlineData("statefulset", false)]
    [InlineData("replicaSet", false)]
    [InlineData("", false)]
    public void Workload_kinds_come_from_the_allowed_list_case_sensitively(string kind, bool accepted)
    {
        var spec = Full();
        spec.Workload!.Kind = kind;

        var violations = CmdbRules.Check(spec);
        // The shared validator (webhook, validate, controller) reports it once, at the same path, in a valid resource.
        var pod = TestPods.Minimal();
        pod.Spec.Cmdb = spec;
        var validated = JdCloudPodValidator.Validate(pod).Violations;

        if (accepted)
        {
            violations.Should().BeEmpty();
            validated.Should().BeEmpty();
        }
        else
        {
            violations.Should().ContainSingle().Which.Should().Be(("spec.cmdb.workload.kind",
                $"'{kind}' is not a CMDB workload kind; one of deployment, statefulSet, daemonSet, gameStatefulSet, gameDeployment, cronJob, job, pods, customResource (case-sensitive)", ViolationKind.NotSupported));
            validated.Should().ContainSingle().Which.Field.Should().Be("spec.cmdb.workload.kind");
        }
    }

    [Fact]
    public void Operators_need_at_least_one_user()
    {
        var spec = Full();
        spec.Operators = [];
        CmdbRules.Check(spec).Should().ContainSingle().Which.FieldPath.Should().Be("spec.cmdb.operators");
        spec.Operators = [""];
        CmdbRules.Check(spec).Should().BeEmpty("CMDB does not check the elements");
    }

    [Fact]
    public void Pod_rules_cover_name_and_each_container()
    {
        var good = CmdbTestEnvironment.Pod("web-0");
        CmdbRules.CheckPod(good).Should().BeEmpty();
        CmdbRules.CheckPod(good with { Containers = [new CmdbContainer("c", "u", "")] }).Should().BeEmpty("an empty image is accepted");
        CmdbRules.CheckPod(good with { Containers = [] }).Should().BeEmpty();

        var bad = good with
        {
            Name = "",
            Containers = [new CmdbContainer("", "", null!), new CmdbContainer("b", "u", "i"), new CmdbContainer("c", "u", "i")],
        };
        CmdbRules.CheckPod(bad, "pods[3]").Select(v => v.FieldPath).Should().Equal(
            "pods[3].name", "pods[3].containers[0].name", "pods[3].containers[0].container_uid", "pods[3].containers[0].image",
            "pods[3].containers[2].container_uid");
    }

    [Fact]
    public void Defaults_come_from_configuration_and_the_spec_wins_field_by_field()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cmdb:Url"] = "https://bkapi.example.com/api/bk-cmdb",
            ["Cmdb:Defaults:BizId"] = "2", ["Cmdb:Defaults:ClusterId"] = "5", ["Cmdb:Defaults:NamespaceId"] = "12",
            ["Cmdb:Defaults:NodeId"] = "31", ["Cmdb:Defaults:HostId"] = "1001", ["Cmdb:Defaults:Workload:Kind"] = "pods",
            ["Cmdb:Defaults:Workload:Id"] = "77", ["Cmdb:Defaults:Operators:0"] = "ops", ["Cmdb:Defaults:Labels:team"] = "platform",
            ["Cmdb:Defaults:Labels:app"] = "default",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddCmdb(configuration).BuildServiceProvider();
        var defaults = services.GetRequiredService<IOptions<CmdbOptions>>().Value.Defaults;
        var spec = new CmdbSpec { Enabled = true, HostId = 2002, Labels = new Dictionary<string, string> { ["app"] = "web" } };

        CmdbRules.Check(new CmdbSpec { Enabled = true }, defaults).Should().BeEmpty("most resources need only enabled: true");
        var resolved = CmdbSpecDefaults.Apply(spec, defaults);

        resolved.HostId.Should().Be(2002);
        resolved.BizId.Should().Be(2);
        resolved.Workload.Should().BeEquivalentTo(new CmdbWorkloadReference { Kind = "pods", Id = 77 });
        resolved.Operators.Should().Equal("ops");
        resolved.Labels.Should().Equal(new Dictionary<string, string> { ["team"] = "platform", ["app"] = "web" });
    }

    [Fact]
    public void A_registration_is_built_from_spec_defaults_and_running_pods()
    {
        var defaults = Full();
        var spec = new CmdbSpec { Enabled = true, Workload = new CmdbWorkloadReference { Kind = "deployment", Id = 100 } };

        var registration = CmdbRegistration.Create("ns/web", spec, defaults,
            [new CmdbPodInstance("pod-1", "web-0", ["10.0.0.5", "10.0.0.6"], [new CmdbContainer("app", "pod-1/app", "nginx:1.25")])]);

        registration.BizId.Should().Be(2);
        var pod = registration.Pods.Should().ContainSingle().Subject;
        pod.Key.Should().Be(new CmdbPodKey("deployment", 100, "web-0"));
        pod.Ip.Should().Be("10.0.0.5");
        pod.Ips!.Select(i => i.Ip).Should().Equal("10.0.0.5", "10.0.0.6");
        pod.Operator.Should().Equal("alice");
        pod.Labels.Should().Contain(CmdbOwnership.Label, "pod-1", "the owner label names the cloud pod the record stands for");
        JsonSerializer.Serialize(pod.Containers![0]).Should().Be("""{"name":"app","container_uid":"pod-1/app","image":"nginx:1.25"}""");

        FluentActions.Invoking(() => CmdbRegistration.Create("ns/web", new CmdbSpec { Enabled = true, BizId = 0 }, defaults, []))
            .Should().Throw<ArgumentException>().WithMessage("ns/web: spec.cmdb.bizId: must be a positive CMDB business id, got 0*");
        FluentActions.Invoking(() => CmdbRegistration.Create("ns/web", spec, defaults, [new CmdbPodInstance("pod-1", "", [], [])]))
            .Should().Throw<ArgumentException>().WithMessage("ns/web: pods[0].name: required*");
    }

    [Fact]
    public void The_crd_schema_of_spec_cmdb_is_described_and_carries_the_id_and_kind_rules()
    {
        var schema = JdCloudPodOperator.Entities.Schema.SchemaGenerator.ForObject(typeof(CmdbSpec));

        schema.Properties.Keys.Should().BeEquivalentTo("enabled", "bizId", "clusterId", "namespaceId", "nodeId", "hostId", "workload", "operators", "labels");
        schema.Properties.Values.Should().OnlyContain(p => !string.IsNullOrEmpty(p.Description));
        schema.Properties["bizId"].Minimum.Should().Be(1);
        schema.Properties["bizId"].Format.Should().Be("int64");
        schema.Properties["workload"].Properties["id"].Minimum.Should().Be(1);
        schema.Properties["workload"].Properties["kind"].EnumProperty.Should().Equal(CmdbRules.WorkloadKinds.Cast<object>());
        schema.Properties["labels"].AdditionalProperties.Should().NotBeNull();
        schema.Properties["operators"].Items.Should().NotBeNull();
    }
}
