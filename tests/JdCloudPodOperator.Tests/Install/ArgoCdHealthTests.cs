using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudPodOperator.Validation.Manifests;

namespace JdCloudPodOperator.Tests.Install;

/// <summary>
/// config/argocd/health.lua run by Lua 5.1 (Argo CD's interpreter; tests/run-tests.sh installs Debian's lua5.1) over
/// the sample statuses in tests/argocd/health-test.lua, and the argocd-cm snippet carrying the same script.
/// </summary>
public class ArgoCdHealthTests
{
    [Fact]
    public async Task Health_script_maps_sample_statuses_to_healthy_progressing_degraded_and_suspended()
    {
        var result = await ProcessRunner.RunAsync("lua5.1", [RepoPaths.Of("tests", "argocd", "health-test.lua"), RepoPaths.Of("config", "argocd", "health.lua")]);

        result.ExitCode.Should().Be(0, result.Output);
        result.StdOut.Should().Contain("0 failed").And.Contain(": Healthy").And.Contain(": Progressing")
            .And.Contain(": Degraded").And.Contain(": Suspended");
    }

    [Fact]
    public void Argocd_cm_snippet_carries_the_script_unchanged()
    {
        var snippet = YamlJson.ReadAll(File.ReadAllText(RepoPaths.Of("config", "argocd", "argocd-cm.yaml"))).Single().Root!;

        ((string?)snippet["data"]!["resource.customizations.health.jdcloudpod.io_JdCloudPod"])
            .Should().Be(File.ReadAllText(RepoPaths.Of("config", "argocd", "health.lua")));
    }
}
