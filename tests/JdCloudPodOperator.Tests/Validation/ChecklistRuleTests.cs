using JdCloudPodOperator.Validation;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>Each checklist rule on both sides of its bound: exactly the expected violations, in kubectl's words.</summary>
public class ChecklistRuleTests
{
    public static TheoryData<string> CaseNames => new(ChecklistCases.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Rule(string name)
    {
        var pod = TestPods.Full();
        ChecklistCases.All[name].Change(pod);

        var result = JdCloudPodValidator.Validate(pod);

        result.Violations.Select(v => v.ToString()).Should().Equal(ChecklistCases.All[name].Expected);
    }

    [Fact]
    public void Every_checklist_item_from_9_to_121_has_a_case()
    {
        var covered = ChecklistCases.All.Keys.Select(name => int.Parse(name[..3])).ToHashSet();

        // 44 needs a world model (subnets and their VPCs); 83, 86 and 94 are covered by 70, by the absence of a
        // category field on data volumes, and by 69-72.
        var missing = Enumerable.Range(9, 113).Except(covered).Except([44, 83, 86, 94]);

        missing.Should().BeEmpty();
    }
}
