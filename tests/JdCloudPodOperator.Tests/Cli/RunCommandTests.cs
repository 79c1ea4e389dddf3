using System.Net;
using JdCloudPodOperator.Cli;
using JdCloudPodOperator.Controller;

namespace JdCloudPodOperator.Tests.Cli;

public class RunCommandTests
{
    private static readonly string Missing = Path.Combine(Path.GetTempPath(), $"no-kubeconfig-{Guid.NewGuid():N}", "config");

    [Fact]
    public void A_missing_kubeconfig_stops_the_host_before_it_starts()
    {
        var build = () => OperatorHost.Build(new OperatorHostOptions
        {
            HealthAddress = IPAddress.Loopback,
            HealthPort = 0,
            Kubeconfig = Missing,
            Webhook = o => (o.Address, o.Port) = (IPAddress.Loopback, 0),
            Controller = new ControllerHostSettings(),
        });

        build.Should().Throw<k8s.Exceptions.KubeConfigException>().WithMessage($"*{Missing}*");
    }

    [Fact]
    public void Run_with_a_missing_kubeconfig_exits_one() =>
        OperatorCommand.Run(["run", "--kubeconfig", Missing, "--health-port", "0", "--webhook-port", "0"]).Should().Be(1);
}
