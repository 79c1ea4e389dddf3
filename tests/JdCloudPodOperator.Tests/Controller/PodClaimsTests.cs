using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.KubernetesApi;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Controller;

public class PodClaimsTests
{
    private static readonly PodOwner A = new("uid-a", new NamespacedName("team-a", "web"));
    private static readonly PodOwner B = new("uid-b", new NamespacedName("team-b", "web"));

    private long _term = 1;
    private List<JdCloudPod> _cache = [];

    private PodClaims Claims() => new(() => _term, () => _cache);

    private static JdCloudPod Recording(PodOwner owner, params string[] podIds) => new()
    {
        Metadata = new V1ObjectMeta { Uid = owner.Uid, NamespaceProperty = owner.Name.Namespace, Name = owner.Name.Name },
        Status = new JdCloudPodStatus { PodIds = [.. podIds] },
    };

    [Fact]
    public void A_free_pod_is_granted_and_a_held_one_refused_naming_its_owner()
    {
        var claims = Claims();
        claims.Claim(A, ["pod-1"]).Should().BeEmpty();
        claims.Claim(B, ["pod-1", "pod-2"]).Should().Equal(new Dictionary<string, PodOwner> { ["pod-1"] = A });
        claims.HeldElsewhere(A, ["pod-1", "pod-2"]).Should().Equal(new Dictionary<string, PodOwner> { ["pod-2"] = B });
    }

    [Fact]
    public void A_pod_claimed_twice_by_its_owner_is_free_after_one_release()
    {
        var claims = Claims();
        claims.Claim(A, ["pod-1", "pod-2"]);
        claims.Claim(A, ["pod-1"]);

        claims.Retain(A, ["pod-2"]);

        claims.Claim(B, ["pod-1"]).Should().BeEmpty("A no longer records pod-1");
        claims.Claim(B, ["pod-2"]).Should().ContainKey("pod-2", "A kept pod-2");
    }

    [Fact]
    public void Claiming_a_pod_again_for_its_owner_is_granted()
    {
        var claims = Claims();
        claims.Claim(A, ["pod-1"]).Should().BeEmpty();
        claims.Claim(A, ["pod-1"]).Should().BeEmpty();
    }

    [Fact]
    public void The_cached_statuses_are_the_claims_at_the_start_of_a_term_and_the_first_recorder_of_a_pod_keeps_it()
    {
        _cache = [Recording(A, "pod-1", "pod-2"), Recording(B, "pod-2", "pod-3")];
        var claims = Claims();
        claims.HeldElsewhere(B, ["pod-1", "pod-2", "pod-3"]).Should().Equal(new Dictionary<string, PodOwner> { ["pod-1"] = A, ["pod-2"] = A });
        claims.Claim(B, ["pod-2"]).Should().ContainKey("pod-2");
    }

    [Fact]
    public void A_new_leadership_term_starts_again_from_the_cache()
    {
        var claims = Claims();
        claims.Claim(A, ["pod-1"]).Should().BeEmpty();
        // Meanwhile another leader let pod-1 go and B recorded it.
        _cache = [Recording(A), Recording(B, "pod-1")];
        _term++;
        claims.Claim(A, ["pod-1"]).Should().Equal(new Dictionary<string, PodOwner> { ["pod-1"] = B });
    }

    [Fact]
    public void Pods_no_longer_recorded_are_released_for_others()
    {
        var claims = Claims();
        claims.Claim(A, ["pod-1", "pod-2"]);
        claims.Retain(A, ["pod-2"]);
        claims.Claim(B, ["pod-1"]).Should().BeEmpty();
        claims.Claim(B, ["pod-2"]).Should().ContainKey("pod-2");
    }

    [Fact]
    public void Retain_by_another_owner_releases_nothing_of_the_holder()
    {
        var claims = Claims();
        claims.Claim(A, ["pod-1"]);
        claims.Retain(B, []);
        claims.Claim(B, ["pod-1"]).Should().ContainKey("pod-1");
    }

    [Fact]
    public void A_resource_that_is_gone_releases_everything()
    {
        var claims = Claims();
        claims.Claim(A, ["pod-1", "pod-2"]);
        claims.ReleaseAll(A.Name);
        claims.Claim(B, ["pod-1", "pod-2"]).Should().BeEmpty();
    }

    [Fact]
    public void A_resource_recreated_at_the_same_name_takes_over_the_claims_of_the_earlier_one()
    {
        var claims = Claims();
        claims.Claim(A, ["pod-1"]);
        var recreated = A with { Uid = "uid-a2" };
        claims.HeldElsewhere(recreated, ["pod-1"]).Should().BeEmpty("only one object exists at a name");
        claims.Claim(recreated, ["pod-1"]).Should().BeEmpty();
        claims.HeldElsewhere(B, ["pod-1"]).Should().Equal(new Dictionary<string, PodOwner> { ["pod-1"] = recreated });
    }

    [Fact]
    public async Task Of_many_resources_claiming_one_pod_at_once_exactly_one_gets_it()
    {
        var claims = Claims();
        var owners = Enumerable.Range(0, 40).Select(i => new PodOwner($"uid-{i}", new NamespacedName($"ns-{i}", "web"))).ToList();
        using var start = new ManualResetEventSlim();
        var attempts = owners.Select(owner => Task.Run(() =>
        {
            start.Wait();
            return claims.Claim(owner, ["pod-1"]).Count == 0;
        })).ToList();
        start.Set();
        (await Task.WhenAll(attempts)).Count(granted => granted).Should().Be(1);
    }
}
