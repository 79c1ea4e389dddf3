using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Tests.Validation;

public class ValidatorTests
{
    [Fact]
    public void The_test_pods_are_valid_and_warning_free()
    {
        foreach (var pod in new[] { TestPods.Minimal(), TestPods.Full(), TestPods.Largest() })
        {
            var result = JdCloudPodValidator.Validate(pod);
            result.IsValid.Should().BeTrue(result.ToString());
            result.Warnings.Should().BeEmpty();
        }
    }

    [Fact]
    public void A_valid_pod_gets_the_shared_empty_result()
    {
        JdCloudPodValidator.Validate(TestPods.Full()).Should().BeSameAs(ValidationResult.Valid);
    }

    [Fact]
    public void A_quoted_value_is_cut_after_80_characters_and_never_inside_a_surrogate_pair()
    {
        const string emoji = "\U0001F600"; // two UTF-16 units

        FieldViolation.Truncate(new string('a', 80)).Should().Be(new string('a', 80));
        FieldViolation.Truncate(new string('a', 81)).Should().Be(new string('a', 80) + "...");
        FieldViolation.Truncate(new string('a', 78) + emoji + "b").Should().Be(new string('a', 78) + emoji + "...");
        FieldViolation.Truncate(new string('a', 79) + emoji + "b").Should().Be(new string('a', 79) + "...");
        new FieldViolation("f", ViolationKind.Invalid, new string('a', 79) + emoji, "d").ToString()
            .Should().Be($"f: Invalid value: \"{new string('a', 79)}...\": d");
    }

    [Fact]
    public void The_message_reads_as_kubectl_prints_it()
    {
        var pod = TestPods.Full();
        pod.Spec.PodSpec!.Containers![1].Name = "Web_1";

        JdCloudPodValidator.Validate(pod).ToString().Should().Be(
            "spec.podSpec.containers[1].name: Invalid value: \"Web_1\": must be a DNS-1123 label (lowercase letters, digits and '-', " +
            "starting and ending with a letter or digit, 1-63 characters)");
    }

    [Fact]
    public void Every_violation_is_reported_at_once()
    {
        var pod = TestPods.Full();
        var spec = pod.Spec.PodSpec!;
        pod.Spec.RegionId = null;                                            // 1
        pod.Spec.MaxCount = 0;                                               // 2, and the explicit IPs: 3, 4, 5
        spec.Name = "Web";                                                   // 5
        spec.Containers![0].Image = "nginx:";                                // 6
        spec.Containers[1].VolumeMounts![0].Name = "cache";                  // 7
        spec.Containers[1].LivenessProbe!.HttpGet = null;                    // 8
        spec.Volumes![0].JdcloudDisk!.SizeGB = 5000;                         // 9
        spec.DnsConfig!.Options![1].Value = "1";                             // 10

        var result = JdCloudPodValidator.Validate(pod);

        result.Violations.Select(v => v.Field).Should().Equal(
            "spec.podSpec.name",
            "spec.podSpec.dnsConfig.options[1].value",
            "spec.podSpec.volumes[0].jdcloudDisk.sizeGB",
            "spec.podSpec.containers[0].image",
            "spec.podSpec.containers[1].livenessProbe",
            "spec.podSpec.containers[1].volumeMounts[0].name",
            "spec.podSpec.primaryNetworkInterface.networkInterface.primaryIpAddress",
            "spec.podSpec.primaryNetworkInterface.networkInterface.secondaryIpAddresses",
            "spec.podSpec.primaryNetworkInterface.networkInterface.ipv6Address",
            "spec.maxCount",
            "spec.regionId");
    }

    [Fact]
    public void Null_pods_specs_and_list_items_are_violations_not_exceptions()
    {
        JdCloudPodValidator.Validate(null).ToString().Should().Be("spec: Required value");
        JdCloudPodValidator.Validate(new JdCloudPod { Spec = null! }).ToString().Should().Be("spec: Required value");

        var pod = TestPods.Full();
        pod.Spec.PodSpec!.Containers![1] = null!;
        pod.Spec.PodSpec.Containers[0].Env![0] = null!;
        pod.Spec.PodSpec.Containers[0].Command![0] = null!;
        pod.Spec.PodSpec.Volumes![0] = null!;

        JdCloudPodValidator.Validate(pod).Violations.Select(v => v.ToString()).Should().Equal(
            "spec.podSpec.volumes[0]: Required value: a list item may not be null",
            "spec.podSpec.containers[0].command[0]: Required value: a list item may not be null",
            "spec.podSpec.containers[0].env[0]: Required value: a list item may not be null",
            "spec.podSpec.containers[0].volumeMounts[0].name: Not found: \"data\": must be the name of one of podSpec.volumes",
            "spec.podSpec.containers[1]: Required value: a list item may not be null");
    }

