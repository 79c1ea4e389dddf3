using System.Net;
using System.Net.Sockets;

namespace JdCloudPodOperator.Tests.Install;

/// <summary>
/// A loopback port free right now, for a listener whose URL must be known before it starts. Taken below the kernel's
/// ephemeral range (ip_local_port_range), as `control-plane.sh free-ports` takes its ports: a port from bind(0) is
/// one the kernel may hand to any outgoing connection (kubectl's, a client's) before the listener binds it, which
/// failed a test under load with "address already in use"; below that range only a listener picking its own port can
/// take it. The ports come in a sequence from a random start, so tests running at once never pick the same one.
/// </summary>
internal static class FreePorts
{
    private static readonly (int First, int Count) Range = Outside(EphemeralRange());
    private static int next = Random.Shared.Next(Range.Count);

    public static int Next()
    {
        for (var tried = 0; tried < Range.Count; tried++)
        {
            var port = Range.First + (int)((uint)Interlocked.Increment(ref next) % (uint)Range.Count);
            if (IsFree(port)) return port;
        }
        throw new InvalidOperationException($"no free loopback port from {Range.First} to {Range.First + Range.Count - 1}");
    }

    private static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }

    // Up to 12,000 ports just below the ephemeral range, or those above it when it starts too low to leave room.
    private static (int First, int Count) Outside((int First, int Last) ephemeral)
    {
        if (ephemeral.First <= 3000) return (ephemeral.Last + 1, 65535 - ephemeral.Last);
        var first = Math.Max(1024, ephemeral.First - 12000);
        return (first, ephemeral.First - first);
    }

    // Linux's default when the file cannot be read.
    private static (int First, int Last) EphemeralRange()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(range[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return (32768, 60999);
        }
    }
}
