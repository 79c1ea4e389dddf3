using System.Net;
using System.Net.Sockets;

namespace JdCloudPodOperator.Tests.Install;

/// <summary>A loopback port free right now: for a webhook URL that must be known before the operator starts.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
