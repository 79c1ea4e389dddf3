using JdCloudPodOperator.Controller.Planning;

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
}
