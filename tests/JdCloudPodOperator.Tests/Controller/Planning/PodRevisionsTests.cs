using System.Text.Json;
using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Validation;

namespace JdCloudPodOperator.Tests.Controller.Planning;

/// <summary>A revision's fingerprints change exactly in the group the edited field belongs to.</summary>
public class PodRevisionsTests
{
    private static PodSpec Spec() => TestPods.FullPodSpec();

    private static PodSpec Copy(PodSpec spec) => JsonSerializer.Deserialize<PodSpec>(JsonSerializer.Serialize(spec))!;

    /// <summary>The groups whose fingerprint differs after <paramref name="edit"/>.</summary>
    private static IReadOnlyList<string> Changed(Action<PodSpec> edit)
    {
        var before = Spec();
        var after = Copy(before);
        edit(after);
        var (a, b) = (PodRevisions.Of(before), PodRevisions.Of(after));
        var groups = new (string Name, string? A, string? B)[]
        {
            ("name", a.Name, b.Name), ("description", a.Description, b.Description), ("containers", a.Containers, b.Containers),
            ("instanceType", a.InstanceType, b.InstanceType), ("resources", a.Resources, b.Resources), ("fixed", a.Fixed, b.Fixed),
        };
        return groups.Where(g => g.A != g.B).Select(g => g.Name).ToList();
    }

    [Fact]
    public void Equal_content_gives_the_same_revision_and_an_absent_field_equals_a_null_one()
    {
        var spec = Spec();
        var copy = Copy(spec);
        copy.Containers![0].Tty = null;
        spec.Containers![0].Tty = null;

        PodRevisions.Of(copy).Should().BeEquivalentTo(PodRevisions.Of(spec));
        PodRevisions.Of(spec).Name.Should().MatchRegex("^[0-9a-f]{10}$");
    }

    /// <summary>
    /// The revision is stored in every resource's status and on its pods: if an operator upgrade computed another one
    /// for the same podSpec, every pod would be rolled. Pinned to what earlier versions computed for this spec.
    /// </summary>
    [Fact]
    public void The_revision_of_a_given_spec_does_not_change_between_versions()
    {
        var revision = PodRevisions.Of(Spec());

        new[] { revision.Name, revision.Description, revision.Containers, revision.Resources, revision.Fixed }
            .Should().Equal("c11dbb8b95", "bc27562873", "7f6adee423", "18613da09e", "b295e3bff6");
    }

    [Fact]
    public void The_rebuild_group_is_what_rebuildPod_takes_and_every_field_is_a_container_field()
    {
        PodRevisions.RebuildFields.Should().BeEquivalentTo(
            "image", "command", "args", "env", "secret", "tty", "workingDir", "livenessProbe", "readinessProbe", "volumeMounts");
        var containerFields = typeof(ContainerSpec).GetProperties()
            .Select(p => p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false)
                .Cast<System.Text.Json.Serialization.JsonPropertyNameAttribute>().Single().Name);
        containerFields.Should().Contain(PodRevisions.RebuildFields);
    }

    [Fact]
    public void Description_is_its_own_group() =>
        Changed(s => s.Description = "other words").Should().Equal("name", "description");

    [Theory]
    [InlineData("image")]
    [InlineData("command")]
    [InlineData("env")]
    [InlineData("workingDir")]
    [InlineData("volumeMounts")]
    public void Rebuildable_container_fields_change_only_the_containers_group(string field) =>
        Changed(s => Edit(s.Containers![0], field)).Should().Equal("name", "containers");

    [Fact]
    public void Containers_from_an_image_cache_alone_change_only_by_a_new_pod()
    {
        var before = Spec();
        before.Containers![0].Image = null;
        before.Containers[0].ImageCacheId = "ic-k2n5b3c7d1";
        var after = Copy(before);
        after.Containers![0].Env = [new EnvSpec { Name = "MODE", Value = "fast" }];

        var (a, b) = (PodRevisions.Of(before), PodRevisions.Of(after));

        (a.Containers == b.Containers, a.Fixed == b.Fixed).Should().Be((true, false), "rebuildPod cannot set a container without an image");
        PodChange.Between(a, b, inPlaceAllowed: true).Should().Be(PodChange.Replacement);
    }

    [Fact]
    public void Instance_type_and_resources_are_the_resize_groups()
    {
        Changed(s => s.InstanceType = "g.n2.large").Should().Equal("name", "instanceType");
        Changed(s => s.Containers![0].Resources = new ResourceRequestsSpec { Limits = new RequestSpec { Cpu = "2" } })
            .Should().Equal("name", "resources");
    }

    [Fact]
    public void Everything_else_is_fixed()
    {
        Changed(s => s.Az = "cn-north-1b").Should().Equal("name", "fixed");
        Changed(s => s.Name = "renamed").Should().Equal("name", "fixed");
        Changed(s => s.Containers![0].SystemDisk!.SizeGB = 60).Should().Equal("name", "fixed");
        Changed(s => s.PrimaryNetworkInterface!.NetworkInterface!.SubnetId = "subnet-zzzz9999").Should().Equal("name", "fixed");
    }

    [Fact]
    public void Renaming_adding_or_removing_a_container_is_fixed()
    {
        Changed(s => s.Containers![0].Name = "renamed").Should().Contain("fixed");
        Changed(s => s.Containers!.RemoveAt(s.Containers.Count - 1)).Should().Contain("fixed");
    }

    private static void Edit(ContainerSpec container, string field)
    {
        switch (field)
        {
            case "image": container.Image = "nginx:9.9"; break;
            case "command": container.Command = ["/bin/other"]; break;
            case "env": container.Env = [new EnvSpec { Name = "MODE", Value = "x" }]; break;
            case "workingDir": container.WorkingDir = "/opt/other"; break;
            case "volumeMounts": container.VolumeMounts = []; break;
        }
    }
}
