using JdCloudPodOperator.Reconciliation.JdCloudPods;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class PodNamesTests
{
    [Theory]
    [InlineData("web", true)]
    [InlineData("web-1", true)]
    [InlineData("web-42", true)]
    [InlineData("web-", false)]
    [InlineData("web-a", false)]
    [InlineData("web-1-2", false)]
    [InlineData("web1", false)]
    [InlineData("webapp", false)]
    [InlineData("we", false)]
    [InlineData("Web", false)]
    [InlineData(null, false)]
    public void Our_pods_carry_the_base_name_or_a_numbered_suffix(string? podName, bool ours) =>
        PodNames.IsDerivedFrom("web", podName).Should().Be(ours);

    [Fact]
    public void A_single_pod_gets_the_base_name_when_it_is_free() =>
        PodNames.ForCreate("web", 1, ["web-1", "other"]).Should().Be("web");

    [Fact]
    public void A_single_pod_gets_the_first_free_suffix_when_the_base_name_is_taken() =>
        PodNames.ForCreate("web", 1, ["web", "web-1", "web-3", null]).Should().Be("web-2");

    [Fact]
    public void Several_pods_are_named_by_the_cloud_from_the_base_name() =>
        PodNames.ForCreate("web", 2, ["web", "web-1"]).Should().Be("web");
}
