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
    public void The_suffix_stops_where_the_name_would_pass_253_characters()
    {
        var upTo998 = Enumerable.Range(1, 998).Select(n => $"web-{n}").Append("web").ToList();

        PodNames.ForCreate("web", 1, upTo998).Should().Be(("web-999", 1));
        PodNames.ForCreate("web", 1, [.. upTo998, "web-999"]).Should().BeNull("the operator's suffixes stop at 999");
        var long251 = new string('a', 251);
        PodNames.ForCreate(long251, 1, [long251]).Should().Be((long251 + "-1", 1));
        PodNames.ForCreate(long251, 1, [long251, .. Enumerable.Range(1, 9).Select(n => $"{long251}-{n}")])
            .Should().BeNull("the name with -10 would be 254 characters");
        var long253 = new string('a', 253);
        PodNames.ForCreate(long253, 1, [long253]).Should().BeNull("a 253-character name has no room for a suffix");
        PodNames.ForCreate(long253, 1, []).Should().Be((long253, 1));
    }

    [Theory]
    [InlineData(1, 253)]
    [InlineData(2, 251)]
    [InlineData(10, 250)]
    [InlineData(100, 249)]
    public void The_name_leaves_room_for_the_last_pod_of_one_call(int maxCount, int longest) =>
        PodNameLimits.MaxNameLength(maxCount).Should().Be(longest);
}
