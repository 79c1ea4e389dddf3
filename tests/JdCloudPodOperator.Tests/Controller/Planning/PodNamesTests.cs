using JdCloudPodOperator.Reconciliation.JdCloudPods;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class PodNamesTests
{
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
