using System.CommandLine;

namespace JdCloudPodOperator.Cli;

/// <summary>The command line: every subcommand is registered here, each defined in its own file.</summary>
public static class OperatorCommand
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("jdcloud-pod-operator: runs JdCloudPod custom resources as JD Cloud pods.");
        root.Add(ValidateCommand.Create());
        return root.Parse(args).Invoke();
    }
}
