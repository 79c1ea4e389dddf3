using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class PodNamesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void While_the_base_name_is_free_every_missing_pod_is_asked_for_under_it(int count) =>
        PodNames.ForCreate("web", count, ["web-1", "other", null]).Should().Be(("web", count));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Once_the_base_name_is_taken_one_pod_at_a_time_gets_the_first_free_suffix(int count) =>
        PodNames.ForCreate("web", count, ["web", "web-1", "web-3"]).Should().Be(("web-2", 1));

    [Fact]
    public void The_suffix_stops_at_the_room_the_validator_leaves_after_the_name()
    {
        var upTo998 = Enumerable.Range(1, 998).Select(n => $"web-{n}").Append("web").ToList();

        PodNames.ForCreate("web", 1, upTo998).Should().Be(("web-999", 1));
        PodNames.ForCreate("web", 1, [.. upTo998, "web-999"]).Should().BeNull("web-1000 would pass the 253 characters a 249-character name has room for");
        (PodNameLimits.MaxLength - ("-" + PodNameLimits.MaxSuffix).Length).Should().Be(PodNameLimits.MaxBaseLength);
        PodNameLimits.CelRule.Should().EndWith($"<= {PodNameLimits.MaxBaseLength}");
    }
}
