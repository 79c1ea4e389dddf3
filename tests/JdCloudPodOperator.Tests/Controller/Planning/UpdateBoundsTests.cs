using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class UpdateBoundsTests
{
    private static UpdateBounds For(int maxCount, string? maxUnavailable, string? maxSurge, string? type = null, bool pinned = false)
    {
        var spec = Validation.TestPods.Minimal().Spec;
        spec.MaxCount = maxCount;
        spec.UpdateStrategy = new UpdateStrategySpec
        {
            Type = type,
            RollingUpdate = new RollingUpdateSpec { MaxUnavailable = maxUnavailable, MaxSurge = maxSurge },
        };
        if (pinned) spec.PodSpec!.PrimaryNetworkInterface!.NetworkInterface!.PrimaryIpAddress = "10.0.0.9";
        return UpdateBounds.For(spec);
    }

    [Fact]
    public void Defaults_keep_every_pod_serving_with_one_extra() =>
        For(3, null, null).Should().Be(new UpdateBounds(0, 1));

    [Theory]
    [InlineData(4, "25%", "25%", 1, 1)]
    [InlineData(3, "25%", "25%", 0, 1)]
    [InlineData(10, "33%", "33%", 3, 4)]
    [InlineData(1, "100%", "0", 1, 0)]
    [InlineData(3, "2", "0", 2, 0)]
    public void Percentages_round_down_for_unavailable_and_up_for_surge(int maxCount, string unavailable, string surge, int u, int s) =>
        For(maxCount, unavailable, surge).Should().Be(new UpdateBounds(u, s));

    [Fact]
    public void Bounds_that_both_round_to_zero_allow_one_down() =>
        For(3, "10%", "0%").Should().Be(new UpdateBounds(1, 0));

    [Fact]
    public void Recreate_takes_every_pod_down_and_adds_none() =>
        For(5, "1", "3", UpdateStrategyTypes.Recreate).Should().Be(new UpdateBounds(5, 0));

    [Fact]
    public void A_pinned_address_allows_no_extra_pod() =>
        For(1, null, null, pinned: true).Should().Be(new UpdateBounds(1, 0));

    public static TheoryData<string, Action<PodSpec>> Exclusive => new()
    {
        { "a secondary IP of the primary interface", p => p.PrimaryNetworkInterface!.NetworkInterface!.SecondaryIpAddresses = ["10.0.0.10"] },
        { "an IPv6 address", p => p.PrimaryNetworkInterface!.NetworkInterface!.Ipv6Address = "2400:da00::10" },
        { "an address of a secondary interface", p => p.SecondaryNetworkInterfaces = [new NetworkInterfaceAttachmentSpec { NetworkInterface = new NetworkInterfaceSpec { SubnetId = "subnet-b", PrimaryIpAddress = "10.1.0.9" } }] },
        { "an existing system disk", p => p.Containers![0].SystemDisk = new CloudDiskSpec { VolumeId = "vol-abcdefghij" } },
        { "an existing data disk", p => p.Volumes = [new VolumeSpec { Name = "data", JdcloudDisk = new JDCloudVolumeSourceSpec { VolumeId = "vol-abcdefghij" } }] },
    };

    [Theory]
    [MemberData(nameof(Exclusive))]
    public void A_spec_naming_what_only_one_pod_can_hold_has_no_surge(string what, Action<PodSpec> pin)
    {
        var spec = Validation.TestPods.Minimal().Spec;
        UpdateBounds.For(spec).MaxSurge.Should().Be(1, "the default surge without " + what);
        pin(spec.PodSpec!);

        UpdateBounds.For(spec).Should().Be(new UpdateBounds(1, 0), what);
        UpdateBounds.HoldsExclusive(spec.PodSpec).Should().BeTrue(what);
    }

    [Fact]
    public void A_new_disk_or_allocated_addresses_allow_a_surge()
    {
        var spec = Validation.TestPods.Minimal().Spec;
        spec.PodSpec!.PrimaryNetworkInterface!.NetworkInterface!.SecondaryIpCount = 2;
        spec.PodSpec.Containers![0].SystemDisk = new CloudDiskSpec { SizeGB = 40 };

        UpdateBounds.HoldsExclusive(spec.PodSpec).Should().BeFalse();
        UpdateBounds.For(spec).MaxSurge.Should().Be(1);
    }
}
