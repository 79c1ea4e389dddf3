namespace JdCloudPodOperator.Tests;

public class SmokeTests
{
    [Fact]
    public void Operator_help_exits_zero() => Cli.OperatorCommand.Run(["--help"]).Should().Be(0);
}
