using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>Legal but probably not meant: reported as warnings, never as violations.</summary>
public class WarningTests
{
    private const string Volume = "spec.podSpec.volumes[0].jdcloudDisk";
    private const string SystemDisk = "spec.podSpec.containers[0].systemDisk";

    private static ValidationResult Validate(Action<PodSpec> change)
    {
        var pod = TestPods.Full();
        change(pod.Spec.PodSpec!);
        return JdCloudPodValidator.Validate(pod);
    }

    private static void ShouldWarnOnly(ValidationResult result, params string[] warnings)
    {
        result.IsValid.Should().BeTrue(result.ToString());
        result.Warnings.Should().Equal(warnings);
    }

    [Theory]
    [InlineData("hdd.std1")]
    [InlineData("ssd.gp1")]
    public void Iops_without_ssd_io1_is_a_warning(string diskType)
    {
        ShouldWarnOnly(Validate(p => p.Volumes![0].JdcloudDisk!.DiskType = diskType),
            $"{Volume}.iops: has an effect only for diskType ssd.io1 (diskType is {diskType})");
        ShouldWarnOnly(Validate(p => p.Containers![0].SystemDisk!.Iops = 500),
            $"{SystemDisk}.iops: has an effect only for diskType ssd.io1 (diskType is ssd.gp1)");
    }

    [Fact]
    public void Iops_without_a_disk_type_is_a_warning_and_with_ssd_io1_is_not()
    {
        ShouldWarnOnly(Validate(p => p.Volumes![0].JdcloudDisk!.DiskType = null),
            $"{Volume}.iops: has an effect only for diskType ssd.io1 (diskType is not set)");
        ShouldWarnOnly(Validate(p => p.Containers![0].SystemDisk = new CloudDiskSpec { DiskType = "ssd.io1", Iops = 500 }));
    }

    [Fact]
    public void A_data_volume_above_2000_GB_is_a_warning()
    {
        ShouldWarnOnly(Validate(p => p.Volumes![0].JdcloudDisk!.SizeGB = 2000));
        ShouldWarnOnly(Validate(p => p.Volumes![0].JdcloudDisk!.SizeGB = 2010),
            $"{Volume}.sizeGB: 2010 GB is above 2000 GB, which some older regions refuse (createPods allows up to 4000 GB)");
        ShouldWarnOnly(Validate(p => p.Volumes![0].JdcloudDisk!.SizeGB = 4000),
            $"{Volume}.sizeGB: 4000 GB is above 2000 GB, which some older regions refuse (createPods allows up to 4000 GB)");
    }

    [Fact]
    public void A_data_volume_above_4000_GB_is_a_violation_without_a_warning()
    {
        var result = Validate(p => p.Volumes![0].JdcloudDisk!.SizeGB = 4010);

        result.ToString().Should().Be($"{Volume}.sizeGB: Invalid value: 4010: must be between 20 and 4000, inclusive");
        result.Warnings.Should().BeEmpty();
    }

    [Theory]
    [InlineData("postpaid_by_duration", "postpaid_by_duration")]
    [InlineData(null, "postpaid_by_duration (the default)")]
    public void Duration_settings_with_postpaid_are_a_warning(string? mode, string shown)
    {
        ShouldWarnOnly(Validate(p => p.Charge = new ChargeSpec { ChargeMode = mode, ChargeUnit = "month" }),
            $"spec.podSpec.charge: chargeUnit and chargeDuration have no effect with chargeMode {shown}; they apply only to prepaid_by_duration, or to autoChangeChargeMode");
        ShouldWarnOnly(Validate(p => p.ElasticIp!.ChargeSpec = new ChargeSpec { ChargeMode = mode, ChargeDuration = 2 }),
            $"spec.podSpec.elasticIp.chargeSpec: chargeUnit and chargeDuration have no effect with chargeMode {shown}; they apply only to prepaid_by_duration, or to autoChangeChargeMode");
    }

    [Fact]
    public void Postpaid_alone_and_prepaid_with_duration_are_not_warnings()
    {
        ShouldWarnOnly(Validate(p => p.Charge = new ChargeSpec { ChargeMode = "postpaid_by_duration" }));
        ShouldWarnOnly(Validate(p => p.Charge = new ChargeSpec { ChargeMode = "prepaid_by_duration", ChargeUnit = "year", ChargeDuration = 2 }));
        ShouldWarnOnly(Validate(p => p.Charge = new ChargeSpec { ChargeMode = "prepaid_by_duration", ChargeDuration = 2, AutoRenew = true }));
    }

