using JdCloudPodOperator.Cmdb;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>
/// Which businesses (and workloads) a namespace may register into: the platform team's map, enforced by the one
/// validator (webhook and controller alike). Default business 2; team-a may use 3 (any workload) and 4 (pods/77 and
/// pods/78 only); team-b has no entry.
/// </summary>
public sealed class CmdbBusinessMapTests
{
    private static readonly CmdbSpec Defaults = new() { BizId = 2, ClusterId = 5, NamespaceId = 12, NodeId = 31, HostId = 1001,
        Workload = new CmdbWorkloadReference { Kind = "pods", Id = 77 }, Operators = ["alice"] };

    private static readonly CmdbBusinessMap Map = CmdbBusinessMap.Parse(["team-a=3", "team-a=4:pods/77, team-a=4:pods/78"]);

    private static IReadOnlyList<FieldViolation> Violations(string ns, long? bizId, long workloadId = 77, bool enabled = true,
        CmdbBusinessMap? map = null, CmdbSpec? defaults = null)
    {
        var pod = TestPods.Minimal();
        pod.Metadata.NamespaceProperty = ns;
        pod.Spec.Cmdb = new CmdbSpec { Enabled = enabled, BizId = bizId, Workload = new CmdbWorkloadReference { Kind = "pods", Id = workloadId } };
        return JdCloudPodValidator.Validate(pod, defaults ?? Defaults, map ?? Map).Violations;
    }

    [Theory]
    [InlineData("team-a", 3L, 999L)]
    [InlineData("team-a", 4L, 77L)]
    [InlineData("team-a", 4L, 78L)]
    [InlineData("team-b", 2L, 77L)]
    [InlineData("team-b", null, 77L)]
    public void Allowed_businesses_and_workloads_are_accepted(string ns, long? bizId, long workloadId) =>
        Violations(ns, bizId, workloadId).Should().BeEmpty();

    [Theory]
    [InlineData("team-a", 2L, 77L, "spec.cmdb.bizId: Forbidden: business 2 is not allowed for namespace \"team-a\": it may register only in 3, 4 (--cmdb-allowed-businesses)")]
    [InlineData("team-a", 5L, 77L, "spec.cmdb.bizId: Forbidden: business 5 is not allowed for namespace \"team-a\"")]
    [InlineData("team-a", 4L, 79L, "spec.cmdb.workload: Forbidden: workload pods/79 is not allowed for namespace \"team-a\" in business 4: only pods/77, pods/78 (--cmdb-allowed-businesses)")]
    [InlineData("team-b", 3L, 77L, "spec.cmdb.bizId: Forbidden: business 3 is not allowed for namespace \"team-b\": it may register only in the operator's default business 2; the platform team grants more with --cmdb-allowed-businesses")]
    public void Other_businesses_and_workloads_are_refused_with_the_field_path(string ns, long bizId, long workloadId, string expected) =>
        Violations(ns, bizId, workloadId).Should().ContainSingle().Which.ToString().Should().StartWith(expected);

    [Fact]
    public void Without_a_default_business_an_unmapped_namespace_may_register_nowhere() =>
        Violations("team-b", 2, defaults: new CmdbSpec()).Should().Contain(v => v.Field == "spec.cmdb.bizId"
            && v.ToString().Contains("it may register in no business (the operator has no default business)"));

    [Fact]
    public void Registration_turned_off_is_not_judged() =>
        Violations("team-b", 3, enabled: false).Should().BeEmpty();

    [Fact]
    public void Without_a_map_only_the_default_business_is_allowed()
    {
        Violations("team-a", 2, map: CmdbBusinessMap.DefaultOnly).Should().BeEmpty();
        Violations("team-a", 3, map: CmdbBusinessMap.DefaultOnly).Should().ContainSingle().Which.Field.Should().Be("spec.cmdb.bizId");
    }

    [Fact]
    public void An_entry_without_a_workload_allows_every_workload_of_that_business_whatever_else_is_listed() =>
        Violations("team-c", 4, 999, map: CmdbBusinessMap.Parse(["team-c=4:pods/77", "team-c=4"])).Should().BeEmpty();

    [Theory]
    [InlineData("team-a")]
    [InlineData("team-a=")]
    [InlineData("=3")]
    [InlineData("team-a=0")]
    [InlineData("team-a=-3")]
    [InlineData("team-a=three")]
    [InlineData("team-a=3:pods")]
    [InlineData("team-a=3:Pods/77")]
    [InlineData("team-a=3:pods/0")]
    public void Malformed_entries_are_refused_naming_the_entry(string entry) =>
        FluentActions.Invoking(() => CmdbBusinessMap.Parse([entry])).Should().Throw<FormatException>().WithMessage($"'{entry}'*");

    [Fact]
    public void The_owner_label_is_the_operators_and_spec_cmdb_labels_may_not_set_it()
    {
        var pod = TestPods.Minimal();
        pod.Spec.Cmdb = new CmdbSpec { Enabled = true, Labels = new() { [CmdbOwnership.Label] = "pod-someone-else", ["team"] = "web" } };

        JdCloudPodValidator.Validate(pod, Defaults).Violations.Should().ContainSingle().Which.ToString()
            .Should().Be($"spec.cmdb.labels[{CmdbOwnership.Label}]: Forbidden: is set by the operator: the JD Cloud pod ID that proves a CMDB record is its own");
        pod.Spec.Cmdb.Labels.Remove(CmdbOwnership.Label);
        JdCloudPodValidator.Validate(pod, Defaults).Violations.Should().BeEmpty();
    }
}
