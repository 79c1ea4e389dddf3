namespace JdCloudPodOperator.Tests.Infrastructure;

public class ControlPlaneTests
{
    [Fact]
    public async Task Real_api_server_answers_and_namespaces_can_be_created()
    {
        var ns = await ControlPlane.Shared.CreateNamespaceAsync("smoke");
        var result = await ControlPlane.Shared.KubectlAsync(null, "get", "namespace", ns, "-o", "name");
        result.ExitCode.Should().Be(0, result.Output);
        result.StdOut.Trim().Should().Be($"namespace/{ns}");
    }
}