    [Fact]
    public void Postpaid_duration_for_a_conversion_to_prepaid_is_not_a_warning()
    {
        ShouldWarnOnly(Validate(p => p.Charge = new ChargeSpec
        {
            ChargeMode = "postpaid_by_duration", ChargeUnit = "month", ChargeDuration = 3, AutoChangeChargeMode = true, AutoChangeChargeModeDate = "2026-12-18",
        }));
    }

    [Theory]
    [InlineData("postpaid_by_duration", "postpaid_by_duration")]
    [InlineData(null, "postpaid_by_duration (the default)")]
    public void Auto_renew_without_prepaid_is_a_warning(string? mode, string shown) =>
        ShouldWarnOnly(Validate(p => p.Charge = new ChargeSpec { ChargeMode = mode, AutoRenew = true }),
            $"spec.podSpec.charge.autoRenew: has no effect with chargeMode {shown}; it applies only to prepaid_by_duration");

    [Fact]
    public void Auto_create_image_cache_without_auto_match_is_a_warning()
    {
        ShouldWarnOnly(Validate(p => { p.AutoCreateImageCache = true; p.AutoMatchImageCache = null; }),
            "spec.podSpec.autoCreateImageCache: has an effect only with autoMatchImageCache true (a cache is created when matching finds none)");
        ShouldWarnOnly(Validate(p => { p.AutoCreateImageCache = true; p.AutoMatchImageCache = true; }));
    }

    [Fact]
    public void A_repeated_env_name_is_accepted_with_a_warning()
    {
        ShouldWarnOnly(Validate(p => p.Containers![0].Env = [new() { Name = "MODE", Value = "a" }, new() { Name = "X" }, new() { Name = "MODE", Value = "b" }]),
            "spec.podSpec.containers[0].env[2].name: repeats env[0].name \"MODE\"; JD Cloud receives both entries");
    }

    // Warnings come in the order of the fields they are about, as violations do: the env list's before the system
    // disk's and the mounts' of the same container.
    [Fact]
    public void Warnings_come_in_field_order()
    {
        ShouldWarnOnly(Validate(p =>
            {
                p.Containers![0].Env = [new() { Name = "MODE" }, new() { Name = "MODE" }];
                p.Containers[0].SystemDisk!.Iops = 500;
                p.Containers[0].VolumeMounts![0].SubPath = "conf";
            }),
            "spec.podSpec.containers[0].env[1].name: repeats env[0].name \"MODE\"; JD Cloud receives both entries",
            $"{SystemDisk}.iops: has an effect only for diskType ssd.io1 (diskType is ssd.gp1)",
            "spec.podSpec.containers[0].volumeMounts[0].subPath: applies to configFile volumes; volume data is not one");
    }

    [Fact]
    public void A_sub_path_outside_a_config_file_volume_is_a_warning()
    {
        ShouldWarnOnly(Validate(p => p.Containers![0].VolumeMounts![0].SubPath = "conf"),
            "spec.podSpec.containers[0].volumeMounts[0].subPath: applies to configFile volumes; volume data is not one");
        ShouldWarnOnly(Validate(p =>
        {
            p.Volumes![0].JdcloudDisk = null;
            p.Volumes[0].ConfigFile = new ConfigFileVolumeSourceSpec { Name = "web-conf" };
            p.Containers![0].VolumeMounts![0].SubPath = "conf";
        }));
    }

    [Fact]
    public void The_network_interface_zone_is_a_warning()
    {
        ShouldWarnOnly(Validate(p => p.PrimaryNetworkInterface!.NetworkInterface!.Az = "cn-north-1b"),
            "spec.podSpec.primaryNetworkInterface.networkInterface.az: has no effect: the interface is created in the pod's zone (podSpec.az)");
        ShouldWarnOnly(Validate(p => p.PrimaryNetworkInterface!.NetworkInterface!.Az = ""));
    }

    [Fact]
    public void Warnings_and_violations_are_reported_together()
    {
        var result = Validate(p =>
        {
            p.Name = "Web";
            p.PrimaryNetworkInterface!.NetworkInterface!.Az = "cn-north-1b";
        });

        result.Violations.Should().ContainSingle();
        result.Warnings.Should().ContainSingle();
    }
}
