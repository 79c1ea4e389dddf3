using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Install;

/// <summary>
/// The README's first command (`make demo`, tests/demo/demo.sh) run end to end on the binaries the suite was built
/// with: its own control plane, both simulators, the operator, a sample until Ready and registered in CMDB, an image
/// rolled in place, the delete. A break in the script (it once failed on a clean clone while every test passed) fails
/// here.
/// </summary>
public class DemoScriptTests
{
    [Fact]
    public async Task Demo_runs_to_the_end_and_leaves_no_pod_in_the_cmdb_simulator()
    {
        var dir = Directory.CreateTempSubdirectory("jdpod-demo-test-");
        try
        {
            var result = await ProcessRunner.RunAsync(RepoPaths.Of("tests", "demo", "demo.sh"), [],
                new Dictionary<string, string> { ["DEMO_NO_BUILD"] = "1", ["DEMO_DIR"] = Path.Combine(dir.FullName, "work") },
                timeout: TimeSpan.FromMinutes(8));

            result.ExitCode.Should().Be(0, result.Output);
            result.StdOut.Should().Contain("spec.podSpec.primaryNetworkInterface.networkInterface.primaryIpAddress: Forbidden",
                    "the API server refuses the invalid sample with the field path")
                .And.Contain("condition met")
                .And.MatchRegex(@"pod IDs after: +\[")
                .And.Contain("pods left in the CMDB simulator: 0");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
