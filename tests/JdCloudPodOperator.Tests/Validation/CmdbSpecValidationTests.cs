using System.CommandLine;
using System.Text.Json.Nodes;
using JdCloudPodOperator.Cli;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;
using Microsoft.Extensions.Logging.Abstractions;
using static JdCloudPodOperator.Tests.Admission.AdmissionReviews;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>
/// spec.cmdb through the shared validator (CMDB's rules after the operator's defaults), both sides of each rule, and
/// the same decision from the webhook and the validate command.
/// </summary>
public sealed class CmdbSpecValidationTests
{
    private static readonly string[] Ids = ["bizId", "clusterId", "namespaceId", "nodeId", "hostId"];

    private static CmdbSpec Complete() => new()
    {
        Enabled = true, BizId = 2, ClusterId = 5, NamespaceId = 12, NodeId = 31, HostId = 1001,
        Workload = new CmdbWorkloadReference { Kind = "pods", Id = 77 }, Operators = ["alice"],
    };

    private static JdCloudPod With(CmdbSpec cmdb)
    {
        var pod = TestPods.Minimal();
        pod.Spec.Cmdb = cmdb;
        return pod;
    }

    private static IReadOnlyList<FieldViolation> Violations(CmdbSpec cmdb, CmdbSpec? defaults = null) =>
        JdCloudPodValidator.Validate(With(cmdb), defaults).Violations;

    private static void SetId(CmdbSpec spec, string field, long? value)
    {
        switch (field)
        {
            case "bizId": spec.BizId = value; break;
            case "clusterId": spec.ClusterId = value; break;
            case "namespaceId": spec.NamespaceId = value; break;
            case "nodeId": spec.NodeId = value; break;
            default: spec.HostId = value; break;
        }
    }

    [Fact]
    public void A_complete_block_is_valid_and_a_disabled_empty_one_too()
    {
        Violations(Complete()).Should().BeEmpty();
        Violations(new CmdbSpec()).Should().BeEmpty("nothing is required while registration is off");
    }

