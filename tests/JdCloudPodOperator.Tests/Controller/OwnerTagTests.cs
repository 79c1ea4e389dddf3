using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Tests.Controller;

public class OwnerTagTests
{
    private const string Cluster = "3f2a9c1e-7d4b-4e8a-9b1c-0d2e3f4a5b6c";

    [Fact]
    public void The_value_names_the_cluster_namespace_and_resource() =>
        OwnerTag.Value(Cluster, "team-a", "web").Should().Be($"{Cluster}/team-a/web");

    [Fact]
    public void A_value_of_exactly_255_characters_stays_readable()
    {
        var name = new string('n', OwnerTag.MaxValueLength - $"{Cluster}/team-a/".Length);
        OwnerTag.Value(Cluster, "team-a", name).Should().Be($"{Cluster}/team-a/{name}").And.HaveLength(OwnerTag.MaxValueLength);
    }

    [Fact]
    public void Past_255_characters_the_name_is_replaced_by_its_hash_the_same_every_time_and_different_per_name()
    {
        var name = new string('n', OwnerTag.MaxValueLength + 1 - $"{Cluster}/team-a/".Length);
        var value = OwnerTag.Value(Cluster, "team-a", name);
        value.Should().StartWith($"{Cluster}/team-a/sha256:").And.HaveLength($"{Cluster}/team-a/sha256:".Length + 64);
        OwnerTag.Value(Cluster, "team-a", name).Should().Be(value);
        OwnerTag.Value(Cluster, "team-a", name[..^1] + "m").Should().NotBe(value);
    }

    [Fact]
    public void The_longest_names_fit_a_tag_value()
    {
        var longest = OwnerTag.Value(new string('c', 63), new string('s', 63), new string('n', 253));
        longest.Length.Should().BeLessThanOrEqualTo(OwnerTag.MaxValueLength);
    }
}
