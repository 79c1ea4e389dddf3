using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Entities.Constraints;
using JdCloudPodOperator.Entities.Schema;
using JdCloudPodOperator.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Schema;

/// <summary>The CRD installed once, and a fresh namespace for this test class.</summary>
public sealed class SchemaNamespace : IAsyncLifetime
{
    public string Name { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Crds.EnsureInstalledAsync();
        Name = await ControlPlane.Shared.CreateNamespaceAsync("schema");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>The generated CRD on the real kube-apiserver: what kubectl users and the API server make of it.</summary>
public class CrdOnApiServerTests(SchemaNamespace ns) : IClassFixture<SchemaNamespace>
{
    private static readonly ControlPlane Server = ControlPlane.Shared;

    /// <summary>The fields schema-violations.yaml breaks; the server must name each one.</summary>
    private static readonly string[] SchemaViolations =
    [
        "spec.maxCount", "spec.regionId", "spec.deletionPolicy", "spec.podSpec.name", "spec.podSpec.restartPolicy",
        "spec.podSpec.terminationGracePeriodSeconds", "spec.podSpec.hostAliases[0].ip", "spec.podSpec.dnsConfig.nameservers[0]",
        "spec.podSpec.containers[0].name", "spec.podSpec.containers[0].env[0].name",
        "spec.podSpec.containers[0].systemDisk.sizeGB", "spec.podSpec.containers[0].livenessProbe.tcpSocket.port",
        "spec.podSpec.primaryNetworkInterface.deviceIndex", "spec.podSpec.primaryNetworkInterface.networkInterface.securityGroups",
        "spec.podSpec.primaryNetworkInterface.networkInterface.subnetId",
    ];

    public static TheoryData<string> ValidSamples => new(Samples.Files("valid"));

    public static TheoryData<string> CrossFieldSamples => new(Samples.Files("invalid").Where(f => !Samples.BreaksSchema(f)));

    [Fact]
    public async Task Crd_is_accepted_and_established_with_its_names()
    {
        var crd = await Server.AdminClient().ApiextensionsV1.ReadCustomResourceDefinitionAsync(CrdGenerator.Name);
        crd.Status.Conditions.Should().Contain(c => c.Type == "Established" && c.Status == "True");
        crd.Status.Conditions.Should().Contain(c => c.Type == "NamesAccepted" && c.Status == "True");
        crd.Status.AcceptedNames.ShortNames.Should().Equal("jdpod", "jdpods");
        crd.Status.AcceptedNames.Categories.Should().Equal("jdcloud");
    }

    /// <summary>What the README says about servers before 1.25: kubectl refuses the CRD's CEL key, --validate=false installs it.</summary>
    [Fact]
    public async Task On_a_1_20_server_the_crd_installs_with_validate_false()
    {
        var crd = RepoPaths.Of("crds", CrdGenerator.FileName);

        var validated = await Server.KubectlAsync(null, "apply", "--dry-run=server", "-f", crd);
        var unvalidated = await Server.KubectlAsync(null, "apply", "--validate=false", "--dry-run=server", "-f", crd);

        validated.ExitCode.Should().NotBe(0, validated.Output);
        validated.Output.Should().Contain("x-kubernetes-validations");
        unvalidated.ExitCode.Should().Be(0, unvalidated.Output);
    }

    [Theory]
    [MemberData(nameof(ValidSamples))]
    public async Task Valid_sample_is_applied(string file)
    {
        // kubectl's default client-side validation runs too: a user can apply the sample as is.
        var apply = await Server.KubectlAsync(null, "apply", "-n", ns.Name, "-f", Samples.PathOf("valid", file));
        apply.ExitCode.Should().Be(0, apply.Output);
        var get = await Server.KubectlAsync(null, "get", "jdpod", "-n", ns.Name, Samples.LoadPod(file).Metadata.Name, "-o", "name");
        get.ExitCode.Should().Be(0, get.Output);
    }

    /// <summary>
    /// Every legal empty string gets in and stays "": the local API server once took "" for null (fixed in
    /// control-plane.sh, see docs/local-control-plane.md), as the real one never did.
    /// </summary>
    [Fact]
    public async Task Legal_empty_strings_are_accepted_and_kept()
    {
        var pod = Samples.LoadPod("minimal.yaml");
        pod.Metadata.Name = "empty-strings";
        var spec = pod.Spec.PodSpec!;
        spec.Description = "";
        spec.DnsConfig = new DnsConfigSpec { Options = [new PodDnsConfigOptionSpec { Name = "edns0", Value = "" }] };
        spec.UserTags = [new Tag { Key = "team", Value = "" }];
        var container = spec.Containers![0];
        container.Env = [new EnvSpec { Name = "EMPTY", Value = "" }];
        container.WorkingDir = "";
        container.ReadinessProbe = new ProbeSpec
        {
            HttpGet = new HgSpec { Port = 80, Path = "/", Host = "", HttpHeader = [new HhSpec { Name = "X-Empty", Value = "" }] },
        };
        spec.PrimaryNetworkInterface!.NetworkInterface!.Description = "";

        var apply = await Server.KubectlAsync(KubernetesYaml.Serialize(pod), "apply", "-n", ns.Name, "-f", "-");

        apply.ExitCode.Should().Be(0, apply.Output);
        var stored = (await ReadAsync("empty-strings")).Spec.PodSpec!;
        (stored.Description, stored.DnsConfig!.Options![0].Value, stored.UserTags![0].Value).Should().Be(("", "", ""));
        var web = stored.Containers![0];
        (web.Env![0].Value, web.WorkingDir, web.ReadinessProbe!.HttpGet!.Host, web.ReadinessProbe.HttpGet.HttpHeader![0].Value).Should().Be(("", "", "", ""));
        stored.PrimaryNetworkInterface!.NetworkInterface!.Description.Should().Be("");
    }

    [Fact]
    public async Task Server_fills_in_the_schema_defaults()
    {
        var pod = await CreateAsync(Samples.LoadPod("minimal.yaml"), "defaults");
        pod.Spec.MaxCount.Should().Be(1);
        pod.Spec.DeletionPolicy.Should().Be("Delete");
    }

    [Fact]
    public async Task Schema_breaking_sample_is_refused_naming_every_broken_field()
    {
        Samples.ExpectedViolationPaths("schema-violations.yaml").Should().BeEquivalentTo(SchemaViolations,
            "the sample's header must say what it breaks");
        // --validate=false: the API server judges, not kubectl (which stops at the first missing field).
        var apply = await Server.KubectlAsync(null, "apply", "--validate=false", "-n", ns.Name, "-f",
            Samples.PathOf("invalid", "schema-violations.yaml"));
        apply.ExitCode.Should().NotBe(0);
        foreach (var path in SchemaViolations) apply.Output.Should().MatchRegex(ErrorLineFor(path), apply.Output);
    }

    /// <summary>Rules the schema states with enum and oneOf hold on every server, 1.20 included, without CEL.</summary>
    [Theory]
    [InlineData("schema-nic-auto-delete-false.yaml", "spec.podSpec.primaryNetworkInterface.autoDelete")]
    [InlineData("schema-probe-with-two-handlers.yaml", "spec.podSpec.containers[0].livenessProbe")]
    public async Task Field_rules_stated_in_openapi_are_enforced_by_the_api_server(string file, string path)
    {
        var apply = await Server.KubectlAsync(null, "apply", "--validate=false", "--dry-run=server", "-n", ns.Name, "-f", Samples.PathOf("invalid", file));
        apply.ExitCode.Should().NotBe(0, apply.Output);
        // One error is printed on the "is invalid:" line itself, not as a "* path: ..." list item.
        apply.Output.Should().MatchRegex($@"({Regex.Escape(path)}|{Regex.Escape(Regex.Replace(path, @"\[\d+\]", ""))})\b", apply.Output);
    }

    [Theory]
    [MemberData(nameof(CrossFieldSamples))]
    public async Task Cross_field_sample_breaks_no_schema_rule(string file)
    {
        // This server (1.20) cannot run the CEL copies of the cross-field rules: only the webhook refuses these.
        // Passing the schema proves each sample breaks nothing but the rules its header names.
        Samples.ExpectedViolationPaths(file).Should().NotBeEmpty("the header must say which rule the sample breaks");
        var apply = await Server.KubectlAsync(null, "apply", "--dry-run=server", "-n", ns.Name, "-f", Samples.PathOf("invalid", file));
        apply.ExitCode.Should().Be(0, apply.Output);
    }

    [Fact]
    public async Task Duplicate_container_name_is_refused_by_the_list_map_key()
    {
        var pod = Samples.LoadPod("minimal.yaml");
        pod.Metadata.Name = "duplicate-containers";
        var web = pod.Spec.PodSpec!.Containers![0];
        pod.Spec.PodSpec.Containers.Add(new ContainerSpec { Name = web.Name, Image = "redis:7", SystemDisk = web.SystemDisk });
        var apply = await Server.KubectlAsync(KubernetesYaml.Serialize(pod), "apply", "-n", ns.Name, "-f", "-");
        apply.ExitCode.Should().NotBe(0);
        apply.Output.Should().Contain("spec.podSpec.containers[1]: Duplicate value");
    }

    [Fact]
    public async Task Rollout_bounds_take_an_integer_or_a_percentage_and_the_server_fills_in_the_rest()
    {
        var pod = Samples.LoadPod("minimal.yaml");
        pod.Spec.UpdateStrategy = new UpdateStrategySpec { RollingUpdate = new RollingUpdateSpec { MaxUnavailable = "25%" } };

        var created = await CreateAsync(pod, "bounds");

        var strategy = created.Spec.UpdateStrategy!;
        (strategy.Type, strategy.InPlace, strategy.ProgressDeadlineSeconds, created.Spec.RunState)
            .Should().Be(("RollingUpdate", "IfPossible", 600, "Running"));
        (strategy.RollingUpdate!.MaxUnavailable?.Value, strategy.RollingUpdate.MaxSurge?.Value).Should().Be(("25%", "1"));
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("150%")]
    [InlineData("101")]
    public async Task A_rollout_bound_that_is_no_count_or_percentage_is_refused_by_the_server(string value)
    {
        var pod = Samples.LoadPod("minimal.yaml");
        pod.Metadata.Name = "bad-bounds";
        pod.Spec.UpdateStrategy = new UpdateStrategySpec { RollingUpdate = new RollingUpdateSpec { MaxSurge = value } };
        var yaml = KubernetesYaml.Serialize(pod);

        var apply = await Server.KubectlAsync(yaml, "apply", "--validate=false", "--dry-run=server", "-n", ns.Name, "-f", "-");

        apply.ExitCode.Should().NotBe(0, yaml);
        apply.Output.Should().Contain("spec.updateStrategy.rollingUpdate.maxSurge");
    }

    [Fact]
    public async Task Explain_prints_the_descriptions_of_the_entity_attributes()
    {
        var explain = await Server.KubectlAsync(null, "explain", "jdcloudpod.spec.podSpec.containers");
        explain.ExitCode.Should().Be(0, explain.Output);
        var text = Regex.Replace(explain.StdOut, @"\s+", " ");
        text.Should().Contain(DescriptionOf(typeof(PodSpec).GetProperty(nameof(PodSpec.Containers))!));
        foreach (var field in typeof(ContainerSpec).GetProperties()) text.Should().Contain(DescriptionOf(field));
    }

    [Fact]
    public async Task Printer_columns_show_in_kubectl_get()
    {
        var pod = await CreateAsync(Samples.LoadPod("minimal.yaml"), "columns");
        await PatchStatusAsync(pod.Metadata.Name, new
        {
            status = new
            {
                phase = "Running", createdCount = 1, updatedCount = 1, podIds = new[] { "pod-abcde12345" },
                conditions = new[] { new { type = "Ready", status = "True", reason = "AllPodsRunning", message = "1 of 1 running",
                    lastTransitionTime = "2026-01-02T03:04:05Z" } },
            },
        });
        var columns = typeof(JdCloudPod).GetCustomAttributes<PrinterColumnAttribute>().ToList();

        var table = await GetTableAsync(pod.Metadata.Name);
        table.Header.Should().Equal(new[] { "NAME" }.Concat(columns.Where(c => c.Priority == 0).Select(c => c.Name.ToUpperInvariant())));
        table.Row[..7].Should().Equal("columns", "Running", "True", "1", "1", "1", "pod-abcde12345");

        var wide = await GetTableAsync(pod.Metadata.Name, "-o", "wide");
        wide.Header.Should().Equal(new[] { "NAME" }.Concat(columns.Select(c => c.Name.ToUpperInvariant())));
        wide.Row[7..9].Should().Equal("cn-north-1", "AllPodsRunning");
    }

    [Fact]
    public async Task Status_is_a_subresource_the_spec_and_status_never_change_each_other()
    {
        var pod = await CreateAsync(Samples.LoadPod("minimal.yaml"), "status-split");
        await PatchStatusAsync(pod.Metadata.Name, new { spec = new { maxCount = 5 }, status = new { phase = "Running" } });
        var afterStatusPatch = await ReadAsync(pod.Metadata.Name);
        (afterStatusPatch.Spec.MaxCount, afterStatusPatch.Status?.Phase, afterStatusPatch.Metadata.Generation).Should().Be((1, "Running", 1L));

        await Server.AdminClient().CustomObjects.PatchNamespacedCustomObjectAsync(
            MergePatch(new { spec = new { maxCount = 2 }, status = new { phase = "Failed" } }),
            JdCloudPod.Group, JdCloudPod.Version, ns.Name, JdCloudPod.Plural, pod.Metadata.Name);
        var afterSpecPatch = await ReadAsync(pod.Metadata.Name);
        (afterSpecPatch.Spec.MaxCount, afterSpecPatch.Status?.Phase, afterSpecPatch.Metadata.Generation).Should().Be((2, "Running", 2L));
    }

    private async Task<JdCloudPod> CreateAsync(JdCloudPod pod, string name)
    {
        pod.Metadata.Name = name;
        return await Server.AdminClient().CustomObjects.CreateNamespacedCustomObjectAsync<JdCloudPod>(
            pod, JdCloudPod.Group, JdCloudPod.Version, ns.Name, JdCloudPod.Plural);
    }

    private Task<JdCloudPod> ReadAsync(string name) =>
        Server.AdminClient().CustomObjects.GetNamespacedCustomObjectAsync<JdCloudPod>(
            JdCloudPod.Group, JdCloudPod.Version, ns.Name, JdCloudPod.Plural, name);

    private Task PatchStatusAsync(string name, object patch) =>
        Server.AdminClient().CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            MergePatch(patch), JdCloudPod.Group, JdCloudPod.Version, ns.Name, JdCloudPod.Plural, name);

    private async Task<(string[] Header, string[] Row)> GetTableAsync(string name, params string[] extra)
    {
        var get = await Server.KubectlAsync(null, ["get", "jdpod", name, "-n", ns.Name, .. extra]);
        get.ExitCode.Should().Be(0, get.Output);
        var lines = get.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (Cells(lines[0]), Cells(lines[1]));
    }

    // kubectl pads columns with spaces; no cell here contains one.
    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static V1Patch MergePatch(object patch) => new(JsonSerializer.Serialize(patch), V1Patch.PatchType.MergePatch);

    private static string DescriptionOf(MemberInfo member) => member.GetCustomAttribute<DescriptionAttribute>()!.Description;

    /// <summary>"* spec.podSpec.containers[0].name: ..." (newer servers) or "* spec.podSpec.containers.name: ..." (1.20).</summary>
    private static string ErrorLineFor(string path)
    {
        var withoutIndexes = Regex.Replace(path, @"\[\d+\]", "");
        return $@"(?m)^\* ({Regex.Escape(path)}|{Regex.Escape(withoutIndexes)}): ";
    }
}
