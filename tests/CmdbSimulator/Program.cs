namespace CmdbSimulator;

/// <summary>
/// Standalone BlueKing CMDB simulator: <c>dotnet run --project tests/CmdbSimulator -- --urls http://127.0.0.1:0</c>.
/// Prints the URL it listens on; seeds the example topology of docs/bkcmdb-api.md (business 2, cluster 5, namespace 12,
/// node 31, workload pods/77) and the app jdcloud-pod-operator / simulator-secret.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        await using var host = await SimulatorHost.StartAsync(args, quiet: false);
        host.State.Seed(new Topology(
            [new Cluster(5, 1, "BCS-K8S-00001")],
            [new KubeNamespace(12, 5, 2, "default")],
            [new Node(31, 5, 1, "jdcloud-virtual-node")],
            [new Workload("pods", 77, 12, "pods")]));
        Console.WriteLine($"CmdbSimulator listening on {host.BaseUrl} (gateway {host.GatewayUrl}/{EntryPoints.Stage})");
        await host.WaitForShutdownAsync();
        return 0;
    }
}
