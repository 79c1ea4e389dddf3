namespace JdCloudPodOperator;

public static class Program
{
    public static int Main(string[] args) => Cli.OperatorCommand.Run(args);
}