    [Fact]
    public void An_empty_pod_spec_reports_each_required_field()
    {
        var pod = TestPods.Minimal();
        pod.Spec.PodSpec = new PodSpec();

        JdCloudPodValidator.Validate(pod).Violations.Select(v => v.ToString()).Should().Equal(
            "spec.podSpec.name: Required value",
            "spec.podSpec.instanceType: Required value",
            "spec.podSpec.containers: Required value",
            "spec.podSpec.primaryNetworkInterface: Required value",
            "spec.podSpec.az: Required value: required unless agId is set");
    }

    [Fact]
    public void A_megabyte_string_gives_short_messages()
    {
        var pod = TestPods.Full();
        pod.Spec.PodSpec!.Name = new string('A', 1 << 20);
        pod.Spec.PodSpec.Containers![0].Image = new string('/', 1 << 20);
        pod.Spec.PodSpec.Containers[0].VolumeMounts![0].MountPath = "/\n" + new string('a', 1 << 20) + "\n";

        var result = JdCloudPodValidator.Validate(pod);

        result.Violations.Should().HaveCount(6);
        result.Violations.Should().OnlyContain(v => v.ToString().Length < 400);
        result.Violations[0].ToString().Should().Be($"spec.podSpec.name: Too long: may not be more than 253 characters (is {1 << 20})");
        result.Violations[1].ToString().Should().StartWith("spec.podSpec.name: Invalid value: \"" + new string('A', 80) + "...\": must be a DNS-1123 subdomain");
    }

    [Fact]
    public void Long_lists_are_checked_in_linear_time()
    {
        const int count = 30_000;
        var pod = TestPods.Full();
        var container = pod.Spec.PodSpec!.Containers![0];
        container.Env = [.. Enumerable.Range(0, count).Select(i => new EnvSpec { Name = i == count - 1 ? "V0" : $"V{i}" })];
        container.VolumeMounts = [.. Enumerable.Range(0, count).Select(i => new VolumeMountSpec { Name = "data", MountPath = $"/data/{i}" })];
        container.VolumeMounts[0].MountPath = "/data";
        pod.Spec.PodSpec.Volumes = [.. Enumerable.Range(0, count).Select(i => new VolumeSpec { Name = $"v{i}", JdcloudDisk = new() { FsType = "xfs" } })];
        pod.Spec.PodSpec.Volumes.Add(new VolumeSpec { Name = "data", JdcloudDisk = new() { FsType = "xfs" } });
        pod.Spec.PodSpec.Volumes.Add(new VolumeSpec { Name = "logs", JdcloudDisk = new() { FsType = "xfs" } });

        var result = JdCloudPodValidator.Validate(pod);

        // env (100), volumes (7) and volumeMounts (64) are each past their maximum (env's one repeated name is a warning), and every
        // mount but the first is nested under /data: all counted, the first 100 reported.
        result.Violations.Should().HaveCount(ValidationResult.MaxReported);
        result.Violations.Count(v => v.Kind == ViolationKind.TooMany).Should().Be(3);
        result.Violations.Should().NotContain(v => v.Kind == ViolationKind.Duplicate);
        result.Warnings.Should().Contain($"spec.podSpec.containers[0].env[{count - 1}].name: repeats env[0].name \"V0\"; JD Cloud receives both entries");
        result.Violations.Count(v => v.Detail.Contains("nested")).Should().Be(ValidationResult.MaxReported - 3);
        (result.Violations.Count + result.Omitted).Should().Be(3 + (count - 1));
    }

    [Fact]
    public void Concurrent_validations_do_not_share_state()
    {
        var pods = Enumerable.Range(0, 200).Select(i =>
        {
            var pod = i % 2 == 0 ? TestPods.Full() : TestPods.Largest();
            if (i % 3 == 0) pod.Spec.PodSpec!.Containers![0].Name = $"Bad_{i}";
            return pod;
        }).ToArray();
        var expected = pods.Select(p => JdCloudPodValidator.Validate(p).ToString()).ToArray();

        var actual = new string[pods.Length];
        Parallel.For(0, pods.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = JdCloudPodValidator.Validate(pods[i]).ToString());

        actual.Should().Equal(expected);
    }

    [Fact]
    public void A_result_is_not_changed_by_later_validations()
    {
        var bad = TestPods.Full();
        bad.Spec.RegionId = null;
        var first = JdCloudPodValidator.Validate(bad);

        JdCloudPodValidator.Validate(TestPods.Minimal());
        JdCloudPodValidator.Validate(new JdCloudPod { Spec = null! });

        first.ToString().Should().Be("spec.regionId: Required value");
    }

    [Fact]
    public void Violations_carry_the_kubernetes_reason()
    {
        var pod = TestPods.Full();
        pod.Spec.PodSpec!.Containers![0].VolumeMounts![0].Name = "cache";
        pod.Spec.PodSpec.RestartPolicy = "sometimes";

        JdCloudPodValidator.Validate(pod).Violations.Select(v => v.Reason).Should().Equal("FieldValueNotSupported", "FieldValueNotFound");
    }
}
