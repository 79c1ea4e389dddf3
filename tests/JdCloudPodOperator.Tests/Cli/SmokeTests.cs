using JdCloudPodOperator.Cli;

namespace JdCloudPodOperator.Tests.Cli;

public class SmokeTests
{
    [Fact]
    public void Operator_help_exits_zero() => OperatorCommand.Run(["--help"]).Should().Be(0);
}
