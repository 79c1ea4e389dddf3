using System.CommandLine;

namespace JdCloudPodOperator.Cli;

/// <summary>The command line: every subcommand is registered here, each defined in its own file.</summary>
public static class OperatorCommand
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("jdcloud-pod-operator: runs JdCloudPod custom resources as JD Cloud pods.");
        root.Subcommands.Add(GenerateCommand.Create());
        root.Add(ValidateCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        return root.Parse(args).Invoke();
    }
}