    [Fact]
    public void Enabled_alone_needs_every_id_unless_the_operator_supplies_defaults()
    {
        var violations = Violations(new CmdbSpec { Enabled = true });

        violations.Select(v => v.Field).Should().Equal(
            "spec.cmdb.bizId", "spec.cmdb.clusterId", "spec.cmdb.namespaceId", "spec.cmdb.nodeId", "spec.cmdb.hostId",
            "spec.cmdb.workload.kind", "spec.cmdb.workload.id", "spec.cmdb.operators");
        violations.Should().OnlyContain(v => v.Kind == ViolationKind.Required);
        violations[0].ToString().Should().Be(
            "spec.cmdb.bizId: Required value: the CMDB business id, here or in operator configuration Cmdb:Defaults:BizId");
        Violations(new CmdbSpec { Enabled = true }, Complete()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("bizId")]
    [InlineData("clusterId")]
    [InlineData("namespaceId")]
    [InlineData("nodeId")]
    [InlineData("hostId")]
    public void Each_id_is_accepted_from_1_and_rejected_at_0_once(string field)
    {
        var edge = Complete();
        SetId(edge, field, 1);
        var past = Complete();
        SetId(past, field, 0);
        var missing = Complete();
        SetId(missing, field, null);

        Violations(edge).Should().BeEmpty();
        Violations(past).Should().ContainSingle("the type rule and the CMDB rule report the same field once")
            .Which.Field.Should().Be($"spec.cmdb.{field}");
        Violations(missing).Should().ContainSingle().Which.Kind.Should().Be(ViolationKind.Required);
        Violations(missing, Complete()).Should().BeEmpty("the operator's default fills it");
        Ids.Should().Contain(field);
    }

    [Fact]
    public void The_workload_id_is_accepted_from_1_and_rejected_at_0()
    {
        var edge = Complete();
        edge.Workload!.Id = 1;
        var past = Complete();
        past.Workload!.Id = 0;

        Violations(edge).Should().BeEmpty();
        Violations(past).Should().ContainSingle().Which.Field.Should().Be("spec.cmdb.workload.id");
    }

    [Fact]
    public void Operators_need_one_user()
    {
        var one = Complete();
        one.Operators = ["alice"];
        var none = Complete();
        none.Operators = [];

        Violations(one).Should().BeEmpty();
        Violations(none).Should().ContainSingle().Which.Field.Should().Be("spec.cmdb.operators");
        Violations(none, Complete()).Should().ContainSingle("an empty list set in the spec is not replaced by the default");
    }

    [Fact]
    public void The_webhook_applies_the_operators_defaults()
    {
        var pod = ValidPod();
        pod["spec"]!["cmdb"] = new JsonObject { ["enabled"] = true };
        var body = System.Text.Encoding.UTF8.GetBytes(Request("CREATE", pod).ToJsonString());

        var refused = AdmissionWebhookEndpoint.Review(body, NullLogger.Instance);
        var accepted = AdmissionWebhookEndpoint.Review(body, NullLogger.Instance, Complete());

        refused.Review!.Response.Allowed.Should().BeFalse();
        refused.Review.Response.Status!.Details!.Causes!.Select(c => c.Field).Should().Contain(["spec.cmdb.bizId", "spec.cmdb.workload.kind"]);
        accepted.Review!.Response.Allowed.Should().BeTrue();
    }

    [Theory]
    [InlineData("\"bizId\":0,\"bizId\":2", true)]
    [InlineData("\"bizId\":2,\"bizId\":0", false)]
    [InlineData("\"bizId\":null,\"bizId\":2", true)]
    [InlineData("\"bizId\":2,\"bizId\":null", false)]
    public void A_repeated_cmdb_field_is_read_as_its_last_value(string repeated, bool allowed)
    {
        var pod = ValidPod();
        pod["spec"]!["cmdb"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Complete(), EntityJsonContext.Default.CmdbSpec));
        var text = Request("CREATE", pod).ToJsonString();
        text.Should().Contain("\"bizId\":2");
        var body = System.Text.Encoding.UTF8.GetBytes(text.Replace("\"bizId\":2", repeated));

        var answer = AdmissionWebhookEndpoint.Review(body, NullLogger.Instance);

        answer.StatusCode.Should().Be(200);
        answer.Review!.Response.Allowed.Should().Be(allowed);
        if (!allowed) answer.Review.Response.Status!.Details!.Causes!.Select(c => c.Field).Should().Contain("spec.cmdb.bizId");
    }

    [Fact]
    public void The_validate_command_takes_the_same_defaults_as_run()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("validate-cmdb-").FullName, "pod.yaml");
        File.WriteAllText(file, Manifests.Pod(specExtra: "  cmdb:\n    enabled: true\n"));
        string[] defaults = ["--cmdb-biz-id", "2", "--cmdb-cluster-id", "5", "--cmdb-namespace-id", "12", "--cmdb-node-id", "31",
            "--cmdb-host-id", "1001", "--cmdb-workload", "pods/77", "--cmdb-operators", "alice,bob"];

        var (refused, lines) = Validate("-f", file);
        var (accepted, _) = Validate(["-f", file, .. defaults]);

        refused.Should().Be(1);
        lines.Should().Contain(l => l.EndsWith("spec.cmdb.hostId: Required value: the CMDB host id, here or in operator configuration Cmdb:Defaults:HostId"));
        accepted.Should().Be(0);
    }

    [Fact]
    public void A_bad_default_on_the_command_line_is_refused()
    {
        var (exit, lines) = Validate("-f", "-", "--cmdb-biz-id", "0");

        exit.Should().NotBe(0);
        string.Join("\n", lines).Should().Contain("'0' is not a positive CMDB id");
    }

    private static (int Exit, string[] Lines) Validate(params string[] args)
    {
        var output = new StringWriter();
        var root = new RootCommand { ValidateCommand.Create() };
        var exit = root.Parse(["validate", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
