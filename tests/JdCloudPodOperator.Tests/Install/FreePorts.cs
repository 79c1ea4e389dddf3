using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Install;

/// <summary>
/// Loopback ports free right now, for listeners whose URLs must be known before they start, taken as the demo, the
/// bench and the control plane take theirs: by `control-plane.sh free-ports`, below the kernel's ephemeral range
/// (docs/local-control-plane.md: a port from bind(0) may go to an outgoing connection before the listener binds it).
/// A port already handed to another test of this run is not handed out again.
/// </summary>
internal static class FreePorts
{
    private static readonly HashSet<int> Given = [];

    public static async Task<int[]> TakeAsync(int count)
    {
        var ports = new List<int>();
        while (ports.Count < count)
        {
            var result = await ProcessRunner.RunAsync(RepoPaths.Of("tests", "control-plane", "control-plane.sh"), ["free-ports", $"{count}"]);
            if (result.ExitCode != 0) throw new InvalidOperationException("control-plane.sh free-ports failed: " + result.Output);
            lock (Given)
            {
                foreach (var line in result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var port = int.Parse(line, System.Globalization.CultureInfo.InvariantCulture);
                    if (ports.Count < count && Given.Add(port)) ports.Add(port);
                }
            }
        }
        return [.. ports];
    }
}
